"""Accounts, managed by admins."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker import permissions
from tracker.forms.auth import UserEditForm, UserForm
from tracker.models import User
from tracker.models.enums import Role
from tracker.operations.users import create_user, update_account
from tracker.web.helpers import commit_or_refuse, get_live_or_404, paginate, require
from tracker.web.sessions import start_session

bp = Blueprint("users", __name__, url_prefix="/usuarios")


@bp.before_request
@login_required
def admins_only():
    require(permissions.can_manage_users(current_user))


@bp.get("/")
def index():
    """Every account with its role."""
    query = select(User).options(joinedload(User.person)).order_by(User.email)
    return render_template("users/index.html", page=paginate(query))


@bp.route("/nuevo", methods=["GET", "POST"])
def new():
    """Create an account (and its person)."""
    form = UserForm()
    if form.validate_on_submit():
        created = commit_or_refuse(
            form,
            lambda: create_user(
                form.email.data,
                form.password.data,
                form.role.data,
                name=form.name.data,
                actor=current_user,
            ),
        )
        if created:
            flash(_("Cuenta creada."), "success")
            return redirect(url_for(".index"))
    return render_template("users/form.html", form=form), 400 if form.is_submitted() else 200


@bp.route("/<int:user_id>/editar", methods=["GET", "POST"])
def edit(user_id: int):
    """Change an account's role, disable it or set a new password."""
    user = get_live_or_404(User, user_id)
    form = UserEditForm(role=user.role.value, is_enabled="1" if user.is_enabled else "0")
    if form.validate_on_submit():
        if user.id == current_user.id and (
            form.role.data != Role.ADMIN or form.is_enabled.data != "1"
        ):
            form.form_errors.append(_("No puede quitarse a sí mismo la administración."))
        else:

            def change() -> None:
                changed = update_account(
                    user,
                    Role(form.role.data),
                    form.is_enabled.data == "1",
                    form.password.data or None,
                    actor=current_user,
                )
                if changed and user.id == current_user.id:
                    # An admin resetting their own password keeps this browser logged in.
                    start_session(user)

            if commit_or_refuse(form, change):
                flash(_("Cuenta actualizada."), "success")
                return redirect(url_for(".index"))
    code = 400 if form.is_submitted() else 200
    return render_template("users/edit.html", form=form, user=user), code
