"""Search benchmark: the results page, the follow-up list's `q` and the old LIKE at 100,000 (and
1,000,000) follow-ups.

    .venv/bin/python bench/search.py                          # SQLite, 100,000
    .venv/bin/python bench/search.py --sizes 100000 1000000   # and a million (copies, see SEED_MAX)
    TRACKER_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python bench/search.py                      # SQLite and PostgreSQL

Each size gets a fresh database: `tracker db upgrade`, bench/seed.py (500 people; every
follow-up is titled "Seguimiento N: compromiso de cooperación", so "cooperación" matches them
all), a few records added through the operations (a project "MCIG Chile" with 7 follow-ups, a
follow-up with a rare word in a comment), then `tracker search reindex`, timed. Above SEED_MAX
the seeded follow-ups are copied under new ids (same titles: "Seguimiento 4242" then finds one
per copy). Page figures are server-side (the WSGI test client in this process), median and p95
over the requests, with the statements per request; "list q" is the follow-up list's default
view (pending items) with the words in its search field. The LIKE line is the query the list ran
before (title or description LIKE %word%), counted, as the list's pagination does.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from children import PYTHON, TRACKER, run_measured  # noqa: E402
from http_pages import percentile  # noqa: E402
from run import TODAY, fresh_database  # noqa: E402

PEOPLE = 500

REQUESTS = 30
#: Above this, bench/seed.py fills this many and the follow-ups are copied in SQL up to the
#: size (the seed takes ~40 s per 100,000 on a quiet machine; copies take seconds).
SEED_MAX = 100_000
QUERIES = {
    "rare word (1 match)": "quetzal",
    "project name (MCIG)": "MCIG",
    "one follow-up by number": "Seguimiento 4242",
    "common word (all match)": "cooperación",
    "prefix while typing": "compro",
    "nothing matches": "inexistente",
}


def _add_needles(app) -> None:
    """Records a user would look for, added the way the app adds them (so they are indexed)."""
    from sqlalchemy import select

    from tracker.extensions import db
    from tracker.models import Person
    from tracker.operations.followups import add_comment, create_followup
    from tracker.operations.projects import create_project

    with app.app_context():
        owner = db.session.scalars(select(Person).limit(1)).one()
        project = create_project(None, name="MCIG Chile: gestión integrada de cuencas")
        for n in range(7):
            create_followup(None, title=f"Entregable {n}", owner=owner, project=project)
        followup = create_followup(None, title="Revisar la minuta", owner=owner)
        add_comment(followup, None, "El quetzal aparece en la minuta de la reunión")
        db.session.commit()


def _copy_followups(database: str, size: int) -> None:
    """Copies of the seeded follow-ups under new ids until there are `size` of them."""
    import sqlalchemy as sa

    engine = sa.create_engine(database)
    with engine.begin() as connection:
        columns = [c["name"] for c in sa.inspect(connection).get_columns("followups")]
        names = ", ".join(columns)
        copied = ", ".join("id + :offset" if c == "id" else c for c in columns)
        seeded = connection.scalar(sa.text("SELECT count(*) FROM followups"))
        top = connection.scalar(sa.text("SELECT max(id) FROM followups"))
        copies = -(-size // seeded) - 1
        for n in range(1, copies + 1):
            limit = min(seeded, size - seeded * n)
            connection.execute(
                sa.text(
                    f"INSERT INTO followups ({names}) SELECT {copied} FROM followups "
                    f"WHERE id <= :top ORDER BY id LIMIT {limit}"
                ),
                {"offset": top * n, "top": top},
            )
        if connection.dialect.name == "postgresql":
            connection.execute(
                sa.text("SELECT setval('followups_id_seq', (SELECT max(id) FROM followups))")
            )
    engine.dispose()


def _login(app):
    import re

    from sqlalchemy import select

    from tracker.extensions import db
    from tracker.models import User

    with app.app_context():
        email = db.session.scalar(select(User.email).where(User.role == "coordinator").limit(1))
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post(
        "/login", data={"email": email, "password": "benchmark-password", "csrf_token": csrf}
    )
    assert response.status_code == 302, response.status_code
    return client


def _time(call, statements) -> dict:
    status = call()  # warm-up
    if status != 200:
        return dict.fromkeys(("median_ms", "p95_ms", "statements"), f"HTTP {status}")
    times, counts = [], []
    for _ in range(REQUESTS):
        statements.clear()
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
        counts.append(len(statements))
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "statements": max(counts),
    }


def _like_count(app, word: str) -> float:
    """The list's former filter, counted: the work its pagination did for every search."""
    from sqlalchemy import func, or_, select

    from tracker.extensions import db
    from tracker.models import FollowUp

    pattern = f"%{word}%"
    with app.app_context():
        query = select(func.count()).where(
            FollowUp.deleted_at.is_(None),
            or_(FollowUp.title.ilike(pattern), FollowUp.description.ilike(pattern)),
        )
        db.session.scalar(query)
        started = time.perf_counter()
        db.session.scalar(query)
        return round((time.perf_counter() - started) * 1000, 1)


