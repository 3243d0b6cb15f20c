"""Seguimiento benchmarks: seeding, the reminder run and the next day's, pages over HTTP,
exports, imports and `tracker --help`, at 1k / 10k / 100k / 1M follow-ups.

    .venv/bin/python bench/run.py                                  # SQLite, all four sizes
    .venv/bin/python bench/run.py --sizes 1000 100000              # fewer sizes
    .venv/bin/python bench/run.py --postgresql \\
        postgresql+psycopg://postgres@127.0.0.1:5432/bench_j       # SQLite and PostgreSQL
    … --postgresql URL --postgresql-sizes 100000                   # PostgreSQL at fewer sizes
    (or BENCH_POSTGRESQL_URL=…; the database is emptied: never point it at data you keep;
    BENCH_DIR=… moves the SQLite files, /tmp by default)

Each size gets a fresh database (`tracker db upgrade`, then bench/seed.py: 500 people, 5,000 at
1,000,000). Every whole-process figure is a child of this process reaped with os.wait4: wall
time and peak RSS of `tracker reminders run` (first run on TODAY, then the next day's run on
TODAY + 1) delivering to a local relay that announces SIZE 10 MB and refuses larger mail, the
seeding, the imports and `tracker --help`. Pages are medians over HTTP against gunicorn serving
the app in a child process (bench/http_pages.py), with the SQL statements each page ran.
Writes bench/results.json and bench/RESULTS.md (the issue's targets table, then every figure).
"""

import argparse
import json
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(1, str(BENCH.parent))

from children import PYTHON, TRACKER, median_of_runs, run_measured, smtp_relay  # noqa: E402
from http_pages import measure_pages  # noqa: E402
from report import machine, write_markdown  # noqa: E402

TODAY = date(2026, 6, 1)
SIZES = [1000, 10_000, 100_000, 1_000_000]


def people_for(size: int) -> int:
    """500 people up to 100,000 follow-ups, then one per 200 (5,000 at a million)."""
    return max(500, size // 200)


def fresh_database(url: str | None, size: int) -> str:
    if url is None:
        path = Path(os.environ.get("BENCH_DIR", "/tmp")) / f"seguimiento-bench-{size}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import sqlalchemy

    engine = sqlalchemy.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    engine.dispose()
    return url


def _summary(output: str) -> dict:
    """`planned=N enqueued=N sent=N failed=N` as numbers."""
    last = output.strip().splitlines()[-1] if output.strip() else ""
    pairs = (part.partition("=") for part in last.split())
    return {key: int(value) for key, _, value in pairs if value.isdigit()}


def reminder_runs(env: dict) -> dict:
    """The first run on TODAY and the next day's, each delivering to the 10 MB relay."""
    results = {}
    with smtp_relay() as (port, relay):
        mail_env = {**env, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(port)}
        mail_env["MAIL_SUPPRESS_SEND"] = "0"
        for name, day in (("first run", TODAY), ("next day", TODAY + timedelta(days=1))):
            relay.reset()
            measured = run_measured(
                [TRACKER, "reminders", "run", "--today", day.isoformat()], mail_env
            )
            results[name] = {
                "seconds": measured.seconds,
                "peak_rss_mb": measured.peak_rss_mb,
                "messages": relay.messages,
                "recipients": len(relay.recipients),
                "largest_message_kb": round(relay.largest_bytes / 1024, 1),
                **_summary(measured.output),
            }
    return results


def bench_size(database: str, size: int, base_env: dict, requests: int) -> dict:
    env = {**base_env, "DATABASE_URL": database}
    people = people_for(size)
    result: dict = {"followups": size, "people": people}
    run_measured([TRACKER, "db", "upgrade"], env)
    seeded = run_measured(
        [
            PYTHON,
            str(BENCH / "seed.py"),
            "--size",
            str(size),
            "--people",
            str(people),
            "--today",
            TODAY.isoformat(),
        ],
        env,
    )
    result["seed"] = {
        "seconds": seeded.seconds,
        "peak_rss_mb": seeded.peak_rss_mb,
        "output": seeded.output.strip(),
    }
    result["reminders"] = reminder_runs(env)

    from config import CONFIGS
    from tracker import create_app

    class BenchConfig(CONFIGS["default"]):
        SQLALCHEMY_DATABASE_URI = database
        TRACKER_EMBEDDED_SCHEDULER = False

    result["pages"] = measure_pages(create_app(BenchConfig), env, requests)
    imports = {}
    for form in sorted((BENCH.parent / "tracker" / "demo_data").glob("*.txt")):
        measured = run_measured([TRACKER, "import", str(form)], env)
        imports[form.name] = {"seconds": measured.seconds, "peak_rss_mb": measured.peak_rss_mb}
    result["imports"] = imports
    return result


def _postgresql_url(option: str | None) -> str | None:
    url = option or os.environ.get("BENCH_POSTGRESQL_URL")
    if url and url.rsplit("/", 1)[-1].split("?")[0] == "test":
        raise SystemExit("refusing the database named 'test' (the test suite's): use your own")
    return url


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--postgresql", default=None, help="a database this run may empty")
    parser.add_argument(
        "--postgresql-sizes", type=int, nargs="+", default=None, help="default: --sizes"
    )
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--output", type=Path, default=BENCH / "results.json")
    parser.add_argument("--markdown", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args()
    backends = {"sqlite": (None, args.sizes)}
    postgresql = _postgresql_url(args.postgresql)
    if postgresql:
        backends["postgresql"] = (postgresql, args.postgresql_sizes or args.sizes)
    base_env = {
        **os.environ,
        "TRACKER_EMBEDDED_SCHEDULER": "0",
        "TRACKER_TIMEZONE": "America/Costa_Rica",
        "SECRET_KEY": os.urandom(32).hex(),
        "TRACKER_INSTANCE_DIR": os.environ.get("BENCH_DIR", "/tmp") + "/seguimiento-bench",
    }
    started = time.time()
    results = {
        "command": " ".join(["bench/run.py", *sys.argv[1:]]),
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "machine": machine(),
        "today": TODAY.isoformat(),
        "tracker --help": vars(median_of_runs([TRACKER, "--help"], base_env)) | {"output": ""},
        "runs": {},
    }
    for backend, (url, sizes) in backends.items():
        results["runs"][backend] = []
        for size in sizes:
            print(f"[{backend}] {size:,} follow-ups…", file=sys.stderr, flush=True)
            database = fresh_database(url, size)
            results["runs"][backend].append(bench_size(database, size, base_env, args.requests))
            _write(results, args)  # a long run keeps what it has measured so far
    results["minutes"] = round((time.time() - started) / 60, 1)
    _write(results, args)
    print(args.markdown.read_text())


def _write(results: dict, args) -> None:
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    args.markdown.write_text(write_markdown(results))


if __name__ == "__main__":
    main()
