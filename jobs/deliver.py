"""Delivery: pending outbox rows → one digest per recipient → one SMTP connection.

Order of steps, and what each guarantees:

1. *Claim* the due rows with one conditional UPDATE (pushes their next attempt CLAIM ahead)
   and commit, so a second deliverer running at the same moment does not pick them up.
2. Drop rows whose item was closed, deleted or moved since planning (status `skipped`).
3. Open one SMTP connection (with a timeout) and send each digest; a digest's rows are
   stamped `sent` and committed right after the server accepted it. A crash between the
   server's acceptance and that commit repeats at most that one digest, once the claim
   runs out: delivery is at-least-once, with a window of one message.
4. A refused recipient fails only its own digest; a lost connection leaves the rest pending
   with the error and a backoff; after REMINDER_MAX_ATTEMPTS a row is `failed`.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale, format_date, ngettext
from flask_babel import gettext as _
from flask_mail import Connection, Message
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload

from jobs import rules as R
from jobs.rules import Rules
from tracker.dates import add_months
from tracker.extensions import db
from tracker.models import (
    FollowUp,
    ItemType,
    Notification,
    NotificationStatus,
    ParticipationReport,
    Person,
    Project,
)
from tracker.models.base import utcnow
from tracker.models.enums import FollowUpKind, ProjectStatus, ReportStatus

log = logging.getLogger(__name__)

#: How long a deliverer owns the rows it claimed; a crash makes them due again after this.
CLAIM = timedelta(minutes=15)
SECTIONS = ("overdue", "today", "soon", "reports", "projects")


@dataclass
class DeliveryResult:
    sent: int = 0  #: rows delivered
    failed: int = 0  #: rows that reached `failed` in this run
    retrying: int = 0  #: rows that failed this time and wait for another attempt
    skipped: int = 0  #: rows dropped because their item no longer applies
    mails: int = 0  #: digests the server accepted
    suppressed: bool = False  #: MAIL_SUPPRESS_SEND: nothing left the outbox


@dataclass
class Line:
    """One item in a digest (several rows about the same item make one line)."""

    item_type: str
    item_id: int
    rule: str
    section: str
    kind: str
    title: str
    url: str
    note: str
    due_on: date | None
    is_copy: bool = False
    about: str | None = None
    actions: dict[str, str] = field(default_factory=dict)


@dataclass
class Digest:
    recipient_email: str
    language: str
    greeting_name: str
    has_account: bool
    is_unit: bool
    rows: list[int]
    lines: list[Line] = field(default_factory=list)
    subject: str = ""
    text: str = ""
    html: str = ""

    def section(self, name: str) -> list[Line]:
        return [line for line in self.lines if line.section == name]


# --- SMTP -------------------------------------------------------------------------------------


class SMTPConnection(Connection):
    """Flask-Mail's connection with a socket timeout and a close that never masks an error.

    Flask-Mail 0.10 opens smtplib without a timeout (a hung relay would hang the job) and its
    exit calls QUIT, which raises again on a connection that already broke.
    """

    def __init__(self, mail, timeout: float):
        super().__init__(mail)
        self.timeout = timeout

    def configure_host(self) -> smtplib.SMTP:
        smtp_class = smtplib.SMTP_SSL if self.mail.use_ssl else smtplib.SMTP
        host = smtp_class(self.mail.server, self.mail.port, timeout=self.timeout)
        try:
            host.set_debuglevel(int(self.mail.debug))
            if self.mail.use_tls:
                host.starttls()
            if self.mail.username and self.mail.password:
                host.login(self.mail.username, self.mail.password)
        except BaseException:
            host.close()
            raise
        return host

    def __exit__(self, exc_type, exc_value, tb) -> None:
        if self.host is None:
            return
        try:
            self.host.quit()
        except (smtplib.SMTPException, OSError):
            pass
        finally:
            self.host.close()
            self.host = None


def smtp_connection() -> SMTPConnection:
    state = current_app.extensions["mail"]
    return SMTPConnection(state, timeout=current_app.config["MAIL_TIMEOUT"])


def mail_suppressed() -> bool:
    return bool(current_app.extensions["mail"].suppress)


#: Errors of one message; the connection stays usable for the next digest.
_MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)


# --- the job ----------------------------------------------------------------------------------


def deliver(today: date | None = None, now: datetime | None = None) -> DeliveryResult:
    """Send every pending reminder whose attempt is due, one digest per recipient."""
    now = now or utcnow()
    rules = Rules.from_config(current_app.config)
    today = today or rules.today(now)
    result = DeliveryResult()
    if mail_suppressed():
        result.suppressed = True
        log.info("mail is suppressed (MAIL_SUPPRESS_SEND); reminders stay in the outbox")
        return result
    ids = _claim(now)
    if not ids:
        return result
    rows = db.session.scalars(
        select(Notification).where(Notification.id.in_(ids)).order_by(Notification.id)
    ).all()
    items = _current_items(rows)
    live, skipped = [], []
    for row in rows:
        reason = _why_not_due(row, items.get((row.item_type, row.item_id)))
        (skipped if reason else live).append((row, reason))
    if skipped:
        _bulk_update(
            [
                {"_id": row.id, "status": NotificationStatus.SKIPPED, "last_error": reason}
                for row, reason in skipped
            ]
        )
        result.skipped = len(skipped)
    digests = build_digests([row for row, _ in live], items, today)
    db.session.commit()
    with _cheap_commits():
        _send(digests, today, now, result)
    return result


@contextmanager
def _cheap_commits():
    """Commit per digest without expiring every object the session holds (a commit costs as
    much as the identity map is large, and planning loaded thousands of items). Digests are
    plain data, so nothing read during sending can be stale; everything is expired once after.
    """
    session = db.session()
    session.expire_on_commit = False
    try:
        yield
    finally:
        session.expire_on_commit = True
        session.expire_all()


def _claim(now: datetime) -> list[int]:
    """Take the due pending rows for this run (committed), so no other run takes them."""
    table = Notification.__table__
    claimed = db.session.execute(
        update(table)
        .where(
            table.c.status == NotificationStatus.PENDING.value,
            table.c.next_attempt_at <= now,
        )
        .values(next_attempt_at=now + CLAIM)
        .returning(table.c.id)
    )
    ids = [row.id for row in claimed]
    db.session.commit()
    return ids


def _send(digests: list[Digest], today: date, now: datetime, result: DeliveryResult) -> None:
    from tracker.operations.notifications import issue_action_tokens

    if not digests:
        return
    remaining = list(digests)
    try:
        with smtp_connection() as connection:
            while remaining:
                digest = remaining[0]
                try:
                    for line in digest.lines:
                        if line.item_type == "followup" and not line.is_copy:
                            tokens = issue_action_tokens(line.item_id, digest.recipient_email, now)
                            line.actions = {
                                action.value: absolute_url("notifications.action", token=secret)
                                for action, secret in tokens.items()
                            }
                    render(digest, today)
                    connection.send(message(digest))
                except _MESSAGE_ERRORS as error:
                    db.session.rollback()
                    permanent = _is_permanent(error)
                    _record_failure(digest, _describe(error), now, result, permanent)
                except (smtplib.SMTPException, OSError):
                    db.session.rollback()
                    raise  # the connection is gone: this and the rest wait for a retry
                except Exception as error:  # a bug in one digest must not block the others
                    log.exception("could not build the digest for %s", digest.recipient_email)
                    db.session.rollback()
                    _record_failure(digest, _describe(error), now, result)
                else:
                    _bulk_update(
                        [
                            {"_id": i, "status": NotificationStatus.SENT, "sent_at": utcnow()}
                            for i in digest.rows
                        ]
                    )
                    result.sent += len(digest.rows)
                    result.mails += 1
                db.session.commit()
                remaining.pop(0)
    except (smtplib.SMTPException, OSError) as error:
        log.warning("SMTP unavailable, %d digests wait: %s", len(remaining), error)
        db.session.rollback()
        for digest in remaining:
            _record_failure(digest, _describe(error), now, result)
        db.session.commit()


def _is_permanent(error: Exception) -> bool:
    """A 5xx reply is final (RFC 5321); a 4xx one is worth another attempt."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    return getattr(error, "smtp_code", 0) >= 500


