"""The calendar of deadlines (month view or agenda) and the private iCalendar feeds, each at
a secret URL: one's own deadlines, the unit's, a project's, an institution's, a colleague's."""

import calendar as month_grid
import re
from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.clock import local_today
from tracker.dates import SANE_MAX, SANE_MIN
from tracker.extensions import db
from tracker.forms.followups import ConfirmForm
from tracker.ics import build_feed
from tracker.models.base import utcnow
from tracker.models.enums import FeedScope, Role, TokenKind
from tracker.operations.calendar_feeds import (
    FeedNotFound,
    FeedSubject,
    active_feeds,
    issue_feed,
    parse_subject,
    revoke_feeds,
    subject_of,
)
from tracker.operations.calendar_feeds import revoke_feed as revoke_feed_token
from tracker.operations.errors import OperationError
from tracker.operations.tokens import find_active_token
from tracker.queries.calendar import month_deadlines, scoped_feed_items

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
        has_feed=bool(active_feeds(current_user, FeedSubject(FeedScope.MINE))),
        feed_form=ConfirmForm(formdata=None),
        new_feed_url=None,
    )


def _subject_or_abort(scope: str | None, target: str | None) -> FeedSubject:
    try:
        return parse_subject(scope, target)
    except FeedNotFound as error:
        abort(404, error.message)
    except OperationError as error:
        abort(400, error.message)


@bp.get("/enlaces")
@login_required
def feeds():
    """The user's private feeds, each revocable, and the ones they can add; ?ambito= and
    ?registro= (from a project, institution or person page) offer that record's feed."""
    offered = None
    if request.args.get("ambito"):
        offered = _subject_or_abort(request.args.get("ambito"), request.args.get("registro"))
    tokens = active_feeds(current_user)
    return render_template(
        "calendar/feeds.html",
        feeds=[(token, subject_of(token)) for token in tokens],
        offered=offered,
        own=FeedSubject(FeedScope.MINE),
        unit=FeedSubject(FeedScope.UNIT),
        feed_form=ConfirmForm(formdata=None),
    )


@bp.post("/enlace")
@login_required
def renew_feed():
    """Create a feed URL for ?ambito= (the user's own deadlines when absent), revoking their
    previous link to the same calendar (a leaked link stops working)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    subject = _subject_or_abort(request.form.get("ambito"), request.form.get("registro"))
    _token, secret = issue_feed(current_user, subject)
    db.session.commit()
    flash(_("Copie ahora su enlace privado: no se volverá a mostrar."), "info")
    return render_template(
        "calendar/feed_created.html",
        feed_title=subject.title(),
        feed_url=url_for(".feed", secret=secret, _external=True),
    )


@bp.post("/enlace/revocar")
@login_required
def revoke_feed():
    """Stop a feed URL from working: ?enlace= names one; without it, the own-deadlines feed."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    token_id = request.form.get("enlace", "")
    if token_id:
        if not (token_id.isascii() and token_id.isdigit() and len(token_id) <= 18):
            abort(400, _("Ese enlace no existe."))
        try:
            revoke_feed_token(current_user, int(token_id))
        except FeedNotFound as error:
            abort(404, error.message)
    else:
        revoke_feeds(current_user, FeedSubject(FeedScope.MINE))
    db.session.commit()
    flash(_("Enlace del calendario revocado."), "success")
    return redirect(url_for(".feeds") if token_id else url_for(".month"))


@bp.get("/feed/<secret>.ics")
def feed(secret: str):
    """A feed's open deadlines (overdue included) for calendar clients; no login, the secret
    in the URL is the credential. A feed whose project, institution or person was deleted
    answers as a revoked one."""
    token = find_active_token(secret, TokenKind.CALENDAR)
    subject = subject_of(token) if token is not None else None
    if subject is None:
        abort(404)
    today = local_today()
    content = scoped_feed_items(subject.scope, subject.target_id, token.user.person_id, today)
    language = token.user.person.language
    with force_locale(language if language in current_app.config["LANGUAGES"] else "es"):
        name = subject.title() if subject.scope != FeedScope.MINE else None
    body = build_feed(
        content.followups,
        content.reports,
        today,
        utcnow(),
        language,
        name=name,
        projects=content.projects,
    )
    db.session.commit()  # last_used_at
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": 'inline; filename="seguimiento.ics"',
            "Cache-Control": "private, max-age=300",
        },
    )
