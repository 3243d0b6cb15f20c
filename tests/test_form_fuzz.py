"""Hostile values in every HTML form: never a 5xx, and a refusal writes nothing.

The routes come from the URL map (every POST route of the web interface, every GET page with a
filter form), and each form's fields and valid values are read from the page that shows it, so
a form added later is fuzzed without editing this file. Each field in turn, then all of them at
once, receives values that have broken things before: out-of-range and impossible dates, numbers
beyond SQLite's and PostgreSQL's integers, empty and 10,000-character strings, NUL bytes.
"""

import hashlib
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from flask import got_request_exception
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from tests.conftest import _empty_database
from tracker.extensions import db as _db
from tracker.models import Notification, NotificationStatus, SavedView, UserNotice
from tracker.models.enums import FollowUpKind, InstitutionRole, ReportStatus, Role
from tracker.operations.notifications import issue_action_tokens
from tracker.operations.project_extensions import record_extension
from tracker.operations.projects import set_institution
from tracker.operations.tokens import issue_token

DATES = ["0001-01-01", "9999-12-31", "10000-01-01", "2024-02-30", "1899-12-31"]
NUMBERS = [
    "99999999999999999999",
    "9223372036854775808",
    "-1",
    "0",
    "1" * 5000,  # beyond Python's int() digit limit: a ValueError, not an OverflowError
    "١٢",  # Arabic-Indic digits: str.isdigit() says yes, the database says no
]
TEXTS = ["x" * 10000, "<script>alert(1)</script>", " "]
ANY = ["", "a\x00b"]
HOSTILE = DATES + NUMBERS + TEXTS + ANY
#: What a field gets in turn, by the kind of input the page shows for it.
BY_KIND = {
    "date": DATES + NUMBERS[:2] + ANY,
    "number": NUMBERS + DATES[:1] + ANY,
    "select": NUMBERS + TEXTS[:1] + ANY,
    "hidden": NUMBERS + TEXTS[:1] + ANY,
    "text": TEXTS + DATES[:1] + NUMBERS[:1] + ANY,
}
#: Routes that change the session itself; fuzzing them would only log the client out.
SKIPPED_ENDPOINTS = {"auth.login", "auth.logout", "auth.set_language"}
#: Query parameters every list understands besides its filter form's fields.
EXTRA_QUERY = ("page", "mes", "todos")


