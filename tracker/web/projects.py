"""Bilateral projects: list, page with timeline and follow-ups, create, edit, institutions."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import exists, select
from sqlalchemy.orm import joinedload, selectinload
from wtforms import SelectChoice

from tracker import permissions
from tracker.clock import local_today
from tracker.extensions import db
from tracker.forms.common import fill_record_choices
from tracker.forms.filters import ProjectFilterForm
from tracker.forms.followups import ConfirmForm
from tracker.forms.projects import ExtensionForm, OutcomeForm
from tracker.forms.records import InstitutionForm, ProjectForm
from tracker.labels import INSTITUTION_ROLE_LABELS, RESULT_OUTCOME_LABELS, choices
from tracker.models import (
    FollowUp,
    Project,
    ProjectExtension,
    ProjectInstitution,
    SustainableDevelopmentGoal,
    User,
)
from tracker.models.enums import FollowUpKind, InstitutionRole, ResultOutcome
from tracker.operations import project_extensions
from tracker.operations import projects as ops
from tracker.queries.followups import followup_query, with_list_columns
from tracker.queries.history import history_of
from tracker.queries.projects import overrun_clause, stale_sheet_clause
from tracker.queries.record_lists import project_list
from tracker.timeline import portfolio_timeline, project_timeline
from tracker.web.crud import delete_view
from tracker.web.helpers import (
    commit_or_refuse,
    get_live_or_404,
    paginate,
    require,
)

bp = Blueprint("projects", __name__, url_prefix="/proyectos")
#: A project sheet lists a handful of expected results; the page shows at most this many.
MAX_RESULTS = 200
FIELDS = (
    "name",
    "thematic_area",
    "country",
    "city",
    "beneficiaries",
    "planned_start_on",
    "duration_months",
    "actual_end_on",
    "status",
    "general_objective",
    "specific_objectives",
    "description",
    "information_updated_on",
    "update_interval_months",
)


@bp.get("/")
@login_required
def index():
    """Projects with their status and planned end; overrunning ones can be singled out."""
    form = ProjectFilterForm(request.args)
    fill_record_choices(form)
    query = project_list({})
    code = 200
    if request.args and not form.validate():
        code = 400
    elif request.args:
        query = project_list({"q": form.q.data, "status": form.status.data})
        if form.organization.data is not None:
            query = query.where(
                exists().where(
                    ProjectInstitution.project_id == Project.id,
                    ProjectInstitution.organization_id == form.organization.data,
                )
            )
        if form.overrun.data:
            query = query.where(overrun_clause(local_today()))
        if form.stale.data:
            query = query.where(stale_sheet_clause(local_today()))
    query = query.options(joinedload(Project.lead), selectinload(Project.sdgs))
    return render_template("projects/index.html", form=form, page=paginate(query)), code


@bp.get("/cronograma")
@login_required
def timeline():
    """The projects on one timeline, a page at a time: plan, approved end, milestones, overrun
    and today. Paged so that the drawing and its statements stay the same size however many
    projects and follow-ups there are."""
    today = local_today()
    page = paginate(
        select(Project)
        .where(Project.deleted_at.is_(None), Project.planned_start_on.is_not(None))
        .order_by(Project.planned_start_on, Project.id)
    )
    projects = list(page.items)
    milestones: dict[int, list[FollowUp]] = {}
    if projects:
        for milestone in db.session.scalars(
            select(FollowUp)
            .where(
                FollowUp.deleted_at.is_(None),
                FollowUp.kind == FollowUpKind.MILESTONE,
                FollowUp.project_id.in_([p.id for p in projects]),
            )
            .order_by(FollowUp.due_on, FollowUp.id)
        ):
            milestones.setdefault(milestone.project_id, []).append(milestone)
    return render_template(
        "projects/timeline.html",
        portfolio=portfolio_timeline(projects, milestones, today),
        page=page,
    )


def _load(project_id: int) -> Project:
    return get_live_or_404(
        Project,
        project_id,
        joinedload(Project.lead),
        selectinload(Project.sdgs),
        selectinload(Project.institutions).joinedload(ProjectInstitution.organization),
        selectinload(Project.extensions)
        .joinedload(ProjectExtension.recorded_by)
        .joinedload(User.person),
    )


@bp.get("/<int:project_id>")
@login_required
def show(project_id: int):
    """The project sheet, its timeline with milestones, its follow-ups and its history."""
    return _render_show(_load(project_id))


def _render_show(project, institution_form=None, code=200):
    today = local_today()
    milestones = db.session.scalars(
        with_list_columns(followup_query({"project": project.id, "kind": "milestone"}, today))
    ).all()
    results = db.session.scalars(
        select(FollowUp)
        .where(
            FollowUp.deleted_at.is_(None),
            FollowUp.project_id == project.id,
            FollowUp.kind == FollowUpKind.RESULT,
        )
        .order_by(FollowUp.id)
        .limit(MAX_RESULTS)
    ).all()
    others = followup_query({"project": project.id, "status": "all"}, today).where(
        FollowUp.kind.not_in([FollowUpKind.MILESTONE, FollowUpKind.RESULT])
    )
    followups = paginate(with_list_columns(others))
    history = history_of(project)
    if institution_form is None:
        institution_form = InstitutionForm(formdata=None)
        fill_record_choices(institution_form)
        institution_form.role.choices = choices(INSTITUTION_ROLE_LABELS)
    can_edit = permissions.can_edit_project(current_user, project)
    return render_template(
        "projects/show.html",
        project=project,
        followups=followups,
        milestones=milestones,
        results=results,
        outcome_labels=RESULT_OUTCOME_LABELS,
        outcome_form=OutcomeForm(formdata=None) if can_edit else None,
        timeline=project_timeline(project, milestones, today),
        events=history,
        institution_form=institution_form,
        can_edit=can_edit,
    ), code


@bp.route("/nuevo", methods=["GET", "POST"])
@bp.route("/<int:project_id>/editar", methods=["GET", "POST"])
@login_required
def edit(project_id: int | None = None):
    """Create (coordination) or edit (coordination or the project's lead) a project."""
    project = _load(project_id) if project_id else None
    if project is None:
        require(permissions.can_edit_everything(current_user))
    else:
        require(permissions.can_edit_project(current_user, project))
    form = ProjectForm(obj=project)
    fill_record_choices(form)
    form.sdgs.choices = [
        SelectChoice(goal.number, f"{goal.number}. {goal.name(str(get_locale()))}")
        for goal in db.session.scalars(
            select(SustainableDevelopmentGoal).order_by(SustainableDevelopmentGoal.number)
        )
    ]
    if project and not form.is_submitted():
        form.sdgs.data = [goal.number for goal in project.sdgs]
        form.lead.data = project.lead_id
    if form.validate_on_submit():
        values = {name: form[name].data for name in FIELDS}
        values = {k: (v if v != "" else None) for k, v in values.items()}
        values["lead"] = form.lead.record
        saved = {"project": project}

        def save():
            if project is None:
                saved["project"] = ops.create_project(
                    current_user, sdgs=form.sdgs.data or [], **values
                )
            else:
                ops.update_project(project, current_user, sdgs=form.sdgs.data or [], **values)

        if commit_or_refuse(form, save):
            flash(_("Proyecto guardado."), "success")
            return redirect(url_for(".show", project_id=saved["project"].id))
    code = 400 if form.is_submitted() else 200
    return render_template("projects/form.html", form=form, project=project), code


@bp.post("/<int:project_id>/instituciones")
@login_required
def add_institution(project_id: int):
    """Add an institution to the project or change its role."""
    project = _load(project_id)
    require(permissions.can_edit_project(current_user, project))
    form = InstitutionForm()
    fill_record_choices(form)
    form.role.choices = choices(INSTITUTION_ROLE_LABELS)
    if form.validate_on_submit():
        ops.set_institution(
            project, current_user, form.organization.record, InstitutionRole(form.role.data)
        )
        db.session.commit()
        flash(_("Institución añadida al proyecto."), "success")
        return redirect(url_for(".show", project_id=project_id))
    return _render_show(project, form, 400)


@bp.post("/<int:project_id>/instituciones/<int:organization_id>/quitar")
@login_required
def remove_institution(project_id: int, organization_id: int):
    """Take an institution off the project (recorded in the history)."""
    project = _load(project_id)
    require(permissions.can_edit_project(current_user, project))
    ops.remove_institution(project, current_user, organization_id)
    db.session.commit()
    flash(_("Institución quitada del proyecto."), "success")
    return redirect(url_for(".show", project_id=project_id))


@bp.route("/<int:project_id>/eliminar", methods=["GET", "POST"])
@login_required
def delete(project_id: int):
    """Ask, then soft-delete the project."""
    require(permissions.can_edit_everything(current_user))
    project = _load(project_id)
    return delete_view(project, ".index", url_for(".show", project_id=project_id))


@bp.route("/<int:project_id>/prorroga", methods=["GET", "POST"])
@login_required
def extend(project_id: int):
    """Record an approved extension: new end, reason, approval date and who approved it."""
    project = _load(project_id)
    require(permissions.can_edit_project(current_user, project))
    form = ExtensionForm()
    code = 200
    if form.validate_on_submit():
        recorded = commit_or_refuse(
            form,
            lambda: project_extensions.record_extension(
                project,
                current_user,
                new_end_on=form.new_end_on.data,
                reason=form.reason.data,
                approved_on=form.approved_on.data,
                approved_by=form.approved_by.data,
                today=local_today(),
            ),
        )
        if recorded:
            flash(_("Prórroga registrada."), "success")
            return redirect(url_for(".show", project_id=project_id))
        code = 422
    elif form.is_submitted():
        code = 400
    return render_template("projects/extension.html", form=form, project=project), code


@bp.route("/<int:project_id>/prorrogas/<int:extension_id>/deshacer", methods=["GET", "POST"])
@login_required
def undo_extension(project_id: int, extension_id: int):
    """Ask, then undo the latest extension (the project goes back to the end before it)."""
    project = _load(project_id)
    require(permissions.can_edit_project(current_user, project))
    extension = next((row for row in project.extensions if row.id == extension_id), None)
    if extension is None:
        abort(404)
    form = ConfirmForm()
    code = 200
    if form.validate_on_submit():
        if commit_or_refuse(
            form, lambda: project_extensions.undo_extension(project, current_user, extension)
        ):
            flash(_("Prórroga deshecha."), "success")
            return redirect(url_for(".show", project_id=project_id))
        code = 409
    elif form.is_submitted():
        code = 400
    return render_template(
        "projects/undo_extension.html", form=form, project=project, extension=extension
    ), code


@bp.post("/<int:project_id>/resultados/<int:followup_id>/logro")
@login_required
def set_outcome(project_id: int, followup_id: int):
    """Say how far an expected result of the project was achieved (kept in its history)."""
    project = _load(project_id)
    result = get_live_or_404(FollowUp, followup_id)
    if result.project_id != project.id or result.kind != FollowUpKind.RESULT:
        abort(404)
    require(
        permissions.can_edit_project(current_user, project)
        or permissions.can_edit_followup(current_user, result)
    )
    form = OutcomeForm()
    if not form.validate_on_submit():
        flash(_("Elija el logro del resultado de la lista."), "error")
        return _render_show(project, code=400)
    if ops.set_result_outcome(result, current_user, ResultOutcome(form.outcome.data)):
        db.session.commit()
        flash(_("Logro del resultado guardado."), "success")
    return redirect(url_for(".show", project_id=project_id) + f"#resultado-{result.id}")
