"""The app as the benchmark serves it: gunicorn loads `bench.serve_app:create()`.

Only this bench factory adds the X-Bench-Statements header (SQL statements the request ran,
counted on the engine from before_request to after_request), so the installed app exposes
nothing. A streamed body's statements after the headers are not in the count.
"""

import os
import threading

STATEMENTS_HEADER = "X-Bench-Statements"


def create():
    from flask import Flask
    from sqlalchemy import event

    from config import CONFIGS
    from tracker import create_app
    from tracker.extensions import db

    base = CONFIGS[os.environ.get("TRACKER_CONFIG", "default")]

    class BenchConfig(base):
        TRACKER_EMBEDDED_SCHEDULER = False
        MAIL_SUPPRESS_SEND = True
        SESSION_COOKIE_SECURE = False
        REMEMBER_COOKIE_SECURE = False

    app: Flask = create_app(BenchConfig)
    counter = threading.local()

    def count(*_args) -> None:
        counter.statements = getattr(counter, "statements", 0) + 1

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count)

    def reset() -> None:
        counter.statements = 0

    def report(response):
        response.headers[STATEMENTS_HEADER] = str(getattr(counter, "statements", 0))
        return response

    # First before the app's own hooks (which load the user), last after them (they run in
    # reverse order of registration).
    app.before_request_funcs.setdefault(None, []).insert(0, reset)
    app.after_request_funcs.setdefault(None, []).insert(0, report)
    return app
