"""The digest's "Novedades": report events (submitted, returned, approved), briefings, and
a follow-up's in-app notices for those who asked to get them by mail.

Their rows are enqueued by the operation that made the event happen (tracker/operations/
report_notices.py, tracker/operations/user_notices.py), not by the planner. What a line says
is read when the mail is built, in one query per batch for the reports, one for the follow-up
notices and one briefing per briefing line (briefings come one per new participant, never in
bulk).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from jobs import rules as R
from jobs.delivery.links import absolute_url
from tracker.extensions import db
from tracker.models import Activity, ItemType, ParticipationReport, Person, User, UserNotice
from tracker.notices import notice_text

if TYPE_CHECKING:
    from jobs.delivery.digest import Digest, Line

SECTION = "news"
#: Lines of a briefing's lists shown in a mail; the briefing page has them all.
BRIEFING_MAIL_ITEMS = 5
#: A follow-up's notices said in its one line; the page of notices has them all.
NOTICES_PER_LINE = 3


@dataclass
class News:
    """What a news line needs beyond the line itself (set by `load_news`)."""

    author: str = ""
    reason: str = ""
    approver: str = ""
    approved_at: Any = None
    #: Briefing only: observations, open commitments (title, owner, due) and achievements.
    notes: list[str] = field(default_factory=list)
    notes_more: int = 0
    open_items: list[tuple[str, str, Any]] = field(default_factory=list)
    open_more: int = 0
    achievements: list[str] = field(default_factory=list)
    achievements_from: str = ""
    #: Report link only: until when the link works at most.
    link_expires_at: Any = None
    #: Follow-up news only: its unread notices since the line's day, newest first (UserNotice).
    notices: list[Any] = field(default_factory=list)
    notices_more: int = 0


def is_news(rule: str) -> bool:
    return rule in R.NEWS_RULES


def load_news(digests: list[Digest]) -> None:
    """Fill `line.news` of every news line the digests show (plain data, read now)."""
    _load_followup_notices(
        [
            (digest.recipient_email, line)
            for digest in digests
            for line in digest.lines
            if line.rule == R.FOLLOWUP_NEWS
        ]
    )
    lines = [
        line
        for digest in digests
        for line in digest.lines
        if is_news(line.rule) and line.rule != R.FOLLOWUP_NEWS
    ]
    if not lines:
        return
    author, approver = aliased(Person), aliased(Person)
    ids = sorted({line.item_id for line in lines})
    found = {
        row.id: row
        for row in db.session.execute(
            select(
                ParticipationReport.id,
                ParticipationReport.activity_id,
                ParticipationReport.return_reason,
                ParticipationReport.approved_at,
                author.name.label("author"),
                approver.name.label("approver"),
            )
            .join(author, author.id == ParticipationReport.person_id)
            .outerjoin(User, User.id == ParticipationReport.approved_by_id)
            .outerjoin(approver, approver.id == User.person_id)
            .where(ParticipationReport.id.in_(ids))
        )
    }
    for line in lines:
        row = found.get(line.item_id)
        if row is None:
            continue
        line.news = News(
            author=row.author,
            reason=row.return_reason or "",
            approver=row.approver or "",
            approved_at=row.approved_at,
        )
        if line.rule == R.BRIEFING:
            line.url = absolute_url("briefing.show", activity_id=row.activity_id)
            _fill_briefing(line.news, row.activity_id)
        elif line.rule == R.REPORT_LINK:
            _fill_link(line, row.id)


def _load_followup_notices(lines: list[tuple[str, Line]]) -> None:
    """Each follow-up news line's unread notices of its reader since the day before its
    slot, in one query.
    Those already read in the app are not repeated; the line then only points to the item."""
    if not lines:
        return
    since = _day_before(min(line.slot_on for _email, line in lines))
    emails = sorted({email for email, _line in lines})
    found: dict[tuple[str, int], list[UserNotice]] = {}
    for email, notice in db.session.execute(
        select(func.lower(Person.email), UserNotice)
        .join(User, User.id == UserNotice.user_id)
        .join(Person, Person.id == User.person_id)
        .where(
            UserNotice.item_type == ItemType.FOLLOWUP,
            UserNotice.item_id.in_(sorted({line.item_id for _email, line in lines})),
            UserNotice.read_at.is_(None),
            UserNotice.created_at >= since,
            func.lower(Person.email).in_(emails),
        )
        .order_by(UserNotice.created_at.desc(), UserNotice.id.desc())
    ):
        found.setdefault((email, notice.item_id), []).append(notice)
    for email, line in lines:
        start = _day_before(line.slot_on)
        mine = [n for n in found.get((email, line.item_id), []) if n.created_at >= start]
        line.news = News(
            notices=mine[:NOTICES_PER_LINE], notices_more=max(0, len(mine) - NOTICES_PER_LINE)
        )


def _day_before(day: date) -> datetime:
    """The start (UTC) of the day before `day`: a notice written late at night belongs to the
    next day's mail."""
    return datetime.combine(day, time(), UTC) - timedelta(days=1)


