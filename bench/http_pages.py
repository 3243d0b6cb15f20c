"""Pages timed over HTTP against the app served by gunicorn in a child process.

One gunicorn worker (gthread, one thread: keep-alive, one request at a time) on a free port,
the embedded scheduler off. The client is http.client on one keep-alive connection, logged in as
a coordinator, so each figure is what a browser waits for from the server: routing, queries,
rendering and the socket, without connection setup. Per page: warm-up requests, then the median
and p95 of `requests` timed requests, and the SQL statements per request read from the bench
factory's X-Bench-Statements header (bench/serve_app.py).
"""

import http.client
import re
import statistics
import time
from urllib.parse import urlencode

from children import GUNICORN, free_port, served
from serve_app import STATEMENTS_HEADER

BENCH_PASSWORD = "benchmark-password"
WARM_UP = 3


class Browser:
    """One keep-alive connection with a cookie jar."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, url: str, body: str | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, url, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value
        return response, data

    def login(self, email: str) -> None:
        _response, page = self.request("GET", "/login")
        csrf = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page).group(1).decode()
        form = urlencode({"email": email, "password": BENCH_PASSWORD, "csrf_token": csrf})
        response, _ = self.request("POST", "/login", form)
        if response.status != 302:
            raise RuntimeError(f"login as {email} answered {response.status}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_page(browser: Browser, url: str, requests: int) -> dict:
    for _ in range(WARM_UP):
        browser.request("GET", url)
    times, counts, size = [], [], 0
    for _ in range(requests):
        started = time.perf_counter()
        response, body = browser.request("GET", url)
        times.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}")
        counts.append(int(response.headers.get(STATEMENTS_HEADER, -1)))
        size = len(body)
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "statements": max(counts),
        "bytes": size,
    }


def time_download(browser: Browser, url: str) -> dict:
    """One request (at 1M a download is long enough that a warm-up would only double it)."""
    started = time.perf_counter()
    response, body = browser.request("GET", url)
    if response.status != 200:
        raise RuntimeError(f"{url} answered {response.status}")
    return {"seconds": round(time.perf_counter() - started, 2), "bytes": len(body)}


def bench_fixtures(app) -> dict:
    """A coordinator's email, their person, a project with follow-ups, two calendar feeds."""
    from sqlalchemy import func, select

    from tracker.extensions import db
    from tracker.models import AccessToken, FollowUp, User
    from tracker.models.enums import FeedScope, Role
    from tracker.operations.calendar_feeds import FeedSubject, issue_feed

    with app.app_context():
        user = db.session.scalars(
            select(User).where(User.role == Role.COORDINATOR).order_by(User.id).limit(1)
        ).one()
        busiest_project = db.session.execute(
            select(FollowUp.project_id, func.count())
            .where(FollowUp.project_id.is_not(None))
            .group_by(FollowUp.project_id)
            .order_by(func.count().desc())
            .limit(1)
        ).first()
        db.session.execute(db.delete(AccessToken).where(AccessToken.user_id == user.id))
        _token, mine = issue_feed(user, FeedSubject(FeedScope.MINE))
        _token, unit = issue_feed(user, FeedSubject(FeedScope.UNIT))
        db.session.commit()
        fixtures = {
            "email": user.email,
            "person": user.person_id,
            "project": busiest_project[0] if busiest_project else 1,
            "feed_mine": mine,
            "feed_unit": unit,
        }
        db.engine.dispose()
    return fixtures


PAGES = {
    "dashboard": "/",
    "Mi trabajo": "/mi-trabajo",
    "follow-up list": "/seguimientos/",
    "follow-up list, filtered": "/seguimientos/?status=pending&owner={person}&overdue=y",
    "timeline": "/proyectos/cronograma",
    "project page": "/proyectos/{project}",
    "calendar": "/calendario/",
    "calendar feed (mine)": "/calendario/feed/{feed_mine}.ics",
    "calendar feed (unit)": "/calendario/feed/{feed_unit}.ics",
}
DOWNLOADS = {
    "export csv": "/seguimientos/exportar.csv",
    "export xlsx": "/seguimientos/exportar.xlsx",
}


def measure_pages(app, env: dict, requests: int) -> dict:
    """Serve the app with gunicorn and time every page; adds the server's peak RSS."""
    fixtures = bench_fixtures(app)
    port = free_port()
    args = [
        GUNICORN,
        "--workers",
        "1",
        "--worker-class",
        "gthread",
        "--threads",
        "1",
        "--keep-alive",
        "600",
        "--timeout",
        "600",
        "--bind",
        f"127.0.0.1:{port}",
        "--pythonpath",
        "bench",
        "serve_app:create()",
    ]
    results: dict = {}
    with served(args, env, port) as server:
        browser = Browser(port)
        browser.login(fixtures["email"])
        for name, url in PAGES.items():
            results[name] = time_page(browser, url.format(**fixtures), requests)
        for name, url in DOWNLOADS.items():
            results[name] = time_download(browser, url)
        browser.connection.close()
    results["server peak RSS (MB)"] = server.get("peak_rss_mb")
    return results
