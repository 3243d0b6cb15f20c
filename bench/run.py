"""Seguimiento benchmarks: reminder run, pages, exports and imports at 1k / 10k / 100k follow-ups.

    .venv/bin/python bench/run.py                      # SQLite, N = 1,000 10,000 100,000
    .venv/bin/python bench/run.py --sizes 1000 10000   # fewer sizes
    TRACKER_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python bench/run.py                  # SQLite and PostgreSQL

Each size gets a fresh database filled by `tracker bench seed` (500 people). Whole-process
figures come from child processes (`tracker reminders run` against a local SMTP server started
here; wall time and peak RSS from wait4). Page figures are server-side: the app handles each
request in this process through the WSGI test client; statements are counted per request.
The table is printed and written to bench/results.json.
"""

import argparse
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRACKER = str(Path(sys.executable).with_name("tracker"))
TODAY = date(2026, 6, 1)
PEOPLE = 500
REQUESTS = 50
sys.path.insert(0, str(ROOT))


@contextmanager
def smtp_server():
    """A local SMTP server that accepts everything and counts what arrives."""
    from aiosmtpd.controller import Controller

    class Counter:
        messages = 0

        async def handle_DATA(self, server, session, envelope):
            Counter.messages += 1
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller, Counter
    finally:
        controller.stop()


