"""Personal access tokens: the list of mine, creating an API token, revoking any of mine."""

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from tracker.extensions import db
from tracker.forms.followups import ConfirmForm
from tracker.forms.tokens import ApiTokenForm
from tracker.models import AccessToken
from tracker.models.base import utcnow
from tracker.models.enums import TokenKind
from tracker.operations.errors import OperationError
from tracker.operations.tokens import issue_token, revoke_token
from tracker.web.helpers import attach_error, paginate

bp = Blueprint("tokens", __name__, url_prefix="/perfil/tokens")


def _render_index(form: ApiTokenForm, code: int = 200):
    query = (
        select(AccessToken)
        .where(AccessToken.user_id == current_user.id)
        .order_by(AccessToken.revoked_at.is_not(None), AccessToken.created_at.desc())
    )
    return render_template(
        "tokens/index.html",
        form=form,
        page=paginate(query),
        revoke_form=ConfirmForm(formdata=None),
        now=utcnow(),
    ), code


@bp.get("/")
@login_required
def index():
    """My API and calendar tokens, and the form to create an API token."""
    return _render_index(ApiTokenForm(formdata=None))


@bp.post("/")
@login_required
def create():
    """Create an API token and show its secret, this one time only."""
    form = ApiTokenForm()
    if form.validate_on_submit():
        expires_at = (
            utcnow() + timedelta(days=int(form.expires_in.data)) if form.expires_in.data else None
        )
        try:
            token, secret = issue_token(current_user, TokenKind.API, form.name.data, expires_at)
        except OperationError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            # Rendered in the POST's answer, not after a redirect: the secret must not travel
            # through the session cookie (signed, not encrypted) nor be shown a second time.
            response = render_template("tokens/created.html", token=token, secret=secret)
            return response, 200, {"Cache-Control": "no-store"}
    return _render_index(form, 400)


@bp.post("/<int:token_id>/revocar")
@login_required
def revoke(token_id: int):
    """Revoke one of my tokens: programs using it are refused from now on."""
    token = db.session.get(AccessToken, token_id)
    # Someone else's token is answered like a missing one: its existence is not revealed.
    if token is None or token.user_id != current_user.id:
        abort(404)
    if ConfirmForm().validate_on_submit():
        revoke_token(token, current_user)
        db.session.commit()
        flash(_("Token «%(name)s» revocado.", name=token.name), "success")
    else:
        flash(_("El formulario caducó; vuelva a enviarlo."), "error")
    return redirect(url_for(".index"))
