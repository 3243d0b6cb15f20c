"""Delivery: pending outbox rows → one digest per recipient → one SMTP connection.

Order of steps, and what each guarantees:

1. *Claim* the due rows with one conditional UPDATE (pushes their next attempt CLAIM ahead)
   and commit, so a second deliverer running at the same moment does not pick them up.
2. Load the claimed rows a batch of whole recipients at a time, each with its item as it is
   now (one plain query per batch and item type), and drop rows whose item was closed,
   deleted or moved since planning (status `skipped`).
3. Issue the batch's one-click links in one insert and commit them, so that a mail never
   carries a link the database does not know.
4. Send each digest over one SMTP connection (opened once, with a timeout), after checking
   that its rows are still this run's: a run that outlasts its claim leaves the rows another
   deliverer has taken over to that one. A digest's rows are stamped `sent` and committed
   right after the server accepted it. A crash between the server's acceptance and that
   commit repeats at most that one digest, once the claim runs out: delivery is
   at-least-once, with a window of one message.
5. A digest is bounded (jobs/delivery/bound.py) and never larger than the server's SIZE
   (fewer lines, or it fails alone). A message refused for good (5xx) fails only its own
   digest, one deferred (4xx) retries later, and the run goes on (jobs/delivery/refusals.py);
   a lost connection or a 421 leaves the rest pending with the error and a backoff; after
   REMINDER_MAX_ATTEMPTS a row is `failed`.

Memory is bounded by a batch (BATCH_ROWS rows, or one recipient's digest when it is larger),
not by the outbox: only the claimed ids stay in memory for the whole run.
"""

from __future__ import annotations

import logging
import re
import secrets
import smtplib
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.policy import compat32
from functools import cache
from itertools import islice
from operator import itemgetter
from typing import Any