def _describe(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        parts = [
            f"{address}: {code} {_text(reply)}"
            for address, (code, reply) in error.recipients.items()
        ]
        return "recipient refused: " + "; ".join(parts)
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__}: {error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}"[:1000]


def _text(reply: Any) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)


def _record_failure(
    digest: Digest, error: str, now: datetime, result: DeliveryResult, permanent: bool = False
) -> None:
    """attempts + 1, the error, and either the next attempt after a backoff or `failed`."""
    config = current_app.config
    max_attempts = config["REMINDER_MAX_ATTEMPTS"]
    backoff = tuple(config["REMINDER_BACKOFF_MINUTES"]) or (5,)
    attempts = dict(
        db.session.execute(
            select(Notification.id, Notification.attempts).where(Notification.id.in_(digest.rows))
        ).all()
    )
    changes = []
    for row_id, previous in attempts.items():
        count = previous + 1
        change = {"_id": row_id, "attempts": count, "last_error": error[:1000]}
        if permanent or count >= max_attempts:
            change["status"] = NotificationStatus.FAILED
            result.failed += 1
        else:
            wait = backoff[min(count, len(backoff)) - 1]
            change["next_attempt_at"] = now + timedelta(minutes=wait)
            result.retrying += 1
        changes.append(change)
    _bulk_update(changes)


