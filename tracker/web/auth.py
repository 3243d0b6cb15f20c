"""Logging in and out, and the language switch."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func

from tracker.extensions import db
from tracker.forms.auth import LoginForm, ProfileForm
from tracker.models import User
from tracker.models.base import utcnow
from tracker.operations import login_throttle as throttle
from tracker.operations.history import apply_changes, record_audit

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only follow a ?next= that stays on this site."""
    if target and not urlsplit(target).netloc and target.startswith("/"):
        return target
    return url_for("home.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login form (fields `email` and `password`)."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        address = request.remote_addr or "?"
        wait = throttle.minutes_blocked(email, address)
        if wait:
            form.form_errors.append(
                ngettext(
                    "Demasiados intentos fallidos. Espere %(num)d minuto e inténtelo de nuevo.",
                    "Demasiados intentos fallidos. Espere %(num)d minutos e inténtelo de nuevo.",
                    wait,
                )
            )
            return render_template("auth/login.html", form=form), 429
        user = db.session.scalar(db.select(User).where(func.lower(User.email) == email))
        if user and user.is_enabled and user.check_password(form.password.data):
            throttle.forget_failures(email)
            login_user(user)
            user.last_login_at = utcnow()
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
        throttle.record_failure(email, address)
        db.session.commit()
        form.form_errors.append(_("Correo o contraseña incorrectos."))
    code = 401 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), code


@bp.post("/logout")
@login_required
def logout():
    """End the session."""
    logout_user()
    flash(_("Sesión cerrada."), "info")
    return redirect(url_for(".login"))


@bp.get("/idioma/<lang>")
def set_language(lang: str):
    """Choose the interface language for this session (saved on the profile when logged in)."""
    if lang not in current_app.config["LANGUAGES"]:
        return redirect(url_for("home.index"))
    session["language"] = lang
    return redirect(_safe_next(request.args.get("next")))


@bp.route("/perfil", methods=["GET", "POST"])
@login_required
def profile():
    """The logged-in person's preferences: language and due-soon notices."""
    person = current_user.person
    form = ProfileForm(
        language=person.language, wants_due_soon="1" if person.wants_due_soon else "0"
    )
    if form.validate_on_submit():
        changes = apply_changes(
            person,
            {"language": form.language.data, "wants_due_soon": form.wants_due_soon.data == "1"},
        )
        if changes:
            record_audit(person, current_user, "updated", changes)
        session["language"] = person.language
        db.session.commit()
        flash(_("Preferencias guardadas."), "success")
        return redirect(url_for(".profile"))
    return render_template("auth/profile.html", form=form), 400 if form.is_submitted() else 200