class FormScraper(HTMLParser):
    """The forms of a page: action, method and each field's current value (what a browser
    would send when the user changes nothing)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: tuple[str, bool] | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = {
                "action": a.get("action", ""),
                "method": a.get("method", "get").lower(),
                "fields": {},
                "kinds": {},
            }
            self.forms.append(self._form)
        if self._form is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._option(a)
            return
        name, fields = a["name"], self._form["fields"]
        kinds = self._form["kinds"]
        if tag == "input":
            kind = a.get("type", "text")
            kinds[name] = kind if kind in BY_KIND else "text"
            if kind in ("submit", "button", "reset", "image"):
                return
            if kind in ("checkbox", "radio"):
                fields.setdefault(name, None)
                if "checked" in a:
                    fields[name] = a.get("value", "y")
                return
            fields[name] = a.get("value", "")
        elif tag == "select":
            kinds[name] = "select"
            self._select = (name, "multiple" in a)
            self._first_option = None
            fields[name] = [] if "multiple" in a else None
        elif tag == "textarea":
            kinds[name] = "text"
            self._textarea = name
            fields[name] = ""

    def _option(self, a):
        name, multiple = self._select
        value = a.get("value", "")
        if self._first_option is None:
            self._first_option = value
        fields = self._form["fields"]
        if "selected" in a:
            if multiple:
                fields[name].append(value)
            else:
                fields[name] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            name, multiple = self._select
            fields = self._form["fields"] if self._form else {}
            if not multiple and fields.get(name) is None:
                fields[name] = self._first_option or ""
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None and self._form is not None:
            self._form["fields"][self._textarea] += data


def page_forms(client, url: str) -> list[dict]:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.content_type:
        return []
    scraper = FormScraper()
    scraper.feed(response.get_data(as_text=True))
    for form in scraper.forms:
        form["action"] = urlsplit(form["action"]).path or url.split("?")[0]
        form["fields"] = {k: v for k, v in form["fields"].items() if v is not None}
    return scraper.forms


def build_world(make) -> dict:
    """One of everything a form can act on, with a coordinator to act."""
    coordinator = make.user(Role.COORDINATOR)
    member = make.user(Role.MEMBER)
    owner = member.person
    organization = make.organization()
    project = make.project(
        lead=owner, planned_start_on=date(2025, 1, 1), duration_months=6, name="Proyecto F"
    )
    set_institution(project, None, organization, InstitutionRole.PARTICIPANT)
    followup = make.followup(owner=owner, project=project, due_on=date(2026, 12, 1))
    make.followup(
        owner=owner, project=project, kind=FollowUpKind.MILESTONE, due_on=date(2025, 3, 1)
    )
    result = make.followup(owner=owner, project=project, kind=FollowUpKind.RESULT)
    extension = record_extension(
        project, None, new_end_on=date(2025, 9, 1), reason="r", approved_on=date(2025, 6, 1),
        approved_by="c", today=date(2026, 1, 1),
    )  # fmt: skip
    deleted = make.followup(owner=owner)
    deleted.deleted_at = deleted.created_at
    report = make.report(person=owner)
    submitted = make.report(person=make.person())
    submitted.status = ReportStatus.SUBMITTED
    failed = Notification(
        item_type="followup",
        item_id=followup.id,
        rule="overdue",
        slot_on=date(2026, 12, 2),
        recipient_email=owner.email,
        title="t",
        status=NotificationStatus.FAILED,
    )
    _db.session.add(failed)
    token, _secret = issue_token(coordinator, "api", "fuzz")
    _feed, feed_secret = issue_token(coordinator, "calendar", "feed")
    action_secret = issue_action_tokens(followup.id, owner.email)["done"]
    view = SavedView(user_id=coordinator.id, name="Vista F", query="status=all")
    _db.session.add(view)
    notice = UserNotice(user_id=coordinator.id, kind="followup_comment", item_type="followup")
    notice.item_id, notice.details = followup.id, {"title": "t", "comment": "c"}
    _db.session.add(notice)
    _db.session.commit()
    return {
        "coordinator": coordinator,
        "args": {
            "followup_id": followup.id,
            "activity_id": report.activity_id,
            "report_id": report.id,
            "project_id": project.id,
            "organization_id": organization.id,
            "person_id": make.person().id,
            "user_id": member.id,
            "notification_id": failed.id,
            "token_id": token.id,
            "view_id": view.id,
            "notice_id": notice.id,
            "attachment_id": 1,
            "kind": "seguimientos",
            "record_id": deleted.id,
            "token": action_secret,
            "secret": feed_secret,
            "lang": "es",
            # A route's own records not built here yet: a missing id, so at least its 404.
            "link_id": 1,
            "extension_id": extension.id,
        },
        "overrides": {
            "reports.approve": {"report_id": submitted.id},
            "reports.send_back": {"report_id": submitted.id},
            "projects.set_outcome": {"followup_id": result.id},
        },
    }


def route_url(app, rule, world) -> str | None:
    args = {**world["args"], **world["overrides"].get(rule.endpoint, {})}
    if any(name not in args for name in rule.arguments):
        return None
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **{name: args[name] for name in rule.arguments})


def fingerprint() -> str:
    """Every stored row, hashed: a refused request must leave it unchanged."""
    digest = hashlib.sha256()
    for table in _db.metadata.sorted_tables:
        if table.name == "login_failures":
            continue
        rows = _db.session.execute(select(table).order_by(*table.primary_key.columns)).all()
        digest.update(f"{table.name}:{rows!r}".encode())
    # End the read: an open transaction would hold locks that PostgreSQL's TRUNCATE waits on.
    _db.session.rollback()
    return digest.hexdigest()


def web_rules(app, method: str):
    return sorted(
        (
            rule
            for rule in app.url_map.iter_rules()
            if method in rule.methods
            and rule.endpoint not in SKIPPED_ENDPOINTS
            and not rule.rule.startswith(("/api/", "/static/"))
        ),
        key=lambda rule: rule.rule,
    )


def source_pages(app, world) -> list[str]:
    """Every GET page a coordinator can open with the world's records: where forms live."""
    urls = []
    for rule in web_rules(app, "GET"):
        url = route_url(app, rule, world)
        if url is not None and not url.endswith((".csv", ".xlsx", ".ics")):
            urls.append(url)
    return urls


def variants(form: dict) -> list[dict]:
    """Each field hostile in turn (the others valid), then every field hostile at once."""
    fields = form["fields"]
    names = [name for name in fields if name != "csrf_token"]
    out = [
        {**fields, name: value}
        for name in names
        for value in BY_KIND[form["kinds"].get(name, "text")]
    ]
    out += [{**fields, **dict.fromkeys(names, value)} for value in HOSTILE]
    return out


