"""People: staff, supervisors and outside focal points (with or without an account)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker import permissions
from tracker.clock import local_today
from tracker.extensions import db
from tracker.forms.common import fill_record_choices
from tracker.forms.filters import SearchForm
from tracker.forms.records import PersonForm
from tracker.models import ParticipationReport, Person
from tracker.queries.followups import followup_query, search_clause, with_list_columns
from tracker.queries.history import history_of
from tracker.web.crud import delete_view, save_record_form
from tracker.web.helpers import get_live_or_404, paginate, require

bp = Blueprint("people", __name__, url_prefix="/personas")
FIELDS = ("name", "position", "unit", "email", "language", "wants_due_soon")
RECORD_FIELDS = ("organization", "supervisor")


@bp.get("/")
@login_required
def index():
    """People, searchable by name, email, position or unit; filterable by organization."""
    form = SearchForm(request.args)
    fill_record_choices(form)
    query = select(Person).where(Person.deleted_at.is_(None))
    if request.args and form.validate():
        if form.q.data:
            query = query.where(
                search_clause(form.q.data, Person.name, Person.email, Person.position, Person.unit)
            )
        if form.organization.data is not None:
            query = query.where(Person.organization_id == form.organization.data)
    query = query.options(
        joinedload(Person.organization), joinedload(Person.supervisor), joinedload(Person.user)
    ).order_by(Person.name)
    return render_template("people/index.html", form=form, page=paginate(query))


@bp.get("/<int:person_id>")
@login_required
def show(person_id: int):
    """A person with what they owe and the reports they hand in."""
    person = get_live_or_404(Person, person_id)
    followups = paginate(
        with_list_columns(followup_query({"owner": person_id, "status": "all"}, local_today()))
    )
    reports = db.session.scalars(
        select(ParticipationReport)
        .filter_by(person_id=person_id, deleted_at=None)
        .options(joinedload(ParticipationReport.activity))
        .order_by(ParticipationReport.due_on.desc())
    ).all()
    return render_template(
        "people/show.html",
        person=person,
        followups=followups,
        reports=reports,
        events=history_of(person),
    )


@bp.route("/nueva", methods=["GET", "POST"])
@bp.route("/<int:person_id>/editar", methods=["GET", "POST"])
@login_required
def edit(person_id: int | None = None):
    """Create or edit a person (coordination)."""
    require(permissions.can_edit_everything(current_user))
    person = get_live_or_404(Person, person_id) if person_id else None
    form = PersonForm(obj=person)
    saved = save_record_form(form, Person, person, FIELDS, RECORD_FIELDS)
    if saved:
        flash(_("Persona guardada."), "success")
        return redirect(url_for(".show", person_id=saved.id))
    code = 400 if form.is_submitted() else 200
    return render_template("people/form.html", form=form, person=person), code


@bp.route("/<int:person_id>/eliminar", methods=["GET", "POST"])
@login_required
def delete(person_id: int):
    """Ask, then soft-delete the person."""
    require(permissions.can_edit_everything(current_user))
    person = get_live_or_404(Person, person_id)
    return delete_view(person, ".index", url_for(".show", person_id=person_id))
