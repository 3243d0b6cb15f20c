"""The login limit: not raced by parallel guesses, not fooled or turned against users behind a
proxy, not a lock a stranger can put on someone else's account, and no timing oracle."""

import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from werkzeug.serving import make_server

from tests.conftest import PASSWORD
from tracker import create_app
from tracker.extensions import db as _db
from tracker.models import LoginFailure
from tracker.models.enums import Role

PARALLEL = 40


def _failures(db, **filters) -> int:
    query = db.select(db.func.count()).select_from(LoginFailure).filter_by(**filters)
    count = db.session.scalar(query)
    db.session.rollback()
    return count


def _attempt(client, email: str, password: str, address: str, forwarded_for: str | None = None):
    """One login POST arriving from `address` (the socket's), maybe through a proxy."""
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    data = {"email": email, "password": password}
    environ = {"REMOTE_ADDR": address}
    return client.submit("/login", data, environ_base=environ, headers=headers).status_code


@pytest.fixture
def live_server(app):
    """The app on a real threaded HTTP server on 127.0.0.1 (one thread per request)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    thread.join(timeout=10)


def _login_form(port: int) -> tuple[str, str]:
    """A browser's first visit: the session cookie and the form's CSRF token."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/login")
    response = connection.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";", 1)[0]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    connection.close()
    return cookie, token


def _guess_in_parallel(port: int, email: str) -> list[int]:
    """PARALLEL wrong-password POSTs on one session, released at the same instant."""
    cookie, token = _login_form(port)
    body = urlencode({"email": email, "password": "wrong", "csrf_token": token})
    start = threading.Barrier(PARALLEL)
    statuses: list[int] = []

    def guess():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.connect()
        start.wait()  # all requests leave together
        connection.request(
            "POST",
            "/login",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )
        response = connection.getresponse()
        response.read()
        statuses.append(response.status)
        connection.close()

    threads = [threading.Thread(target=guess) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


def _assert_at_most_the_limit_checked(app, db, email: str, statuses: list[int]) -> None:
    limit = app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
    assert len(statuses) == PARALLEL
    assert set(statuses) <= {401, 429}, statuses
    checked = statuses.count(401)  # a password was compared and found wrong
    assert 1 <= checked <= limit, statuses
    assert _failures(db, email=email) == checked
    # And the owner, from this address, is let in only if the limit was not reached.
    owner = _attempt(app.test_client(), email, PASSWORD, "127.0.0.1")
    assert owner == (429 if checked == limit else 302)


def test_parallel_wrong_passwords_check_at_most_the_limit(app, make, db, live_server):
    user = make.user(Role.MEMBER)
    statuses = _guess_in_parallel(live_server, user.email)
    _assert_at_most_the_limit_checked(app, db, user.email, statuses)


def test_parallel_guesses_across_worker_processes(app, make, db, tmp_path):
    """The same through gunicorn: three worker processes, four threads each."""
    user = make.user(Role.MEMBER)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "TRACKER_CONFIG": "default",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "a-key-the-three-workers-share-0123456789",
        "TRACKER_INSTANCE_DIR": str(tmp_path),
        "TRACKER_EMBEDDED_SCHEDULER": "0",
        "MAIL_SUPPRESS_SEND": "1",
        "HOME": str(tmp_path),  # gunicorn keeps a control socket under $HOME
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "-w", "3", "-k", "gthread", "--threads", "4"]
    command += ["-b", f"127.0.0.1:{port}", "tracker.cli:_make_app()"]
    log = tmp_path / "gunicorn.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(command, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _login_form(port)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        statuses = _guess_in_parallel(port, user.email)
    finally:
        server.terminate()
        server.wait(timeout=30)
    _assert_at_most_the_limit_checked(app, db, user.email, statuses)


def test_correct_password_from_another_address_is_not_locked_out(app, make, db):
    user = make.user(Role.MEMBER)
    client = app.test_client()
    limit = app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
    for _ in range(limit):
        assert _attempt(client, user.email, "wrong", "192.0.2.66") == 401
    # The guesser's address is stopped, even with the right password …
    assert _attempt(client, user.email, PASSWORD, "192.0.2.66") == 429
    # … the owner, elsewhere, logs in …
    owner = app.test_client()
    assert _attempt(owner, user.email, PASSWORD, "198.51.100.7") == 302
    # … and that success does not give the guesser a fresh count.
    assert _attempt(app.test_client(), user.email, "wrong", "192.0.2.66") == 429
    assert _failures(db, email=user.email, ip="192.0.2.66") == limit