def bench_size(database: str, size: int, reuse: bool) -> dict:
    from sqlalchemy import event

    from config import Config
    from tracker import create_app
    from tracker.extensions import db

    env = {**os.environ, "DATABASE_URL": database, "TRACKER_EMBEDDED_SCHEDULER": "0"}
    result: dict = {"followups": size, "seed_s": "reused"}
    if not reuse:
        run_measured([TRACKER, "db", "upgrade"], env)
        seeded = min(size, SEED_MAX)
        seed = [PYTHON, "bench/seed.py", "--size", str(seeded), "--people", str(PEOPLE)]
        started = time.perf_counter()
        run_measured([*seed, "--today", TODAY.isoformat()], env)
        if size > seeded:
            _copy_followups(database, size)
        result["seed_s"] = round(time.perf_counter() - started, 1)

    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = database
        TRACKER_EMBEDDED_SCHEDULER = False
        MAIL_SUPPRESS_SEND = True

    app = create_app(BenchConfig)
    if not reuse:
        _add_needles(app)
    reindexed = run_measured([TRACKER, "search", "reindex"], env)
    result["reindex_s"] = round(reindexed.seconds, 1)
    result["reindex_rss_mb"] = reindexed.peak_rss_mb
    result["indexed"] = reindexed.output.strip()
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.exec_driver_sql("VACUUM ANALYZE search_index")
    client = _login(app)
    for label, query in QUERIES.items():

        def page(q=query):
            return client.get("/buscar/", query_string={"q": q}).status_code

        def listing(q=query):
            params = {"q": q, "status": "pending"}
            return client.get("/seguimientos/", query_string=params).status_code

        result[label] = {
            "search page": _time(page, statements),
            "list q": _time(listing, statements),
            "former LIKE count ms": _like_count(app, query.split()[-1]),
        }
    with app.app_context():
        db.engine.dispose()
    return result


def print_table(backend: str, runs: list[dict]) -> None:
    print(f"\n## {backend}")
    print(f"{'':44}" + "".join(f"{r['followups']:>14,}" for r in runs))
    rows = [
        ("seed (s)", lambda r: r["seed_s"]),
        ("tracker search reindex (s)", lambda r: r["reindex_s"]),
        ("tracker search reindex peak RSS (MB)", lambda r: r["reindex_rss_mb"]),
    ]
    for label in QUERIES:
        for part, key in (
            ("page median (ms)", ("search page", "median_ms")),
            ("page p95 (ms)", ("search page", "p95_ms")),
            ("page statements", ("search page", "statements")),
            ("list q median (ms)", ("list q", "median_ms")),
            ("list q p95 (ms)", ("list q", "p95_ms")),
        ):
            rows.append((f"{label[:24]} {part}", lambda r, k=key, q=label: r[q][k[0]][k[1]]))
        rows.append(
            (f"{label[:24]} former LIKE (ms)", lambda r, q=label: r[q]["former LIKE count ms"])
        )
    for name, value in rows:
        print(f"{name:44}" + "".join(f"{value(r):>14}" for r in runs))


def main() -> None:
    global REQUESTS
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--requests", type=int, default=REQUESTS, help="timed requests per page")
    parser.add_argument(
        "--reuse", action="store_true", help="SQLite: measure the database a previous run left"
    )
    args = parser.parse_args()
    REQUESTS = args.requests
    backends = {"sqlite": None}
    if os.environ.get("TRACKER_TEST_DATABASE_URL"):
        backends["postgresql"] = os.environ["TRACKER_TEST_DATABASE_URL"]
    for backend, url in backends.items():
        runs = []
        for size in args.sizes:
            print(f"[{backend}] {size:,} follow-ups…", file=sys.stderr, flush=True)
            reuse = args.reuse and url is None and _seeded(size)
            database = f"sqlite:///{_sqlite_path(size)}" if reuse else fresh_database(url, size)
            runs.append(bench_size(database, size, reuse))
            print_table(backend, runs[-1:])
        print_table(backend, runs)


def _sqlite_path(size: int) -> Path:
    return Path(tempfile.gettempdir()) / f"seguimiento-bench-{size}.sqlite"


def _seeded(size: int) -> bool:
    return _sqlite_path(size).exists() and _sqlite_path(size).stat().st_size > 0


if __name__ == "__main__":
    main()