from flask import current_app, stream_template
from flask_babel import force_locale, format_date, ngettext
from flask_babel import gettext as _
from flask_mail import Message
from sqlalchemy import (
    String,
    and_,
    bindparam,
    case,
    exists,
    func,
    literal,
    not_,
    null,
    or_,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import aliased

from jobs import rules as R
from jobs.bulk import Converters, insert_many
from jobs.delivery.bound import Bound, bound_digest, forget_links, shrink
from jobs.delivery.links import _ITEM_KEYS, Links, absolute_url  # noqa: F401  (re-exported)
from jobs.delivery.news import is_news, load_news, news_note
from jobs.delivery.refusals import MessageTooLarge, Verdict, describe, verdict
from jobs.delivery.smtp import (  # noqa: F401  (re-exported)
    _SMTP,
    _SMTP_SSL,
    SMTPConnection,
    mail_suppressed,
    smtp_connection,
    wire_size,
)
from jobs.rules import Rules
from tracker.dates import add_months
from tracker.extensions import db
from tracker.models import (
    ActionToken,
    Activity,
    FollowUp,
    ItemType,
    Notification,
    NotificationStatus,
    ParticipationReport,
    Person,
    Project,
    ReportLink,
    User,
)
from tracker.models.base import UTCDateTime, utcnow
from tracker.models.enums import OPEN_STATUSES, FollowUpKind, ProjectStatus, ReportStatus

log = logging.getLogger(__name__)

#: How long a deliverer owns the rows it claimed; a crash makes them due again after this.
CLAIM = timedelta(minutes=15)
SECTIONS = ("news", "overdue", "today", "soon", "reports", "projects")
#: Claimed rows loaded, checked and turned into digests at a time (whole recipients only).
BATCH_ROWS = 5000
#: Most ids bound in one IN (…) (SQLite allows 32,766 parameters per statement).
IN_CHUNK = 5000
#: Most runs of consecutive ids (BETWEEN …) in one statement.
RUNS_PER_STATEMENT = 250
_OWED = (ReportStatus.PENDING, ReportStatus.RETURNED)


@dataclass
class DeliveryResult:
    sent: int = 0  #: rows delivered
    failed: int = 0  #: rows that reached `failed` in this run
    retrying: int = 0  #: rows that failed this time and wait for another attempt
    skipped: int = 0  #: rows dropped because their item no longer applies
    mails: int = 0  #: digests the server accepted
    suppressed: bool = False  #: MAIL_SUPPRESS_SEND: nothing left the outbox


@dataclass(slots=True)
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
    #: Whose item it is and the institution responsible (for the unit's summary and links).
    owner_id: int | None = None
    organization_id: int | None = None
    actions: dict[str, str] = field(default_factory=dict)
    #: "Tarea", "Informe de participación", … in the recipient's language (set by `render`).
    kind_label: str = ""
    #: A news line's event data (jobs.delivery.news.News), read when the digest is built.
    news: Any = None
    #: A project's other reason to be here, (rule, due date): past its end and with a stale
    #: sheet is one project, one line that says both.
    also: tuple[tuple[str, date | None], ...] = ()


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
    #: The rendered bodies, as they go into the mail: UTF-8 chunks with CRLF line endings.
    text: list[bytes] = field(default_factory=list)
    html: list[bytes] = field(default_factory=list)
    #: Its size bound: `lines` are the ones shown, the bound knows the rest (jobs.delivery.bound).
    bound: Bound | None = None

    def section(self, name: str) -> list[Line]:
        return [line for line in self.lines if line.section == name]


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
    claimed = _claim(now)
    if not claimed:
        return result
    links, texts = Links(), Texts(today)
    with _cheap_commits(), _Outbox(now, now + CLAIM, result) as outbox:
        for batch in _batches(claimed):
            digests = _load_digests(batch, today, links, result)
            db.session.commit()
            if digests and outbox.open():
                _issue_links(digests, links, now)
                db.session.commit()
            for digest in digests:
                outbox.send(digest, today, texts)
            del digests  # before the next batch is loaded, not after
    return result


@contextmanager
def _cheap_commits():
    """Commit per digest without expiring every object the session holds (a commit costs as
    much as the identity map is large). Digests are plain data, so nothing read during
    sending can be stale; everything is expired once after.
    """
    session = db.session()
    session.expire_on_commit = False
    try:
        yield
    finally:
        session.expire_on_commit = True
        session.expire_all()


def _claim(now: datetime) -> dict[str, list[tuple[int, str]]]:
    """Take the due pending rows for this run (committed), so no other run takes them.

    Returns their (id, item type) per recipient, recipients and ids in order. The UPDATE
    returns only the ids (SQLite holds a RETURNING's rows in memory until the statement
    ends); recipients and types are read back by id, a run of consecutive ids at a time.
    """
    table = Notification.__table__
    ids = db.session.scalars(
        update(table)
        .where(
            table.c.status == NotificationStatus.PENDING.value,
            table.c.next_attempt_at <= now,
        )
        .values(next_attempt_at=now + CLAIM)
        .returning(table.c.id)
    ).all()
    by_recipient: dict[str, list[tuple[int, str]]] = defaultdict(list)
    names = {t.value: t.value for t in ItemType}  # one string per type, not one per row
    for count, params in _by_ids(ids):
        for row_id, email, item_type in db.session.execute(_claimed_statement(count), params):
            by_recipient[email].append((row_id, names[item_type]))
    db.session.commit()
    return {email: sorted(by_recipient[email]) for email in sorted(by_recipient)}


@cache
def _claimed_statement(count: int) -> Any:
    table = Notification.__table__
    return select(
        table.c.id, table.c.recipient_email, type_coerce(table.c.item_type, String)
    ).where(_id_runs_clause(table.c.id, count))


def _batches(
    claimed: dict[str, list[tuple[int, str]]],
) -> Iterator[list[tuple[str, list[tuple[int, str]]]]]:
    """Recipients with their rows, about BATCH_ROWS rows at a time; never splits one."""
    batch: list[tuple[str, list[tuple[int, str]]]] = []
    size = 0
    for email, rows in claimed.items():
        if batch and size + len(rows) > BATCH_ROWS:
            yield batch
            batch, size = [], 0
        batch.append((email, rows))
        size += len(rows)
    if batch:
        yield batch


def _chunks(values: Sequence, size: int = IN_CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _id_runs(ids: Iterable[int]) -> list[list[int]]:
    """The ids as runs of consecutive integers, [first, last] each, in order."""
    runs: list[list[int]] = []
    for row_id in sorted(ids):
        if runs and row_id == runs[-1][1] + 1:
            runs[-1][1] = row_id
        else:
            runs.append([row_id, row_id])
    return runs


def _by_ids(ids: Iterable[int]) -> Iterator[tuple[int, dict[str, int]]]:
    """(n, parameters) pairs that select exactly `ids` with `_id_runs_clause(column, n)`,
    one statement's worth each.

    Each run of consecutive ids is one BETWEEN: every integer in it is one of the ids, so it
    selects nothing else. A recipient's rows are mostly a single run (enqueue writes them
    side by side), so this binds a few numbers where IN (…) would bind hundreds. The runs
    are padded to a power of two with repeats of the last one: a handful of statement
    shapes, each built and compiled once.
    """
    runs = _id_runs(ids)
    for start in range(0, len(runs), RUNS_PER_STATEMENT):
        some = runs[start : start + RUNS_PER_STATEMENT]
        some += [some[-1]] * ((1 << (len(some) - 1).bit_length()) - len(some))
        params = {}
        for n, (first, last) in enumerate(some):
            params[f"first_{n}"], params[f"last_{n}"] = first, last
        yield len(some), params


@cache
def _id_runs_clause(column, count: int) -> Any:
    """`column` within any of `count` ranges, bound as first_0, last_0, first_1, …"""
    return or_(
        *(column.between(bindparam(f"first_{n}"), bindparam(f"last_{n}")) for n in range(count))
    )


class _Outbox:
    """The run's one SMTP connection, opened when the first digest is ready to go.

    A refusal of one message (a 5xx, or a 4xx other than 421) fails or defers that digest
    alone, and the next one goes over the same connection (smtplib resets the transaction),
    or over a new one when the server hung up after refusing. Once the connection is lost,
    every digest after it waits for a retry (as the one that was being sent): they are
    recorded as failures with the connection's error and a backoff.
    """

    def __init__(self, now: datetime, claimed_until: datetime, result: DeliveryResult):
        self.now = now
        self.claimed_until = claimed_until
        self.result = result
        self.connection: SMTPConnection | None = None
        self.error: str | None = None  #: what took the connection down
        self.waiting = 0  #: digests that wait because of it
        self.just_refused = False  #: the last message was refused (the server may hang up)

    def __enter__(self) -> _Outbox:
        return self

    def __exit__(self, *exc_info) -> None:
        self._close()
        if self.waiting:
            log.warning("SMTP unavailable, %d digests wait: %s", self.waiting, self.error)

    def _close(self) -> None:
        if self.connection is not None:
            connection, self.connection = self.connection, None
            connection.__exit__(None, None, None)

    def _down(self, error: BaseException) -> None:
        self.error = describe(error)
        self._close()

    def _reconnect(self) -> bool:
        self._close()
        self.error = None
        return self.open()

    def open(self) -> bool:
        """Whether the connection is (now) open; False once it has failed."""
        if self.connection is None and self.error is None:
            connection = smtp_connection()
            try:
                connection.__enter__()
            except (smtplib.SMTPException, OSError) as error:
                self._down(error)
            else:
                self.connection = connection
        return self.error is None

    def send(self, digest: Digest, today: date, texts: Texts) -> None:
        """Render and send one digest, then record the outcome (committed)."""
        if not _still_claimed(digest.rows, self.claimed_until):
            # A run that outlasted its claim: another deliverer took these rows over (and
            # sends them). Only the digest that was in flight then can go out twice.
            log.warning(
                "claim expired: %s left to the run that took it over", digest.recipient_email
            )
            return
        if not self.open():
            self.waiting += 1
            _record_failure(digest, self.error, self.now, self.result)
            db.session.commit()
            return
        try:
            mail = self._compose(digest, today, texts)
        except MessageTooLarge as error:
            log.warning("digest for %s not sent: %s", digest.recipient_email, error)
            _record_failure(digest, describe(error), self.now, self.result, permanent=True)
        except Exception as error:  # a bug in one digest must not block the others
            log.exception("could not build the digest for %s", digest.recipient_email)
            db.session.rollback()
            _record_failure(digest, describe(error), self.now, self.result)
        else:
            self._deliver(digest, mail)
        db.session.commit()

    def _compose(self, digest: Digest, today: date, texts: Texts) -> DigestMessage:
        """The digest as a message within the server's SIZE: fewer lines while it is over."""
        limit = self.connection.size_limit
        while True:
            render(digest, today, texts)
            mail = message(digest)
            mail.prepare()
            size = wire_size(mail.as_bytes())
            if limit is None or size <= limit:
                break
            dropped = shrink(digest)
            if dropped is None:
                raise MessageTooLarge(size, limit)
            log.info("digest for %s over SIZE %d: fewer lines", digest.recipient_email, limit)
            forget_links(digest, dropped, self.now)
            db.session.commit()
        # The rendered digest lives on as the message's bytes only.
        digest.text, digest.html, digest.lines, digest.bound = [], [], [], None
        return mail

    def _deliver(self, digest: Digest, mail: DigestMessage, again: bool = False) -> None:
        try:
            self.connection.send(mail)
        except (smtplib.SMTPException, OSError) as error:
            db.session.rollback()
            outcome = verdict(error)
            if outcome is Verdict.SESSION:
                hung_up = isinstance(error, smtplib.SMTPServerDisconnected)
                if hung_up and self.just_refused and not again and self._reconnect():
                    # It closed the session after refusing the previous message.
                    self.just_refused = False
                    return self._deliver(digest, mail, again=True)
                # The connection is gone: this digest and the rest wait for a retry.
                self._down(error)
                self.waiting += 1
                _record_failure(digest, self.error, self.now, self.result)
                return
            log.warning("SMTP refused the digest for %s: %s", digest.recipient_email, error)
            permanent = outcome is Verdict.REFUSED
            _record_failure(digest, describe(error), self.now, self.result, permanent)
            self.just_refused = True
            if self.connection.is_dropped:
                self._reconnect()  # a failure here leaves the next digests waiting
        except Exception as error:  # e.g. a header Flask-Mail refuses: this digest only
            log.exception("could not send the digest for %s", digest.recipient_email)
            db.session.rollback()
            _record_failure(digest, describe(error), self.now, self.result)
        else:
            self.just_refused = False
            _mark_sent(digest.rows, utcnow())
            self.result.sent += len(digest.rows)
            self.result.mails += 1


#: The ActionToken columns the digest job writes, in the order of its row tuples.
_TOKEN_COLUMNS = (
    "token_hash",
    "followup_id",
    "action",
    "recipient_email",
    "expires_at",
    "created_at",
)


def _issue_links(digests: list[Digest], links: Links, now: datetime) -> None:
    """The one-click links of every owner's follow-up line, in one insert (the caller commits)."""
    from tracker.operations.notifications import new_action_tokens

    lines = [
        (digest.recipient_email, line)
        for digest in digests
        for line in digest.lines
        if line.item_type == "followup" and not line.is_copy
    ]
    issued, rows = new_action_tokens([(line.item_id, email) for email, line in lines], now)
    table = ActionToken.__table__
    convert = Converters(table)
    converters = [convert.of(column) for column in _TOKEN_COLUMNS]
    insert_many(
        table,
        _TOKEN_COLUMNS,
        (tuple(f(row[c]) for f, c in zip(converters, _TOKEN_COLUMNS, strict=True)) for row in rows),
    )
    for (_email, line), secrets_by_action in zip(lines, issued, strict=True):
        line.actions = {
            action.value: links.action(secret) for action, secret in secrets_by_action.items()
        }


def _still_claimed(ids: list[int], until: datetime) -> bool:
    """Whether the rows are still pending under this run's claim (read just before sending).

    Read by id, compared here: a condition on the claim's instant would lead the database to
    the pending-rows index, where every row of the run has that same instant.
    """
    owned = 0
    for count, params in _by_ids(ids):
        for status, next_attempt_at in db.session.execute(_claim_state_statement(count), params):
            owned += status == NotificationStatus.PENDING and next_attempt_at == until
    return owned == len(ids)


@cache
def _claim_state_statement(count: int) -> Any:
    return select(Notification.status, Notification.next_attempt_at).where(
        _id_runs_clause(Notification.id, count)
    )


def _mark_sent(ids: list[int], at: datetime) -> None:
    for count, params in _by_ids(ids):
        db.session.execute(_mark_sent_statement(count), {**params, "sent": at})


@cache
def _mark_sent_statement(count: int) -> Any:
    table = Notification.__table__
    return (
        update(table)
        .where(_id_runs_clause(table.c.id, count))
        .values(status=NotificationStatus.SENT, sent_at=bindparam("sent", type_=UTCDateTime()))
    )


def _record_failure(
    digest: Digest, error: str, now: datetime, result: DeliveryResult, permanent: bool = False
) -> None:
    """attempts + 1, the error, and either the next attempt after a backoff or `failed`."""
    config = current_app.config
    max_attempts = config["REMINDER_MAX_ATTEMPTS"]
    backoff = tuple(config["REMINDER_BACKOFF_MINUTES"]) or (5,)
    attempts: dict[int, int] = {}
    for count, params in _by_ids(digest.rows):
        statement = select(Notification.id, Notification.attempts).where(
            _id_runs_clause(Notification.id, count)
        )
        attempts.update(db.session.execute(statement, params).all())
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


# --- the claimed rows, with their items as they are now ---------------------------------------

# A claimed row as loaded: a plain tuple, the same shape for every item type.
(
    ID,
    TYPE,
    ITEM,
    RULE,
    SLOT,
    PERSON,
    IS_COPY,
    LANGUAGE,
    DUE,
    REASON,
    KIND,
    TITLE,
    ABOUT,
    OWNER,
    ORG,
) = range(15)


@cache
def _rows_statement(item_type: str, count: int) -> Any:
    return _row_statements()[item_type].where(_id_runs_clause(Notification.id, count))


@cache
def _row_statements() -> dict[str, Any]:
    """Per item type, the outbox rows with their items as they are now: one plain select each
    (no ORM objects), the item joined by its id, and why the row no longer applies worked out
    by the database where it can (a project's sheet date is checked in `_project_reason`).
    """
    n = Notification
    person = aliased(Person, name="person")
    common = (n.id, n.item_id, n.rule, n.slot_on, n.recipient_person_id, n.is_copy, n.language)
    f, r, p = FollowUp, ParticipationReport, Project

    def closed(item, deleted_at, status_ok):
        return or_(item.id.is_(None), deleted_at.is_not(None), not_(status_ok))

    news = n.rule.in_(sorted(R.NEWS_RULES))
    live_link = exists().where(ReportLink.report_id == r.id, ReportLink.revoked_at.is_(None))
    stale = or_(
        and_(n.rule == R.REPORT_SUBMITTED, r.status != ReportStatus.SUBMITTED),
        and_(n.rule == R.REPORT_LINK, or_(r.status == ReportStatus.APPROVED, not_(live_link))),
    )

    followups = (
        select(
            *common,
            n.due_on,
            case(
                (closed(f, f.deleted_at, f.status.in_(OPEN_STATUSES)), "closed"),
                (f.due_on.is_distinct_from(n.due_on), "moved"),
            ),
            type_coerce(f.kind, String),
            f.title,
            func.coalesce(person.name, n.about_name),
            f.owner_id,
            func.coalesce(f.organization_id, person.organization_id),
        )
        .select_from(n)
        .outerjoin(f, f.id == n.item_id)
        .outerjoin(person, person.id == f.owner_id)
    )
    reports = (
        select(
            *common,
            n.due_on,
            case(
                # Event notices (jobs.delivery.news) stand while the report exists; a request
                # for the visto bueno only while the report still waits for it.
                (and_(news, or_(r.id.is_(None), r.deleted_at.is_not(None), stale)), "closed"),
                (news, null()),
                (closed(r, r.deleted_at, r.status.in_(_OWED)), "closed"),
                (r.due_on.is_distinct_from(n.due_on), "moved"),
            ),
            literal("report"),
            Activity.name,
            person.name,
            r.person_id,
            person.organization_id,
        )
        .select_from(n)
        .outerjoin(r, r.id == n.item_id)
        .outerjoin(Activity, Activity.id == r.activity_id)
        .outerjoin(person, person.id == r.person_id)
    )
    projects = (
        select(
            *common,
            n.due_on,
            case((closed(p, p.deleted_at, p.status == ProjectStatus.IMPLEMENTATION), "closed")),
            literal("project"),
            p.name,
            func.coalesce(person.name, n.about_name),
            p.lead_id,
            person.organization_id,
            p.planned_end_on,
            p.information_updated_on,
            p.update_interval_months,
        )
        .select_from(n)
        .outerjoin(p, p.id == n.item_id)
        .outerjoin(person, person.id == p.lead_id)
    )
    return {"followup": followups, "report": reports, "project": projects}


def _load_digests(
    batch: list[tuple[str, list[tuple[int, str]]]],
    today: date,
    links: Links,
    result: DeliveryResult,
) -> list[Digest]:
    """The batch's digests; rows that no longer apply are marked skipped (the caller commits)."""
    connection = db.session.connection()
    ids_by_type: dict[str, list[int]] = defaultdict(list)
    for _email, rows in batch:
        for row_id, item_type in rows:
            ids_by_type[item_type].append(row_id)
    found: dict[int, tuple] = {}
    for item_type, ids in ids_by_type.items():
        # By id alone: every id given is of the statement's item type (the claim says which).
        for count, params in _by_ids(ids):
            for row in connection.execute(_rows_statement(item_type, count), params):
                row = (row[0], item_type, *row[1:])
                if item_type == "project":
                    row = (*row[:REASON], _project_reason(row), *row[KIND : ORG + 1])
                found[row[ID]] = row
    groups, skipped = [], []
    for email, rows in batch:
        live = []
        for row_id, _item_type in rows:
            row = found.get(row_id)
            if row is None:  # an outbox row cannot vanish, but if it did, nothing to send
                continue
            if row[REASON]:
                skipped.append(
                    {"_id": row_id, "status": NotificationStatus.SKIPPED, "last_error": row[REASON]}
                )
            else:
                live.append(row)
        if live:
            groups.append((email, live))
    if skipped:
        _bulk_update(skipped)
        result.skipped += len(skipped)
    return build_digests(groups, today, links)


def _project_reason(row: tuple) -> str | None:
    """Why a project row no longer applies (the database said whether it is still open)."""
    if row[REASON]:
        return row[REASON]
    planned_end_on, updated_on, interval_months = row[ORG + 1 :]
    if row[RULE] == R.PROJECT_SHEET_STALE:
        return "moved" if _sheet_refresh_by(updated_on, interval_months) != row[DUE] else None
    return "moved" if planned_end_on != row[DUE] else None


def _sheet_refresh_by(updated_on: date | None, interval_months: int | None) -> date | None:
    if updated_on is None:
        return None
    months = interval_months or current_app.config["PROJECT_UPDATE_INTERVAL_MONTHS"]
    return add_months(updated_on, months)


# --- digests ----------------------------------------------------------------------------------


def build_digests(
    groups: list[tuple[str, list[tuple]]], today: date, links: Links | None = None
) -> list[Digest]:
    """One digest per recipient from their live rows (in id order); one line per item (the row
    with the latest slot wins)."""
    links = links or Links()
    person_ids = sorted({row[PERSON] for _email, rows in groups for row in rows} - {None})
    people = {}
    for chunk in _chunks(person_ids):
        people.update(
            (person.id, person)
            for person in db.session.execute(
                select(Person.id, Person.name, Person.language, User.is_enabled)
                .outerjoin(User, User.person_id == Person.id)
                .where(Person.id.in_(chunk))
            )
        )
    unit_email = current_app.config["TRACKER_UNIT_EMAIL"].strip().lower()
    cap = current_app.config["REMINDER_DIGEST_MAX_LINES"]
    languages = current_app.config["LANGUAGES"]
    digests = []
    for email, group in groups:
        person = next((people[r[PERSON]] for r in group if r[PERSON] in people), None)
        # The preference as it is now, not as it was when the row was planned.
        language = person.language if person else group[-1][LANGUAGE]
        digest = Digest(
            recipient_email=email,
            language=language if language in languages else languages[0],
            greeting_name=person.name if person else "",
            is_unit=person is None and email == unit_email,
            has_account=bool(person and person.is_enabled),
            rows=[r[ID] for r in group],
        )
        latest: dict[tuple, tuple] = {}
        reasons: dict[int, dict[str, tuple]] = defaultdict(dict)
        for row in sorted(group, key=itemgetter(SLOT, ID)):
            # A news line (an event) stands beside the item's reminder, never replaces it.
            rule_key = row[RULE] if is_news(row[RULE]) else ""
            latest[(row[TYPE], row[ITEM], rule_key)] = row
            if row[TYPE] == "project" and not is_news(row[RULE]):
                reasons[row[ITEM]][row[RULE]] = row
        digest.lines = [
            _project_line(reasons[row[ITEM]], today, links)
            if row[TYPE] == "project" and not rule_key
            else _line(row, today, links)
            for (_type, _item, rule_key), row in latest.items()
        ]
        bound_digest(digest, cap, today)  # before any link is issued or line rendered
        digests.append(digest)
    load_news(digests)
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


_ENDPOINTS = {"followup": "followups.show", "report": "reports.show", "project": "projects.show"}


def _line(row: tuple, today: date, links: Links) -> Line:
    return Line(
        item_type=row[TYPE],
        item_id=row[ITEM],
        rule=row[RULE],
        section="news" if is_news(row[RULE]) else _section(row[TYPE], row[DUE], today),
        kind=row[KIND],
        title=row[TITLE],
        url=links.item(_ENDPOINTS[row[TYPE]], row[ITEM]),
        note="",
        due_on=row[DUE],
        is_copy=bool(row[IS_COPY]),
        about=row[ABOUT],
        owner_id=row[OWNER],
        organization_id=row[ORG],
    )


def _project_line(rows: dict[str, tuple], today: date, links: Links) -> Line:
    """A project's one line: the overrun leads (the larger matter), a stale sheet comes after."""
    order = sorted(rows, key=lambda rule: rule != R.PROJECT_OVERRUN)
    line = _line(rows[order[0]], today, links)
    line.also = tuple((rule, rows[rule][DUE]) for rule in order[1:])
    return line


class Texts:
    """What a run's digests say, per language: a note ("Venció el …"), label, title or link
    is looked up and formatted once, not once per line or per mail. The methods are called
    inside force_locale(language)."""

    def __init__(self, today: date):
        self.today = today
        self._memo: dict[tuple, Any] = {}

    def _once(self, key: tuple, make: Callable[[], Any]) -> Any:
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = make()
            return value

    def note(self, line: Line, language: str) -> str:
        if is_news(line.rule):  # about one event (a name, a reason): nothing to share
            return news_note(line)
        key = ("note", language, line.rule, line.item_type, line.section, line.due_on, line.also)
        text = self._once(key, lambda: _note(line, self.today))
        if line.is_copy and line.about:
            key = ("copy", language, line.item_type == ItemType.REPORT, line.about)
            text = f"{self._once(key, lambda: _copy_lead(line))} {text}"
        return text

    def kind_label(self, language: str) -> Callable[[str], str]:
        return lambda kind: self._once(("kind", language, kind), lambda: _kind_label(kind))

    def section_titles(self, language: str) -> dict[str, str]:
        return self._once(
            ("sections", language), lambda: {n: title() for n, title in SECTION_TITLES.items()}
        )

    def today_text(self, language: str) -> str:
        return self._once(("today", language), lambda: format_date(self.today, "long"))

    def url(self, endpoint: str) -> str:
        return self._once(("url", endpoint), lambda: absolute_url(endpoint))


def render(digest: Digest, today: date, texts: Texts | None = None) -> Digest:
    """Subject, text and HTML in the recipient's language."""
    texts = texts if texts is not None and texts.today == today else Texts(today)
    language = digest.language
    with force_locale(language):
        kind_label = texts.kind_label(language)
        for line in digest.lines:
            line.note = texts.note(line, language)
            line.kind_label = kind_label(line.kind)
        digest.subject = subject(digest)
        titles = texts.section_titles(language)
        bound = digest.bound
        context = {
            "digest": digest,
            # (name, title, lines shown, lines in all, what is not shown)
            "sections": [
                (name, titles[name], digest.section(name), *_section_rest(digest, name))
                for name in SECTIONS
            ],
            "summary": bound if bound is not None and bound.summary is not None else None,
            "today_text": texts.today_text(language),
            "kind_label": kind_label,
            "greeting": _greeting(digest),
            "profile_url": texts.url("auth.profile"),
            "home_url": texts.url("home.index"),
            "unit_email": current_app.config["TRACKER_UNIT_EMAIL"],
            "has_actions": any(line.actions for line in digest.lines),
            "postpone_days": current_app.config["ACTION_POSTPONE_DAYS"],
            "token_days": current_app.config["ACTION_TOKEN_DAYS"],
        }
        digest.text = _render_template("emails/digest.txt", context)
        digest.html = _render_template("emails/digest.html", context)
    return digest


def _render_template(name: str, context: dict[str, Any]) -> list[bytes]:
    """render_template, as the mail's bytes: UTF-8 with CRLF line endings, a few thousand
    pieces at a time (a digest of thousands of lines is a million small strings, which one
    join would hold all at once, and then copy to convert)."""
    pieces = stream_template(name, **context)
    chunks: list[bytes] = []
    carried = ""
    while batch := list(islice(pieces, 4096)):
        text = carried + "".join(batch)
        # A CR at the end may be the first half of a CRLF: it goes with the next batch.
        carried = "\r" if text.endswith("\r") else ""
        chunks.append(_crlf(text[: len(text) - len(carried)]).encode("utf-8"))
    if carried:
        chunks.append(b"\r\n")
    return chunks


def message(digest: Digest) -> DigestMessage:
    return DigestMessage(
        subject=digest.subject,
        recipients=[digest.recipient_email],
        text=digest.text,
        html=digest.html,
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
        # Auto-replies ("out of office") should not answer a robot.
        extra_headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"},
    )


class DigestMessage(Message):
    """Flask-Mail's message for a digest, its bodies spliced into its MIME structure as bytes.

    The email package writes a body line by line and scans it for its boundaries, which for a
    digest of thousands of lines costs more than rendering it, and copies it several times.
    Here the message — structure, headers, boundaries, transfer encodings — is still
    Flask-Mail's, generated around short placeholders; each placeholder is then replaced by
    its body, which `render` already made what the generator writes for an 8bit part: UTF-8
    with CRLF line endings. Whenever that cannot be done safely (a placeholder not found
    exactly once, a boundary that occurs in a body) the message goes through the generator.
    """

    _prepared: bytes | None = None

    def __init__(self, *, text: list[bytes], html: list[bytes], **kwargs: Any):
        super().__init__(**kwargs)
        #: The plain-text and HTML bodies: UTF-8 chunks, CRLF line endings.
        self.parts = (text, html)

    def prepare(self) -> None:
        """Serialize now; sending then reuses the bytes (and the parts are let go: a digest
        can be megabytes, better not held twice)."""
        if self.date is None:
            self.date = time.time()
        self._prepared = None
        self._prepared = self.as_bytes()
        self.parts = ([], [])

    def as_bytes(self) -> bytes:
        if self._prepared is not None:
            return self._prepared
        tag = secrets.token_hex(8)
        # A non-ASCII body is an 8bit part, an ASCII one 7bit: the placeholder must agree.
        marks = [
            (f"{tag}{n}" + ("" if all(c.isascii() for c in part) else "\u00e9")).encode("utf-8")
            for n, part in enumerate(self.parts)
        ]
        self.body, self.html = (mark.decode("utf-8") for mark in marks)
        try:
            skeleton = self._skeleton()
        finally:
            self.body = self.html = None
        boundaries = [b"--" + b for b in _BOUNDARY.findall(skeleton)]
        if any(skeleton.count(mark) != 1 for mark in marks) or any(
            _occurs(boundary, part) for part in self.parts for boundary in boundaries
        ):
            return self._generated()
        pieces: list[bytes] = []
        end = 0
        for start, n in sorted((skeleton.index(mark), n) for n, mark in enumerate(marks)):
            pieces += [skeleton[end:start], *self.parts[n]]
            end = start + len(marks[n])
        pieces.append(skeleton[end:])
        return b"".join(pieces)

    def _generated(self) -> bytes:
        """The message as the email package writes it, from the bodies as text."""
        self.body, self.html = (b"".join(part).decode("utf-8") for part in self.parts)
        try:
            return super().as_bytes()
        finally:
            self.body = self.html = None

    def _skeleton(self) -> bytes:
        """Flask-Mail's message with the placeholders, as bytes.

        Flask-Mail writes it with the SMTP policy, which parses every header again (the
        better part of a millisecond per mail). When no header of the message could be folded
        or encoded differently — all ASCII, every line within 78 characters — the compat32
        policy writes the same bytes, and this is what is used; any other message is written
        exactly as Flask-Mail does.
        """
        mail = self._message()
        smtp_policy, mail.policy = mail.policy, _PLAIN_POLICY  # headers read back as stored
        if not all(_plain_header(name, value) for name, value in mail.items()):
            mail.policy = smtp_policy
        return mail.as_bytes()


_PLAIN_POLICY = compat32.clone(linesep="\r\n")


def _plain_header(name: str, value: Any) -> bool:
    return (
        isinstance(value, str)
        and value.isascii()
        and "\n" not in value
        and "\r" not in value
        and len(name) + 2 + len(value) <= 78
    )


_BOUNDARY = re.compile(rb'boundary="([^"]+)"')
_NEWLINE = re.compile(r"\r\n|\r|\n")


def _occurs(needle: bytes, chunks: list[bytes]) -> bool:
    """Whether `needle` occurs in the concatenation of `chunks` (without making it)."""
    tail = b""
    for chunk in chunks:
        if needle in tail + chunk[: len(needle) - 1] or needle in chunk:
            return True
        tail = (tail + chunk)[-(len(needle) - 1) :]
    return False


def _crlf(text: str) -> str:
    """Every line ending as CRLF, as the email generator writes them."""
    return text.replace("\n", "\r\n") if "\r" not in text else _NEWLINE.sub("\r\n", text)


SECTION_TITLES = {
    "news": lambda: _("Novedades"),
    "overdue": lambda: _("Vencidos"),
    "today": lambda: _("Vencen hoy"),
    "soon": lambda: _("Por vencer"),
    "reports": lambda: _("Informes de participación"),
    "projects": lambda: _("Proyectos"),
}


def _section_rest(digest: Digest, name: str) -> tuple[int, Any]:
    """A section's number of lines in all (shown or not), and its More (None: all shown)."""
    if digest.bound is None:
        return len(digest.section(name)), None
    return digest.bound.total(name), digest.bound.more.get(name)


def subject(digest: Digest) -> str:
    """E.g. "Seguimiento: 2 vencidos, 3 por vencer" — the counts of what the mail is about
    (shown or not)."""
    counts = {name: _section_rest(digest, name)[0] for name in SECTIONS}
    parts = []
    if counts["news"]:
        parts.append(ngettext("%(num)d novedad", "%(num)d novedades", counts["news"]))
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
    """The sentence under a line: when it was or is due, in the recipient's language (a copy
    starts with `_copy_lead`)."""
    due = line.due_on
    when = format_date(due, "medium") if due else ""
    days = abs((today - due).days) if due else 0
    if line.rule in (R.PROJECT_OVERRUN, R.PROJECT_SHEET_STALE):
        reasons = ((line.rule, due), *line.also)
        return " ".join(_project_reason_text(rule, on, today) for rule, on in reasons)
    if line.item_type == ItemType.REPORT and due < today:
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
    return text


def _project_reason_text(rule: str, due: date | None, today: date) -> str:
    """Why a project is in the digest: past its planned end, or its sheet not updated."""
    when = format_date(due, "medium") if due else ""
    if rule == R.PROJECT_OVERRUN:
        return ngettext(
            "Su fin previsto era el %(date)s y sigue en ejecución (%(num)d día después).",
            "Su fin previsto era el %(date)s y sigue en ejecución (%(num)d días después).",
            abs((today - due).days) if due else 0,
            date=when,
        )
    return _("La ficha del proyecto debía actualizarse a más tardar el %(date)s.", date=when)


def _copy_lead(line: Line) -> str:
    """What a copy says first: whose item it is."""
    if line.item_type == ItemType.REPORT:
        return _("Copia a la jefatura inmediata: informe de %(name)s.", name=line.about)
    return _("Copia: a cargo de %(name)s.", name=line.about)
