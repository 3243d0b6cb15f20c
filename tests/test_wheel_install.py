"""The package deploys: the wheel, installed in a fresh environment outside the repository,
migrates, loads the demo and serves under gunicorn with its styles and its API document."""

import json
import os
import re
import socket
import subprocess
import time
import urllib.request

import pytest

from tests.wheel_env import REPO, installed_bin
from tests.wheel_env import run as _run


@pytest.fixture(scope="session")
def installed(tmp_path_factory):
    return installed_bin(tmp_path_factory)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get_content_type(), response.read()


def test_the_installed_wheel_serves_the_app_with_its_styles(installed, tmp_path):
    from openapi_spec_validator import validate

    work = tmp_path / "anywhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACKER_", "MAIL_"))}
    env.pop("PYTHONPATH", None)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'app.sqlite'}",
        TRACKER_INSTANCE_DIR=str(tmp_path / "instance"),
    )
    tracker = str(installed / "tracker")
    _run([tracker, "db", "upgrade"], cwd=work, env=env)
    demo = _run([tracker, "demo"], cwd=work, env=env)
    assert "coordinacion@seguimiento.demo" in demo.stdout
    # The code that runs is the installed one, not this checkout.
    where = _run(
        [str(installed / "python"), "-c", "import tracker; print(tracker.__file__)"],
        cwd=work,
        env=env,
    )
    assert str(REPO) not in where.stdout and "site-packages" in where.stdout
    # Without TRACKER_INSTANCE_DIR, the data goes beside the environment, not into its code.
    bare = {k: v for k, v in env.items() if k != "TRACKER_INSTANCE_DIR"}
    default = _run(
        [str(installed / "python"), "-c", "import config; print(config.INSTANCE_DIR)"],
        cwd=work,
        env=bare,
    ).stdout.strip()
    assert default.endswith("/var/tracker-instance") and "site-packages" not in default, default

    port = _free_port()
    server = subprocess.Popen(
        [
            str(installed / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "tracker.wsgi:app",
        ],
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, kind, body = _get(f"{base}/login")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        assert status == 200 and kind == "text/html"
        stylesheets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', body)
        stylesheets += re.findall(rb'<link[^>]+href="([^"]+\.css[^"]*)"', body)
        assert stylesheets, body[:500]
        status, kind, css = _get(base + stylesheets[0].decode())
        assert status == 200 and kind == "text/css" and len(css) > 100
        status, kind, document = _get(f"{base}/api/v1/openapi.json")
        assert status == 200
        spec = json.loads(document)
        assert spec["openapi"].startswith("3.")
        validate(spec)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output, output
