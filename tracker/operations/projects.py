"""Projects: the planned end follows start + duration; institutions and SDGs are kept in step."""

from typing import Any

from flask_babel import gettext as _

from tracker.dates import planned_end
from tracker.extensions import db
from tracker.models import (
    FollowUp,
    FollowUpEvent,
    Organization,
    Project,
    ProjectInstitution,
    SustainableDevelopmentGoal,
    User,
)
from tracker.models.enums import FollowUpKind, InstitutionRole, ResultOutcome
from tracker.operations.errors import OperationError
from tracker.operations.history import as_text, record_audit
from tracker.operations.records import create_record, update_record


def _with_planned_end(values: dict[str, Any], project: Project | None = None) -> dict[str, Any]:
    start = values.get("planned_start_on", project.planned_start_on if project else None)
    months = values.get("duration_months", project.duration_months if project else None)
    values["planned_end_on"] = planned_end(start, months) if start and months else None
    actual = values.get("actual_end_on")
    if actual and start and actual < start:
        raise OperationError(_("El fin no puede ser anterior al inicio."), "actual_end_on")
    return values


def _sdgs(numbers: list[int]) -> list[SustainableDevelopmentGoal]:
    if not numbers:
        return []
    goals = db.session.scalars(
        db.select(SustainableDevelopmentGoal).where(SustainableDevelopmentGoal.number.in_(numbers))
    ).all()
    if len(goals) != len(set(numbers)):
        raise OperationError(_("Los ODS van del 1 al 17."), "sdgs")
    return sorted(goals, key=lambda goal: goal.number)


def create_project(actor: User | None, *, sdgs: list[int] = (), **values: Any) -> Project:
    project = create_record(Project, actor, **_with_planned_end(values))
    project.sdgs = _sdgs(list(sdgs))
    db.session.flush()
    return project


def update_project(
    project: Project, actor: User | None, *, sdgs: list[int] | None = None, **values: Any
) -> dict:
    changes = update_record(project, actor, **_with_planned_end(values, project))
    if sdgs is not None:
        new = _sdgs(list(sdgs))
        old_numbers = [goal.number for goal in project.sdgs]
        if old_numbers != [goal.number for goal in new]:
            project.sdgs = new
            change = {"sdgs": [str(old_numbers), str([goal.number for goal in new])]}
            record_audit(project, actor, "updated", change)
            changes.update(change)
    db.session.flush()
    return changes


def set_institution(
    project: Project, actor: User | None, organization: Organization, role: InstitutionRole
) -> None:
    """Add an institution to the project, or change its role there."""
    link = next((i for i in project.institutions if i.organization_id == organization.id), None)
    if link is None:
        project.institutions.append(ProjectInstitution(organization=organization, role=role))
        change = {"institution": [None, f"{organization.name} ({role.value})"]}
    elif link.role != role:
        change = {"institution": [f"{organization.name} ({link.role.value})", role.value]}
        link.role = role
    else:
        return
    record_audit(project, actor, "updated", change)
    db.session.flush()


def remove_institution(project: Project, actor: User | None, organization_id: int) -> None:
    link = next((i for i in project.institutions if i.organization_id == organization_id), None)
    if link is not None:
        project.institutions.remove(link)
        record_audit(project, actor, "updated", {"institution": [link.organization.name, None]})
        db.session.flush()


def set_result_outcome(followup: FollowUp, actor: User | None, outcome: ResultOutcome) -> bool:
    """Say how far an expected result was achieved; returns whether anything changed.

    A result is an outcome to assess, not a task that falls due: its status and due date are
    left alone, and the assessment goes into the result's own history."""
    if followup.kind != FollowUpKind.RESULT:
        raise OperationError(_("Solo los resultados esperados tienen un logro."), "outcome")
    if followup.outcome == outcome:
        return False
    change = {"outcome": [as_text(followup.outcome), as_text(outcome)]}
    followup.outcome = outcome
    followup.events.append(FollowUpEvent(actor=actor, action="outcome", changes=change))
    db.session.flush()
    return True
