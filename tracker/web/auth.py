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
from flask_login import current_user, login_required, logout_user
from sqlalchemy import func

from tracker.extensions import db
from tracker.forms.auth import LoginForm, PasswordChangeForm, ProfileForm
from tracker.models import User
from tracker.models.base import utcnow
from tracker.operations import login_throttle as throttle
from tracker.operations.history import apply_changes, record_audit
from tracker.operations.users import change_own_password
from tracker.web.helpers import commit_or_refuse
from tracker.web.sessions import clear_session, start_session

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
        # The client's address: ProxyFix has put the trusted proxies' X-Forwarded-For here.
        address = request.remote_addr or "?"
        # Committed before it is counted, so that parallel guesses all see each other
        # (see tracker/operations/login_throttle.py): this is why the view commits twice.
        attempt = throttle.record_attempt(email, address)
        db.session.commit()
        wait = throttle.minutes_blocked(attempt)
        if wait:
            throttle.withdraw_attempt(attempt)
            db.session.commit()
            form.form_errors.append(
                ngettext(
                    "Demasiados intentos fallidos. Espere %(num)d minuto e inténtelo de nuevo.",
                    "Demasiados intentos fallidos. Espere %(num)d minutos e inténtelo de nuevo.",
                    wait,
                )
            )
            return render_template("auth/login.html", form=form), 429
        user = db.session.scalar(db.select(User).where(func.lower(User.email) == email))
        # A hash is checked whether or not the account exists (or is enabled), so the time
        # a wrong answer takes does not tell which emails have accounts.
        if user is None:
            matches = User.check_no_password(form.password.data)
        else:
            matches = user.check_password(form.password.data) and user.is_enabled
        if matches:
            throttle.forget_failures(attempt)
            start_session(user)
            user.last_login_at = utcnow()
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
        # The attempt's row stays: it is the recorded failure.
        form.form_errors.append(_("Correo o contraseña incorrectos."))
    code = 401 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), code


@bp.post("/logout")
@login_required
def logout():
    """End the session, and every other session of this account (copied cookies included)."""
    current_user.end_sessions()
    db.session.commit()
    logout_user()
    clear_session()
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
    """The logged-in person's preferences: language, due-soon notices, and whether her
    in-app notices (Novedades) also come in the daily digest mail."""
    person = current_user.person
    user = current_user._get_current_object()
    form = ProfileForm(
        language=person.language,
        wants_due_soon="1" if person.wants_due_soon else "0",
        notices_by_mail=user.notices_by_mail,
    )
    if form.validate_on_submit():
        changes = apply_changes(
            person,
            {"language": form.language.data, "wants_due_soon": form.wants_due_soon.data == "1"},
        )
        if changes:
            record_audit(person, current_user, "updated", changes)
        account_changes = apply_changes(user, {"notices_by_mail": bool(form.notices_by_mail.data)})
        if account_changes:
            record_audit(user, current_user, "updated", account_changes)
        session["language"] = person.language
        db.session.commit()
        flash(_("Preferencias guardadas."), "success")
        return redirect(url_for(".profile"))
    code = 400 if form.is_submitted() else 200
    return _profile_page(form, PasswordChangeForm(formdata=None), code)


@bp.post("/perfil/contrasena")
@login_required
def change_password():
    """Change one's own password; the account's other sessions end, this one goes on."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()

        def change() -> None:
            change_own_password(user, form.current_password.data, form.new_password.data)
            start_session(user)

        if commit_or_refuse(form, change):
            flash(_("Contraseña cambiada. Las demás sesiones se han cerrado."), "success")
            return redirect(url_for(".profile"))
    person = current_user.person
    preferences = ProfileForm(
        formdata=None,
        language=person.language,
        wants_due_soon="1" if person.wants_due_soon else "0",
        notices_by_mail=current_user.notices_by_mail,
    )
    return _profile_page(preferences, form, 400)


def _profile_page(form: ProfileForm, password_form: PasswordChangeForm, code: int):
    page = render_template("auth/profile.html", form=form, password_form=password_form)
    return page, code
