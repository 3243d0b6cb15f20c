"""Who may do what. One function per decision, used by views, the API and templates alike.

admin manages users; coordinator reads and edits everything; member reads everything but edits
only what they own (their follow-ups, their reports, the projects they lead); viewer reads only.
"""

from tracker.models import FollowUp, ParticipationReport, Project, User
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
