"""Seguimiento: follow-ups and commitments of international cooperation."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import Config

ROOT = Path(__file__).resolve().parent.parent
#: The templates: tracker/templates links to the repository's templates/ in a checkout and is
#: the copied folder in an installed wheel (pyproject.toml, package-data).
TEMPLATES = Path(__file__).resolve().parent / "templates"


def create_app(config_class: type = Config, *, jobs_only: bool = False) -> Flask:
    """Build the application; tests and commands pass their own config class.

    `jobs_only` builds the app the reminder run and the scheduler work in: every page's URL
    (for the links in mail) but no API, no form upload pages — so no form readers — and no
    migrations. It starts about a third faster (bench/run.py times the reminder run).
    """
    app = Flask(
        __name__,
        template_folder=str(TEMPLATES),
        instance_path=str(getattr(config_class, "TRACKER_INSTANCE_DIR", ROOT / "instance")),
    )
    app.config.from_object(config_class)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from tracker.secret_key import settle_secret_key

    settle_secret_key(app)
    proxies = app.config.get("TRACKER_TRUSTED_PROXIES", 0)
    if proxies:
        # Behind a reverse proxy remote_addr is the proxy's: the client's address (for the
        # login limit) and scheme come from the headers the trusted proxies appended, and only
        # from those (a client can send its own X-Forwarded-For too; the rightmost N are ours).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    from tracker import models  # noqa: F401  (registers every table on the metadata)
    from tracker.extensions import babel, csrf, db, login, mail
    from tracker.i18n import select_locale, select_timezone

    db.init_app(app)
    if not jobs_only:
        from flask_migrate import Migrate  # Alembic: only where `tracker db` may run

        Migrate(app, db, directory=str(Path(__file__).parent / "migrations"), render_as_batch=True)
    with app.app_context():
        from tracker.sqlite_settings import configure_sqlite

        configure_sqlite(db.engine)
    mail.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    login.init_app(app)

    from tracker.routing import install_converters
    from tracker.web import register_web

    install_converters(app.url_map)
    register_web(app, upload_pages=not jobs_only)
    if not jobs_only:
        from tracker.api import register_api

        register_api(app)

    from tracker.cli import register_commands

    register_commands(app)
    # Nothing is started here: `tracker run` starts the embedded scheduler (tracker/cli.py),
    # production runs one `tracker scheduler` beside the WSGI server.
    return app