def _fill_briefing(news: News, activity_id: int) -> None:
    from tracker.queries.briefing import briefing_for

    activity = db.session.get(Activity, activity_id)
    if activity is None:
        return
    briefing = briefing_for(activity)
    cap = BRIEFING_MAIL_ITEMS
    news.notes = [note.text for note in briefing.notes[:cap]]
    news.notes_more = max(0, len(briefing.notes) - cap)
    news.open_items = [
        (item.title, item.owner.name if item.owner else "", item.due_on)
        for item in briefing.open_items[:cap]
    ]
    news.open_more = max(0, len(briefing.open_items) - cap)
    if briefing.last_report is not None:
        news.achievements = briefing.last_report.achievement_list[:cap]
        news.achievements_from = briefing.last_report.activity.name


def _fill_link(line: Line, report_id: int) -> None:
    """The private link itself: its secret is derived now, never read from the outbox row."""
    from tracker.operations.report_links import current_link

    found = current_link(report_id)
    if found is None:  # revoked since it was queued: the row is skipped before it gets here
        return
    link, secret = found
    line.url = absolute_url("report_form.private", report_id=report_id, secret=secret)
    line.news.link_expires_at = link.expires_at


def news_note(line: Line) -> str:
    """The sentence under a news line, in the current locale."""
    news = line.news or News()
    if line.rule == R.REPORT_SUBMITTED:
        return _(
            "%(name)s entregó su informe y solicita su visto bueno: ábralo para aprobarlo o "
            "devolverlo.",
            name=news.author or line.about or "",
        )
    if line.rule == R.REPORT_RETURNED:
        return _("Su informe fue devuelto para corregir: %(reason)s", reason=news.reason)
    if line.rule == R.REPORT_APPROVED:
        when = format_date(news.approved_at, "medium") if news.approved_at else ""
        return _(
            "El informe de %(name)s recibió el visto bueno de %(approver)s el %(date)s.",
            name=news.author or line.about or "",
            approver=news.approver or "—",
            date=when,
        )
    if line.rule == R.FOLLOWUP_NEWS:
        if not news.notices:
            return _("Hubo novedades en este seguimiento: ábralo para verlas.")
        text = " · ".join(notice_text(notice) for notice in news.notices)
        if news.notices_more:
            text += " " + ngettext(
                "(y %(num)d novedad más)", "(y %(num)d novedades más)", news.notices_more
            )
        return text
    if line.rule == R.REPORT_LINK:
        when = format_date(news.link_expires_at, "medium") if news.link_expires_at else "—"
        return _(
            "La Unidad de Cooperación Internacional le envía un enlace privado para escribir y "
            "entregar este informe sin cuenta. Abre solo este informe y deja de funcionar "
            "cuando sea aprobado, si se revoca o el %(date)s.",
            date=when,
        )
    return _(
        "Usted participará en una nueva edición: esto dejaron quienes fueron antes "
        "(observaciones, compromisos aún abiertos y logros)."
    )
