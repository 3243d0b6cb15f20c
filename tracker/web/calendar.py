"""The calendar of deadlines (month view) and each user's iCalendar feed at a secret URL."""

import calendar as month_grid
import re
from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from tracker.clock import local_today
from tracker.dates import SANE_MAX, SANE_MIN
from tracker.extensions import db
from tracker.forms.followups import ConfirmForm
from tracker.ics import build_feed
from tracker.models import AccessToken
from tracker.models.base import utcnow
from tracker.models.enums import Role, TokenKind
from tracker.operations.tokens import find_active_token, issue_token, revoke_token
from tracker.queries.calendar import feed_items, month_deadlines

bp = Blueprint("calendar", __name__, url_prefix="/calendario")
PER_DAY = 6
#: The agenda is a list, with room for a busy day; the cap keeps a month's page bounded.
PER_DAY_AGENDA = 30
#: ?mes= as the month links write it; ASCII digits only (\d would take other scripts' digits).
MONTH = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})")


def _month_arg(today: date) -> date:
    """The first day of ?mes=AAAA-MM (this month when absent); 400 when malformed or out of
    range: the view steps a day back and forth from the month, which overflows at year 1 and
    9999, and no deadline is that far away."""
    value = request.args.get("mes")
    if not value:
        return today.replace(day=1)
    match = MONTH.fullmatch(value)
    if match is None or not 1 <= int(match["month"]) <= 12:
        abort(400, _("El mes debe tener la forma AAAA-MM."))
    first = date(int(match["year"]), int(match["month"]), 1)
    if not (SANE_MIN <= first <= SANE_MAX):
        abort(
            400,
            _(
                "El mes debe estar entre %(first)s y %(last)s.",
                first=SANE_MIN.strftime("%Y-%m"),
                last=SANE_MAX.strftime("%Y-%m"),
            ),
        )
    return first


def _active_feed_tokens() -> list[AccessToken]:
    return db.session.scalars(
        select(AccessToken).where(
            AccessToken.user_id == current_user.id,
            AccessToken.kind == TokenKind.CALENDAR,
            AccessToken.revoked_at.is_(None),
        )
    ).all()


def _unit_by_default() -> bool:
    """Whether this user's calendar opens on the whole unit: a member's work is their own, a
    coordinator, admin or viewer owns little or nothing and follows everyone's."""
    return current_user.role != Role.MEMBER


def _everyone_arg() -> bool:
    """?todos=1 shows the unit, ?todos=0 only the user's own; absent, the role's default."""
    value = request.args.get("todos")
    if value in ("0", "1"):
        return value == "1"
    return _unit_by_default()


@bp.get("/")
@login_required
def month():
    """A month of deadlines (follow-ups, milestones and reports due), as a grid or an agenda."""
    today = local_today()
    first = _month_arg(today)
    last = first.replace(day=month_grid.monthrange(first.year, first.month)[1])
    everyone = _everyone_arg()
    agenda = request.args.get("vista") == "agenda"
    days, totals = month_deadlines(
        first,
        last,
        today,
        None if everyone else current_user.person_id,
        PER_DAY_AGENDA if agenda else PER_DAY,
    )
    weeks = month_grid.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    previous = (first.replace(day=1) - date.resolution).replace(day=1)
    following = last + date.resolution
    # The links keep ?todos= and ?vista= only when they differ from the defaults.
    keep = {
        "todos": None if everyone == _unit_by_default() else ("1" if everyone else "0"),
        "vista": "agenda" if agenda else None,
    }
    return render_template(
        "calendar/agenda.html" if agenda else "calendar/month.html",
        first=first,
        weeks=weeks,
        days=days,
        totals=totals,
        everyone=everyone,
        unit_by_default=_unit_by_default(),
        keep=keep,
        previous=previous,
        following=following,
        has_feed=bool(_active_feed_tokens()),
        feed_form=ConfirmForm(formdata=None),
        new_feed_url=None,
    )


@bp.post("/enlace")
@login_required
def renew_feed():
    """Create this user's feed URL, revoking the previous one (a leaked link stops working)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    for token in _active_feed_tokens():
        revoke_token(token, current_user)
    _token, secret = issue_token(current_user, TokenKind.CALENDAR, _("Calendario"))
    db.session.commit()
    flash(_("Copie ahora su enlace privado: no se volverá a mostrar."), "info")
    return render_template(
        "calendar/feed_created.html",
        feed_url=url_for(".feed", secret=secret, _external=True),
    )


@bp.post("/enlace/revocar")
@login_required
def revoke_feed():
    """Stop the feed URL from working."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    for token in _active_feed_tokens():
        revoke_token(token, current_user)
    db.session.commit()
    flash(_("Enlace del calendario revocado."), "success")
    return redirect(url_for(".month"))


@bp.get("/feed/<secret>.ics")
def feed(secret: str):
    """The owner's open deadlines (overdue included) for calendar clients; no login, the
    secret in the URL is the credential."""
    token = find_active_token(secret, TokenKind.CALENDAR)
    if token is None:
        abort(404)
    followups, reports = feed_items(token.user.person_id)
    body = build_feed(followups, reports, local_today(), utcnow(), token.user.person.language)
    db.session.commit()  # last_used_at
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": 'inline; filename="seguimiento.ics"',
            "Cache-Control": "private, max-age=300",
        },
    )
