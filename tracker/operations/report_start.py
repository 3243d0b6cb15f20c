"""Starting a report from "Nuevo informe" or from an activity's page: the author takes part
in an activity (registered, or created now with its basic data) and her report is pending."""

from flask_babel import gettext as _
from sqlalchemy import select

from tracker import permissions
from tracker.extensions import db
from tracker.models import Activity, ParticipationReport, Person, User
from tracker.models.enums import Role
from tracker.operations.activities import create_activity
from tracker.operations.errors import OperationError, PermissionDenied
from tracker.operations.reports import add_participant


def may_start_report_for(actor: User, person: Person | None) -> bool:
    """A member starts only her own report; coordination starts anyone's; a viewer none."""
    if person is None:
        return False
    if permissions.can_edit_everything(actor):
        return True
    return actor.role == Role.MEMBER and person.id == actor.person_id


def start_report(
    actor: User,
    person: Person,
    activity: Activity | None = None,
    new_activity: dict | None = None,
) -> tuple[ParticipationReport, bool]:
    """The person's report on the activity: (report, created). An existing live report is
    returned as it is, so "Escribir mi informe" twice opens the same report."""
    if not may_start_report_for(actor, person):
        raise PermissionDenied(_("Solo puede escribir su propio informe."), "person")
    if (activity is None) == (new_activity is None):
        raise OperationError(_("Elija una actividad o cree una nueva, no ambas."), "activity")
    if activity is None:
        activity = create_activity(actor, **new_activity)
    elif activity.deleted_at is not None:
        raise OperationError(_("Esa actividad está eliminada."), "activity")
    existing = db.session.scalar(
        select(ParticipationReport).filter_by(activity_id=activity.id, person_id=person.id)
    )
    if existing is not None:
        if existing.deleted_at is not None:
            raise OperationError(
                _(
                    "Su informe sobre esta actividad está en la papelera; pida a la coordinación "
                    "que lo restaure."
                ),
                "activity",
            )
        return existing, False
    return add_participant(activity, person, actor), True
