"""The signing key: production will not start on a missing or public one; the embedded default
makes its own, once, readable by its owner only."""

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from config import BUILTIN_SECRET_KEY, Config
from tracker import create_app
from tracker.extensions import db as _db
from tracker.secret_key import instance_secret_key

BIN = Path(sys.executable).parent
GOOD_KEY = "k" * 40


def _env(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    env.pop("DATABASE_URL", None)
    env.pop("WERKZEUG_RUN_MAIN", None)
    env.update(
        TRACKER_INSTANCE_DIR=str(tmp_path / "instance"),
        TRACKER_EMBEDDED_SCHEDULER="0",
        HOME=str(tmp_path),  # gunicorn keeps a control socket under $HOME
        **values,
    )
    return env


def _tracker(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "tracker"), *args], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("secret", "problem"),
    [
        (None, "SECRET_KEY is not set"),
        ("", "SECRET_KEY is not set"),
        (BUILTIN_SECRET_KEY, "public development key"),
        ("short-but-set", "shorter than 32 characters"),
    ],
)
def test_production_refuses_to_start_without_a_real_key(tmp_path, secret, problem):
    extra = {} if secret is None else {"SECRET_KEY": secret}
    result = _tracker(_env(tmp_path, TRACKER_CONFIG="production", **extra), "db", "current")
    assert result.returncode == 4
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert problem in lines[0] and "set SECRET_KEY" in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_production_starts_with_a_long_key(tmp_path):
    env = _env(tmp_path, TRACKER_CONFIG="production", SECRET_KEY=GOOD_KEY)
    result = _tracker(env, "db", "current")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_gunicorn_stops_with_the_same_line_instead_of_restarting_workers(tmp_path):
    env = _env(tmp_path, TRACKER_CONFIG="production")
    command = [str(BIN / "gunicorn"), "-w", "1", "-b", "127.0.0.1:0", "tracker.cli:_make_app()"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "SECRET_KEY is not set; set SECRET_KEY" in result.stderr
    # gunicorn's arbiter may log its own HaltServer traceback while it stops; none runs
    # through the app's code (the refusal is one line, not an exception).
    assert "tracker/" not in result.stderr.replace("tracker.cli:_make_app()", "")
    assert "App failed to load" in result.stderr


def test_embedded_default_writes_its_key_once_and_reuses_it(tmp_path):
    env = _env(tmp_path, TRACKER_CONFIG="default")
    key_file = tmp_path / "instance" / "secret_key"
    assert _tracker(env, "db", "current").returncode == 0
    first = key_file.read_text()
    assert len(first.strip()) >= 32 and first.strip() != BUILTIN_SECRET_KEY
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert _tracker(env, "db", "current").returncode == 0
    assert key_file.read_text() == first
    assert sorted(p.name for p in key_file.parent.iterdir() if "secret" in p.name) == ["secret_key"]


@pytest.mark.parametrize("given", [None, BUILTIN_SECRET_KEY])
def test_embedded_default_signs_with_the_instance_key(tmp_path, given):
    class Embedded(Config):
        SECRET_KEY = given
        TRACKER_INSTANCE_DIR = str(tmp_path / "instance")
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'x.sqlite'}"
        TRACKER_EMBEDDED_SCHEDULER = False

    first, second = create_app(Embedded), create_app(Embedded)
    try:
        key = (tmp_path / "instance" / "secret_key").read_text().strip()
        assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == key
        # A session signed before a restart is still readable after it.
        signed = first.session_interface.get_signing_serializer(first).dumps({"n": 1})
        assert second.session_interface.get_signing_serializer(second).loads(signed) == {"n": 1}
    finally:
        for application in (first, second):
            with application.app_context():
                _db.engine.dispose()


def test_processes_starting_together_agree_on_one_key(tmp_path):
    keys: list[str] = []
    start = threading.Barrier(8)

    def first_start():
        start.wait()
        keys.append(instance_secret_key(tmp_path))

    threads = [threading.Thread(target=first_start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 8 and len(set(keys)) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]


def test_the_test_suite_signs_with_its_own_key(app):
    assert app.config["SECRET_KEY"] == "test-secret"