def _bulk_update(changes: list[dict[str, Any]]) -> None:
    """One executemany per set of columns (no statement per row when they agree)."""
    table = Notification.__table__
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for change in changes:
        groups[tuple(sorted(k for k in change if k != "_id"))].append(change)
    for columns, params in groups.items():
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({column: bindparam(column) for column in columns})
        )
        db.session.execute(statement, params)


# --- what is still due -----------------------------------------------------------------------


def _current_items(rows: Iterable[Notification]) -> dict[tuple[str, int], Any]:
    """The rows' items as they are now: one query per item type."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        wanted[row.item_type].add(row.item_id)
    found: dict[tuple[str, int], Any] = {}
    for item_type, ids in wanted.items():
        model, *options = _ITEM_LOADERS[item_type]
        query = select(model).where(model.id.in_(ids)).options(*options)
        for item in db.session.scalars(query).unique():
            found[(item_type, item.id)] = item
    return found


_ITEM_LOADERS = {
    ItemType.FOLLOWUP: (FollowUp, joinedload(FollowUp.owner)),
    ItemType.REPORT: (
        ParticipationReport,
        joinedload(ParticipationReport.activity),
        joinedload(ParticipationReport.person),
    ),
    ItemType.PROJECT: (Project, joinedload(Project.lead)),
}


def _why_not_due(row: Notification, item: Any) -> str | None:
    """Why a pending row must not be sent any more (None when it still applies)."""
    if item is None or item.deleted_at is not None:
        return "closed"
    if row.item_type == ItemType.FOLLOWUP:
        if not item.is_open:
            return "closed"
        return "moved" if item.due_on != row.due_on else None
    if row.item_type == ItemType.REPORT:
        if item.status not in (ReportStatus.PENDING, ReportStatus.RETURNED):
            return "closed"
        return "moved" if item.due_on != row.due_on else None
    if item.status != ProjectStatus.IMPLEMENTATION:
        return "closed"
    if row.rule == R.PROJECT_SHEET_STALE:
        return "moved" if _sheet_refresh_by(item) != row.due_on else None
    return "moved" if item.planned_end_on != row.due_on else None


def _sheet_refresh_by(project: Project) -> date | None:
    if project.information_updated_on is None:
        return None
    months = project.update_interval_months or current_app.config["PROJECT_UPDATE_INTERVAL_MONTHS"]
    return add_months(project.information_updated_on, months)


# --- digests ----------------------------------------------------------------------------------


def build_digests(
    rows: Iterable[Notification], items: dict[tuple[str, int], Any], today: date
) -> list[Digest]:
    """Group rows per recipient; one line per item (the row with the latest slot wins)."""
    rows = list(rows)
    by_recipient: dict[str, list[Notification]] = defaultdict(list)
    for row in rows:
        by_recipient[row.recipient_email].append(row)
    person_ids = {row.recipient_person_id for row in rows if row.recipient_person_id}
    people = {
        p.id: p
        for p in db.session.scalars(
            select(Person).where(Person.id.in_(person_ids)).options(joinedload(Person.user))
        )
    }
    unit_email = current_app.config["TRACKER_UNIT_EMAIL"].strip().lower()
    languages = current_app.config["LANGUAGES"]
    digests = []
    for email, group in sorted(by_recipient.items()):
        person = next(
            (people[r.recipient_person_id] for r in group if r.recipient_person_id in people),
            None,
        )
        # The preference as it is now, not as it was when the row was planned.
        language = person.language if person else group[-1].language
        digest = Digest(
            recipient_email=email,
            language=language if language in languages else languages[0],
            greeting_name=person.name if person else "",
            is_unit=person is None and email == unit_email,
            has_account=bool(person and person.user and person.user.is_enabled),
            rows=[r.id for r in group],
        )
        latest: dict[tuple, Notification] = {}
        for row in sorted(group, key=lambda r: (r.slot_on, r.id)):
            # A project can be both late and stale: two lines. Anything else is one line.
            rule_key = row.rule if row.item_type == ItemType.PROJECT else ""
            latest[(row.item_type, row.item_id, rule_key)] = row
        digest.lines = [
            _line(row, items[(row.item_type, row.item_id)], today) for row in latest.values()
        ]
        digests.append(digest)
    return digests


def _section(item_type: str, due: date | None, today: date) -> str:
    """Where a line goes, from the dates as they are on the day the mail is sent."""
    if item_type == ItemType.REPORT:
        return "reports"
    if item_type == ItemType.PROJECT:
        return "projects"
    if due is None or due < today:
        return "overdue"
    return "today" if due == today else "soon"


def _line(row: Notification, item: Any, today: date) -> Line:
    if row.item_type == ItemType.FOLLOWUP:
        endpoint, key, kind, title = "followups.show", "followup_id", item.kind.value, item.title
        about = item.owner.name if item.owner else row.about_name
    elif row.item_type == ItemType.REPORT:
        endpoint, key, kind, title = "reports.show", "report_id", "report", item.activity.name
        about = item.person.name
    else:
        endpoint, key, kind, title = "projects.show", "project_id", "project", item.name
        about = item.lead.name if item.lead else row.about_name
    return Line(
        item_type=row.item_type.value,
        item_id=row.item_id,
        rule=row.rule,
        section=_section(row.item_type, row.due_on, today),
        kind=kind,
        title=title,
        url=absolute_url(endpoint, **{key: row.item_id}),
        note="",
        due_on=row.due_on,
        is_copy=row.is_copy,
        about=about,
    )


def render(digest: Digest, today: date) -> Digest:
    """Subject, text and HTML in the recipient's language."""
    with force_locale(digest.language):
        for line in digest.lines:
            line.note = _note(line, today)
        digest.lines.sort(key=lambda line: (SECTIONS.index(line.section), line.due_on or today))
        digest.subject = subject(digest)
        context = {
            "digest": digest,
            "sections": [(name, SECTION_TITLES[name](), digest.section(name)) for name in SECTIONS],
            "today_text": format_date(today, "long"),
            "kind_label": _kind_label,
            "greeting": _greeting(digest),
            "profile_url": absolute_url("auth.profile"),
            "home_url": absolute_url("home.index"),
            "unit_email": current_app.config["TRACKER_UNIT_EMAIL"],
            "has_actions": any(line.actions for line in digest.lines),
            "postpone_days": current_app.config["ACTION_POSTPONE_DAYS"],
            "token_days": current_app.config["ACTION_TOKEN_DAYS"],
        }
        digest.text = render_template("emails/digest.txt", **context)
        digest.html = render_template("emails/digest.html", **context)
    return digest