def run_measured(args: list[str], env: dict) -> tuple[float, float, str]:
    """Like run_process, but reaps the child itself so its own rusage is exact."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(args, env=env, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if process.returncode:
            raise RuntimeError(f"{args} failed: {err.read().decode()[-2000:]}")
        return wall, usage.ru_maxrss / 1024, out.read().decode()


def fresh_database(url: str | None, size: int) -> str:
    if url is None:
        path = Path(tempfile.gettempdir()) / f"seguimiento-bench-{size}.sqlite"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import sqlalchemy

    engine = sqlalchemy.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    engine.dispose()
    return url


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure_pages(app, statements) -> dict:
    """Median / p95 server time and statements per request for the main pages."""
    from sqlalchemy import select

    from tracker.extensions import db
    from tracker.models import AccessToken, Project, User
    from tracker.operations.tokens import issue_token

    with app.app_context():
        user = db.session.scalars(select(User).where(User.role == "coordinator").limit(1)).one()
        email = user.email
        project_id = db.session.scalar(select(Project.id).limit(1))
        owner_id = user.person_id
        db.session.execute(db.delete(AccessToken))
        _token, secret = issue_token(user, "calendar", "bench")
        db.session.commit()
    client = app.test_client()
    login = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login).group(1)
    response = client.post(
        "/login", data={"email": email, "password": "benchmark-password", "csrf_token": csrf}
    )
    assert response.status_code == 302, response.status_code
    pages = {
        "dashboard": "/",
        "followup list": "/seguimientos/",
        "followup list (filtered)": f"/seguimientos/?status=pending&owner={owner_id}&overdue=y",
        "project page": f"/proyectos/{project_id}",
        "calendar feed": f"/calendario/feed/{secret}.ics",
    }
    results = {}
    for name, url in pages.items():
        client.get(url)  # warm caches and templates
        times, counts = [], []
        for _ in range(REQUESTS):
            statements.clear()
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            counts.append(len(statements))
            assert response.status_code == 200, (url, response.status_code)
        results[name] = {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "statements": max(counts),
        }
    for name, url in {
        "export csv": "/seguimientos/exportar.csv",
        "export xlsx": "/seguimientos/exportar.xlsx",
    }.items():
        tracemalloc.start()
        started = time.perf_counter()
        response = client.get(url)
        body = response.get_data()
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results[name] = {
            "seconds": round(seconds, 2),
            "python_peak_mb": round(peak / 1e6, 1),
            "bytes": len(body),
        }
    return results


def bench_size(database: str, size: int, seeds_env: dict) -> dict:
    env = {**os.environ, **seeds_env, "DATABASE_URL": database}
    result: dict = {"followups": size}
    run_measured([TRACKER, "db", "upgrade"], env)
    wall, rss, out = run_measured(
        [
            TRACKER,
            "bench",
            "seed",
            "--followups",
            str(size),
            "--people",
            str(PEOPLE),
            "--today",
            TODAY.isoformat(),
        ],
        env,
    )
    result["seed"] = {"seconds": round(wall, 1), "output": out.strip()}

    with smtp_server() as (controller, counter):
        mail_env = {
            **env,
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": str(controller.port),
            "MAIL_SUPPRESS_SEND": "0",
        }
        wall, rss, out = run_measured(
            [TRACKER, "reminders", "run", "--today", TODAY.isoformat()], mail_env
        )
        result["reminders"] = {
            "seconds": round(wall, 2),
            "peak_rss_mb": round(rss, 1),
            "messages": counter.messages,
            "summary": out.strip().splitlines()[-1],
        }
        wall2, _rss2, out2 = run_measured(
            [TRACKER, "reminders", "run", "--today", TODAY.isoformat()], mail_env
        )
        result["reminders_again"] = {"seconds": round(wall2, 2), "summary": out2.strip()}

    from sqlalchemy import event

    from config import Config
    from tracker import create_app
    from tracker.extensions import db

    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = database
        TRACKER_EMBEDDED_SCHEDULER = False
        WTF_CSRF_ENABLED = True
        MAIL_SUPPRESS_SEND = True

    app = create_app(BenchConfig)
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    result["pages"] = measure_pages(app, statements)

    import_times = {}
    for seed in sorted((ROOT / "tracker" / "demo_data").glob("*.txt")):
        wall, _rss, _out = run_measured([TRACKER, "import", str(seed)], env)
        import_times[seed.name] = round(wall, 2)
    result["import_seconds"] = import_times
    with app.app_context():
        db.engine.dispose()
    return result


def print_table(results: dict) -> None:
    for backend, sizes in results["runs"].items():
        print(f"\n## {backend}")
        print(f"{'':34}" + "".join(f"{r['followups']:>14,}" for r in sizes))
        rows = [
            ("seed (s)", lambda r: r["seed"]["seconds"]),
            ("reminders run wall (s)", lambda r: r["reminders"]["seconds"]),
            ("reminders run peak RSS (MB)", lambda r: r["reminders"]["peak_rss_mb"]),
            ("reminders messages sent", lambda r: r["reminders"]["messages"]),
            ("reminders second run (s)", lambda r: r["reminders_again"]["seconds"]),
        ]
        for page in sizes[0]["pages"]:
            if page.startswith("export"):
                rows.append((f"{page} (s)", lambda r, p=page: r["pages"][p]["seconds"]))
                rows.append(
                    (f"{page} py peak (MB)", lambda r, p=page: r["pages"][p]["python_peak_mb"])
                )
            else:
                rows.append((f"{page} median (ms)", lambda r, p=page: r["pages"][p]["median_ms"]))
                rows.append((f"{page} p95 (ms)", lambda r, p=page: r["pages"][p]["p95_ms"]))
                rows.append((f"{page} statements", lambda r, p=page: r["pages"][p]["statements"]))
        for seed in sizes[0]["import_seconds"]:
            rows.append((f"import {seed[:22]} (s)", lambda r, s=seed: r["import_seconds"][s]))
        for label, value in rows:
            print(f"{label:34}" + "".join(f"{value(r):>14}" for r in sizes))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    backends = {"sqlite": None}
    if os.environ.get("TRACKER_TEST_DATABASE_URL"):
        backends["postgresql"] = os.environ["TRACKER_TEST_DATABASE_URL"]
    results = {
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
        },
        "today": TODAY.isoformat(),
        "people": PEOPLE,
        "runs": {},
    }
    seeds_env = {"TRACKER_EMBEDDED_SCHEDULER": "0", "TRACKER_TIMEZONE": "America/Costa_Rica"}
    for backend, url in backends.items():
        results["runs"][backend] = []
        for size in args.sizes:
            print(f"[{backend}] {size:,} follow-ups…", file=sys.stderr, flush=True)
            database = fresh_database(url, size)
            results["runs"][backend].append(bench_size(database, size, seeds_env))
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print_table(results)
    print(f"\nwritten to {args.output}")


if __name__ == "__main__":
    main()