def test_a_refused_attempt_is_not_counted_as_a_failure(app, make, db):
    user = make.user(Role.MEMBER)
    client = app.test_client()
    limit = app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
    for _ in range(limit + 3):
        _attempt(client, user.email, "wrong", "192.0.2.9")
    assert _failures(db, ip="192.0.2.9") == limit


@pytest.fixture
def proxied_app(app):
    """The same app and database as `app`, configured to sit behind one reverse proxy."""
    settings = {key: value for key, value in app.config.items() if key.isupper()}
    settings["TRACKER_TRUSTED_PROXIES"] = 1
    proxied = create_app(type("BehindOneProxy", (), settings))
    proxied.test_client_class = app.test_client_class
    yield proxied
    with proxied.app_context():
        _db.engine.dispose()


def test_behind_a_proxy_the_forwarded_address_is_the_clients(proxied_app, make, db):
    user = make.user(Role.MEMBER)
    client = proxied_app.test_client()
    limit = proxied_app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
    # Every request reaches the app from the proxy's address, 127.0.0.1.
    for n in range(limit):
        status = _attempt(
            client, f"nadie{n}@example.org", "x", "127.0.0.1", forwarded_for="203.0.113.5"
        )
        assert status == 401
    assert _failures(db, ip="203.0.113.5") == limit
    assert _failures(db, ip="127.0.0.1") == 0
    blocked = _attempt(client, user.email, PASSWORD, "127.0.0.1", forwarded_for="203.0.113.5")
    assert blocked == 429
    # Another client through the same proxy is not blocked by the first one's failures.
    other = proxied_app.test_client()
    status = _attempt(other, user.email, PASSWORD, "127.0.0.1", forwarded_for="198.51.100.20")
    assert status == 302


def test_a_client_cannot_choose_its_address_behind_the_proxy(proxied_app, make, db):
    user = make.user(Role.MEMBER)
    client = proxied_app.test_client()
    # The client sent its own X-Forwarded-For; the proxy appended the real address.
    spoofed = "10.9.9.9, 203.0.113.77"
    assert _attempt(client, user.email, "x", "127.0.0.1", forwarded_for=spoofed) == 401
    assert _failures(db, ip="203.0.113.77") == 1
    assert _failures(db, ip="10.9.9.9") == 0


def test_without_trusted_proxies_forwarded_headers_are_ignored(app, make, db):
    user = make.user(Role.MEMBER)
    client = app.test_client()
    assert _attempt(client, user.email, "x", "192.0.2.200", forwarded_for="203.0.113.1") == 401
    assert _failures(db, ip="192.0.2.200") == 1
    assert _failures(db, ip="203.0.113.1") == 0


def test_unknown_email_costs_as_much_as_a_known_one(app, make, db, monkeypatch):
    # A hash slow enough to see next to the rest of the request (tests use a cheap one).
    monkeypatch.setitem(app.config, "PASSWORD_HASH_METHOD", "pbkdf2:sha256:150000")
    known = make.user(Role.MEMBER)
    disabled = make.user(Role.MEMBER)
    disabled.is_enabled = False
    db.session.commit()
    client = app.test_client()
    client.csrf_token()

    def fastest_seconds(email: str, tag: str) -> float:
        durations = []
        for n in range(7):  # each from its own address: the limit is not what is timed
            started = time.perf_counter()
            assert _attempt(client, email, "wrong", f"192.0.2.{tag}{n}") == 401
            durations.append(time.perf_counter() - started)
        # The fastest try is the least disturbed by other work on the machine.
        return min(durations)

    fastest_seconds("calentamiento@example.org", "1")  # builds the dummy hash once
    known_time = fastest_seconds(known.email, "2")
    unknown_time = fastest_seconds("no-existe@example.org", "3")
    disabled_time = fastest_seconds(disabled.email, "4")
    # Without the dummy check an unknown email answers in a fraction of the hash's time.
    assert unknown_time > 0.5 * known_time, (unknown_time, known_time)
    assert disabled_time > 0.5 * known_time, (disabled_time, known_time)