def form_pages(app, client, world) -> dict[str, object]:
    """POST endpoint → the GET rule of a page that shows its form (first one found)."""
    adapter = app.url_map.bind("localhost")
    found = {}
    for rule in web_rules(app, "GET"):
        url = route_url(app, rule, world)
        if url is None or url.endswith((".csv", ".xlsx", ".ics")):
            continue
        for form in page_forms(client, url):
            if form["method"] != "post":
                continue
            try:
                endpoint, _args = adapter.match(form["action"], method="POST")
            except HTTPException:  # an action this app does not route (e.g. GET only)
                continue
            found.setdefault(endpoint, rule)
    return found


@pytest.fixture
def crashes(app):
    """Exceptions of the requests, answered as the 500 page a user would get (not raised into
    the test), so that one crash does not hide the next."""
    caught: list[BaseException] = []

    def record(_sender, exception, **_extra):
        caught.append(exception)

    got_request_exception.connect(record, app)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    yield caught
    app.config["PROPAGATE_EXCEPTIONS"] = None
    got_request_exception.disconnect(record, app)


def test_every_post_form_survives_hostile_values(app, make, db, crashes):
    failures: list[str] = []
    covered, sent = set(), 0
    rules = web_rules(app, "POST")
    assert len(rules) > 20, "the URL map should list the app's forms"
    client = app.test_client()
    client.login(build_world(make)["coordinator"])
    pages = form_pages(app, client, build_world(make))
    for rule in rules:
        # A fresh world per route: a delete or a reschedule must not starve the next route.
        _db.session.rollback()
        _empty_database()
        world = build_world(make)
        client = app.test_client()
        client.login(world["coordinator"])
        target = route_url(app, rule, world)
        if target is None:
            failures.append(f"{rule.rule}: no value for its URL arguments; extend build_world")
            continue
        page = route_url(app, pages[rule.endpoint], world) if rule.endpoint in pages else None
        forms = [
            form
            for form in (page_forms(client, page) if page else [])
            if form["method"] == "post" and form["action"] == target
        ]
        form = forms[0] if forms else {"fields": {"csrf_token": client.csrf_token()}, "kinds": {}}
        if forms:
            covered.add(rule.endpoint)
        state = fingerprint()
        for data in variants(form):
            response = client.post(target, data=data)
            sent += 1
            status = response.status_code
            if status >= 500:
                failures.append(f"POST {target} {_short(data)} → {status}: {crashes[-1]!r}")
            elif status >= 400:
                if fingerprint() != state:
                    failures.append(f"POST {target} {_short(data)} → {status} but wrote rows")
                    state = fingerprint()
            else:
                state = fingerprint()  # accepted: the change is the point
    assert not failures, "\n".join(failures[:30])
    print(f"{sent} POSTs to {len(rules)} routes; forms found for {sorted(covered)}")
    assert {"followups.new", "followups.reschedule", "projects.edit"} <= covered


def test_every_filter_survives_hostile_query_strings(app, make, db, crashes):
    world = build_world(make)
    client = app.test_client()
    client.login(world["coordinator"])
    failures, sent = [], 0
    for rule in web_rules(app, "GET"):
        page = route_url(app, rule, world)
        if page is None or page.endswith((".csv", ".xlsx", ".ics")):
            continue
        kinds = {
            name: kind
            for form in page_forms(client, page)
            if form["method"] == "get"
            for name, kind in form["kinds"].items()
        }
        if not rule.arguments:  # a list or a month: it pages or steps
            kinds.update(dict.fromkeys(EXTRA_QUERY, "number"))
        for name, kind in sorted(kinds.items()):
            sent += len(BY_KIND[kind])
            for value in BY_KIND[kind]:
                response = client.get(page, query_string={name: value})
                if response.status_code >= 500:
                    failures.append(f"GET {page}?{name}={value[:30]!r}: {crashes[-1]!r}")
    assert not failures, "\n".join(failures[:30])
    print(f"{sent} GETs with hostile query strings")
    assert sent > 300, "the list pages' filter forms should have been found"


def _short(data: dict) -> str:
    return repr(
        {
            k: (v[:20] + "…" if isinstance(v, str) and len(v) > 20 else v)
            for k, v in data.items()
            if k != "csrf_token"
        }
    )[:300]
