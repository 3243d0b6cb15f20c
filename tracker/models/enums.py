"""The closed vocabularies of the domain, stored as checked strings (portable to any database)."""

from enum import StrEnum

from sqlalchemy import Enum


def enum_type(enum_cls: type[StrEnum], name: str) -> Enum:
    """A VARCHAR with a CHECK constraint holding the enum's values (not its member names)."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    MEMBER = "member"
    VIEWER = "viewer"


class OrganizationKind(StrEnum):
    GOVERNMENT = "government"
    EMBASSY = "embassy"
    UN_AGENCY = "un_agency"
    MULTILATERAL = "multilateral"
    CIVIL_SOCIETY = "civil_society"
    ACADEMIA = "academia"
    PRIVATE = "private"
    OTHER = "other"


class ActivityKind(StrEnum):
    FORUM = "forum"
    MEETING = "meeting"
    CONFERENCE = "conference"
    WORKSHOP = "workshop"
    MISSION = "mission"
    SEMINAR = "seminar"
    TRAINING = "training"
    OTHER = "other"


class Modality(StrEnum):
    IN_PERSON = "in_person"
    VIRTUAL = "virtual"
    HYBRID = "hybrid"


class ReportStatus(StrEnum):
    PENDING = "pending"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class ProjectStatus(StrEnum):
    """IATI activity-status codes 1–6, by name."""

    PIPELINE = "pipeline"
    IMPLEMENTATION = "implementation"
    FINALISATION = "finalisation"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    SUSPENDED = "suspended"


class InstitutionRole(StrEnum):
    LEAD = "lead"
    COUNTERPART = "counterpart"
    PARTICIPANT = "participant"
    FUNDER = "funder"


class FollowUpKind(StrEnum):
    COMMITMENT = "commitment"
    ACTION = "action"
    RESULT = "result"
    MILESTONE = "milestone"
    TASK = "task"


class FollowUpStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    DONE = "done"
    CANCELLED = "cancelled"


OPEN_STATUSES = (FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS, FollowUpStatus.BLOCKED)


class ResultOutcome(StrEnum):
    """How far a project's expected result was achieved (an outcome, not a task that is late)."""

    NOT_YET = "not_yet"
    PARTLY = "partly"
    ACHIEVED = "achieved"


class FeedScope(StrEnum):
    """Whose deadlines a private calendar feed carries."""

    MINE = "mine"
    UNIT = "unit"
    PROJECT = "project"
    ORGANIZATION = "organization"
    PERSON = "person"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class TokenKind(StrEnum):
    """What a personal access token opens: the JSON API, or the read-only calendar feed."""

    API = "api"
    CALENDAR = "calendar"


class AttachmentKind(StrEnum):
    """What a document kept beside a report is (the form asks for some of these)."""

    ORIGINAL_FORM = "original_form"
    INVITATION = "invitation"
    AGENDA = "agenda"
    TRAVEL_AGREEMENT = "travel_agreement"
    PROGRAMME = "programme"
    OTHER = "other"


class ReminderRule(StrEnum):
    """Why a notice was sent, as stored on every outbox row (notifications.rule).

    The values are the stored names: renaming one would re-send what was already sent.
    jobs/rules.py names each one for the planner and the digest.
    """

    DUE_SOON = "due_soon"
    DUE_TODAY = "due_today"
    MILESTONE_SOON = "milestone_soon"
    OVERDUE = "overdue"
    OVERDUE_SUPERVISOR = "overdue_supervisor"
    OVERDUE_UNIT = "overdue_unit"
    REPORT_DUE_SOON = "report_due_soon"
    REPORT_OVERDUE = "report_overdue"
    PROJECT_OVERRUN = "project_overrun"
    PROJECT_SHEET_STALE = "project_sheet_stale"
    REPORT_SUBMITTED = "report_submitted"
    REPORT_RETURNED = "report_returned"
    REPORT_APPROVED = "report_approved"
    BRIEFING = "briefing"
    REPORT_LINK = "report_link"
    FOLLOWUP_NEWS = "followup_news"
