"""Saved views of the follow-up list: name the current filters, pin them, share their URL."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from tracker.extensions import db
from tracker.forms.followups import ConfirmForm, SavedViewForm
from tracker.models import SavedView
from tracker.operations import saved_views as ops
from tracker.operations.errors import OperationError

bp = Blueprint("saved_views", __name__, url_prefix="/seguimientos/vistas")


def view_url(view: SavedView) -> str:
    base = url_for("followups.index")
    return f"{base}?{view.query}" if view.query else base


def my_views() -> list[SavedView]:
    return db.session.scalars(
        select(SavedView).filter_by(user_id=current_user.id).order_by(SavedView.name)
    ).all()


def pinned_views() -> list[SavedView]:
    """The signed-in user's pinned views, for the menu: read once per request, when asked."""
    if not current_user.is_authenticated:
        return []
    if "pinned_views" not in g:
        g.pinned_views = [view for view in my_views() if view.is_pinned]
    return g.pinned_views


def _own(view_id: int) -> SavedView:
    view = db.session.get(SavedView, view_id)
    if view is None or view.user_id != current_user.id:
        abort(404)
    return view


@bp.get("/")
@login_required
def index():
    """My saved views, with their links, pins and a way to delete them."""
    return render_template(
        "saved_views/index.html", views=my_views(), form=ConfirmForm(formdata=None)
    )


@bp.post("/")
@login_required
def save():
    """Save the list's current filters under a name (the same name updates that view)."""
    form = SavedViewForm()
    if not form.validate():
        messages = [f"{form[n].label.text}: {e[0]}" for n, e in form.errors.items()]
        return render_template("saved_views/refused.html", messages=messages), 400
    try:
        view, created = ops.save_view(current_user, form.name.data, form.query.data or "")
    except OperationError as error:
        db.session.rollback()
        return render_template("saved_views/refused.html", messages=[error.message]), 400
    db.session.commit()
    if created:
        flash(_("Vista «%(name)s» guardada.", name=view.name), "success")
    else:
        flash(_("Vista «%(name)s» actualizada.", name=view.name), "success")
    return redirect(view_url(view))


@bp.post("/<int:view_id>/fijar")
@login_required
def pin(view_id: int):
    """Show the view in the menu, or stop showing it."""
    view = _own(view_id)
    if ConfirmForm().validate_on_submit():
        ops.set_pinned(view, not view.is_pinned)
        db.session.commit()
    return redirect(url_for(".index"))


@bp.route("/<int:view_id>/eliminar", methods=["GET", "POST"])
@login_required
def delete(view_id: int):
    """Ask, then forget the view."""
    view = _own(view_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = view.name
        ops.delete_view(view)
        db.session.commit()
        flash(_("Vista «%(name)s» eliminada.", name=name), "success")
        return redirect(url_for(".index"))
    return render_template("saved_views/confirm_delete.html", view=view, form=form)
