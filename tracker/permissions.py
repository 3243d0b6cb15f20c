"""Who may do what. One function per decision, used by views, the API and templates alike.

admin manages users; coordinator reads and edits everything; member reads everything but edits
only what they own (their follow-ups, their reports, the projects they lead); viewer reads only.
A member "leads" a project when they are its lead and an activity when they take part in it
(they have a participation report on it).
"""

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import (
    Activity,
    Attachment,
    FollowUp,
    ParticipationReport,
    Person,
    Project,
    User,
)
from tracker.models.enums import Role


def can_edit_everything(user: User) -> bool:
    return user.role in (Role.ADMIN, Role.COORDINATOR)


def can_create_followup(user: User) -> bool:
    return user.role != Role.VIEWER


def can_edit_followup(user: User, followup: FollowUp) -> bool:
    if can_edit_everything(user):
        return True
    if user.role != Role.MEMBER:
        return False
    return followup.owner_id == user.person_id or followup.created_by_id == user.id


def can_own_followup(user: User, owner: Person | None) -> bool:
    """Whom the user may put in charge of a follow-up: anyone, or a member only themselves."""
    if can_edit_everything(user):
        return True
    return user.role == Role.MEMBER and owner is not None and owner.id == user.person_id


def takes_part_in(user: User, activity: Activity) -> bool:
    """Whether the user's person has a (live) participation report on the activity."""
    return (
        db.session.scalar(
            select(ParticipationReport.id)
            .where(
                ParticipationReport.activity_id == activity.id,
                ParticipationReport.person_id == user.person_id,
                ParticipationReport.deleted_at.is_(None),
            )
            .limit(1)
        )
        is not None
    )


def can_attach_followup_to(user: User, record: Project | Activity | ParticipationReport) -> bool:
    """Whether a follow-up may hang from this project, activity or report: members only from
    what they lead (their projects, the activities they take part in, their own reports)."""
    if can_edit_everything(user):
        return True
    if user.role != Role.MEMBER:
        return False
    if isinstance(record, Project):
        return record.lead_id == user.person_id
    if isinstance(record, ParticipationReport):
        return record.person_id == user.person_id
    return takes_part_in(user, record)


def can_download_attachment(attachment: Attachment) -> bool:
    """An original document goes with its record: once the report or project is in the trash
    (or the report's activity is), its files are not served to anyone until it is restored."""
    if attachment.report_id is not None:
        report = db.session.get(ParticipationReport, attachment.report_id)
        if report is None or report.deleted_at is not None or report.activity.deleted_at:
            return False
    if attachment.project_id is not None:
        project = db.session.get(Project, attachment.project_id)
        if project is None or project.deleted_at is not None:
            return False
    return True


def can_edit_report(user: User, report: ParticipationReport) -> bool:
    if can_edit_everything(user):
        return True
    return user.role == Role.MEMBER and report.person_id == user.person_id


def can_approve_report(user: User, report: ParticipationReport) -> bool:
    """The author's supervisor, a coordinator or an admin; never the author."""
    if report.person_id == user.person_id:
        return False
    if can_edit_everything(user):
        return True
    return user.role != Role.VIEWER and report.person.supervisor_id == user.person_id


def can_edit_project(user: User, project: Project) -> bool:
    if can_edit_everything(user):
        return True
    return user.role == Role.MEMBER and project.lead_id == user.person_id


def can_manage_users(user: User) -> bool:
    return user.role == Role.ADMIN
