"""Organizations: list, page, create, edit, delete."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from tracker import permissions
from tracker.clock import local_today
from tracker.extensions import db
from tracker.forms.filters import SearchForm
from tracker.forms.records import OrganizationForm
from tracker.models import Organization, Person
from tracker.queries.followups import followup_query, search_clause, with_list_columns
from tracker.queries.history import history_of
from tracker.web.crud import delete_view, save_record_form
from tracker.web.helpers import get_live_or_404, paginate, require

bp = Blueprint("organizations", __name__, url_prefix="/instituciones")
FIELDS = ("name", "acronym", "country", "kind")


@bp.get("/")
@login_required
def index():
    """Organizations, searchable by name, acronym or country."""
    form = SearchForm(request.args)
    del form.organization
    query = select(Organization).where(Organization.deleted_at.is_(None))
    if form.validate() and form.q.data:
        query = query.where(
            search_clause(
                form.q.data, Organization.name, Organization.acronym, Organization.country
            )
        )
    page = paginate(query.order_by(Organization.name))
    return render_template("organizations/index.html", form=form, page=page)


@bp.get("/<int:organization_id>")
@login_required
def show(organization_id: int):
    """An organization with its people and its open follow-ups."""
    organization = get_live_or_404(Organization, organization_id)
    people = db.session.scalars(
        select(Person)
        .filter_by(organization_id=organization_id, deleted_at=None)
        .order_by(Person.name)
        .limit(200)
    ).all()
    followups = paginate(
        with_list_columns(
            followup_query({"organization": organization_id, "status": "pending"}, local_today()),
            only_open=True,
        )
    )
    return render_template(
        "organizations/show.html",
        organization=organization,
        people=people,
        followups=followups,
        events=history_of(organization),
    )


@bp.route("/nueva", methods=["GET", "POST"])
@bp.route("/<int:organization_id>/editar", methods=["GET", "POST"])
@login_required
def edit(organization_id: int | None = None):
    """Create or edit an organization (coordination)."""
    require(permissions.can_edit_everything(current_user))
    organization = get_live_or_404(Organization, organization_id) if organization_id else None
    form = OrganizationForm(obj=organization)
    saved = save_record_form(form, Organization, organization, FIELDS)
    if saved:
        flash(_("Institución guardada."), "success")
        return redirect(url_for(".show", organization_id=saved.id))
    code = 400 if form.is_submitted() else 200
    return render_template("organizations/form.html", form=form, organization=organization), code


@bp.route("/<int:organization_id>/eliminar", methods=["GET", "POST"])
@login_required
def delete(organization_id: int):
    """Ask, then soft-delete the organization."""
    require(permissions.can_edit_everything(current_user))
    organization = get_live_or_404(Organization, organization_id)
    return delete_view(organization, ".index", url_for(".show", organization_id=organization_id))