def message(digest: Digest) -> Message:
    return Message(
        subject=digest.subject,
        recipients=[digest.recipient_email],
        body=digest.text,
        html=digest.html,
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
        # Auto-replies ("out of office") should not answer a robot.
        extra_headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"},
    )


SECTION_TITLES = {
    "overdue": lambda: _("Vencidos"),
    "today": lambda: _("Vencen hoy"),
    "soon": lambda: _("Por vencer"),
    "reports": lambda: _("Informes de participación"),
    "projects": lambda: _("Proyectos"),
}


def subject(digest: Digest) -> str:
    """E.g. "Seguimiento: 2 vencidos, 3 por vencer" — the counts of what the mail lists."""
    counts = {name: len(digest.section(name)) for name in SECTIONS}
    parts = []
    if counts["overdue"]:
        parts.append(ngettext("%(num)d vencido", "%(num)d vencidos", counts["overdue"]))
    if counts["today"]:
        parts.append(ngettext("%(num)d vence hoy", "%(num)d vencen hoy", counts["today"]))
    if counts["soon"]:
        parts.append(ngettext("%(num)d por vencer", "%(num)d por vencer", counts["soon"]))
    if counts["reports"]:
        parts.append(
            ngettext("%(num)d informe pendiente", "%(num)d informes pendientes", counts["reports"])
        )
    if counts["projects"]:
        parts.append(
            ngettext(
                "%(num)d proyecto por revisar", "%(num)d proyectos por revisar", counts["projects"]
            )
        )
    return _("Seguimiento: %(counts)s", counts=", ".join(parts))


def _greeting(digest: Digest) -> str:
    if digest.is_unit:
        return _("Hola, Unidad de Cooperación Internacional:")
    if digest.greeting_name:
        return _("Hola, %(name)s:", name=digest.greeting_name)
    return _("Hola:")


def _kind_label(kind: str) -> str:
    from tracker.labels import KIND_LABELS

    if kind == "report":
        return _("Informe de participación")
    if kind == "project":
        return _("Proyecto")
    return str(KIND_LABELS[FollowUpKind(kind)])


def _note(line: Line, today: date) -> str:
    """The sentence under a line: when it was or is due, in the recipient's language."""
    due = line.due_on
    when = format_date(due, "medium") if due else ""
    days = abs((today - due).days) if due else 0
    if line.rule == R.PROJECT_OVERRUN:
        text = ngettext(
            "Su fin previsto era el %(date)s y sigue en ejecución (%(num)d día después).",
            "Su fin previsto era el %(date)s y sigue en ejecución (%(num)d días después).",
            days,
            date=when,
        )
    elif line.rule == R.PROJECT_SHEET_STALE:
        text = _("La ficha del proyecto debía actualizarse a más tardar el %(date)s.", date=when)
    elif line.item_type == ItemType.REPORT and due < today:
        text = ngettext(
            "El informe debía entregarse el %(date)s (%(num)d día de atraso).",
            "El informe debía entregarse el %(date)s (%(num)d días de atraso).",
            days,
            date=when,
        )
    elif line.item_type == ItemType.REPORT:
        text = ngettext(
            "El informe se entrega el %(date)s (en %(num)d día).",
            "El informe se entrega el %(date)s (en %(num)d días).",
            days,
            date=when,
        )
    elif line.section == "overdue":
        text = ngettext(
            "Venció el %(date)s (%(num)d día de atraso).",
            "Venció el %(date)s (%(num)d días de atraso).",
            days,
            date=when,
        )
    elif line.section == "today":
        text = _("Vence hoy, %(date)s.", date=when)
    else:
        text = ngettext(
            "Vence el %(date)s (en %(num)d día).",
            "Vence el %(date)s (en %(num)d días).",
            days,
            date=when,
        )
    if line.is_copy and line.about:
        if line.item_type == ItemType.REPORT:
            lead = _("Copia a la jefatura inmediata: informe de %(name)s.", name=line.about)
        else:
            lead = _("Copia: a cargo de %(name)s.", name=line.about)
        text = f"{lead} {text}"
    return text


# --- links ------------------------------------------------------------------------------------


def absolute_url(endpoint: str, **values: Any) -> str:
    """A link that works from a mail: built on TRACKER_BASE_URL, outside any request."""
    base = urlsplit(current_app.config["TRACKER_BASE_URL"].rstrip("/"))
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)
