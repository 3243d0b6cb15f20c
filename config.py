"""Settings read from the environment, one class per runtime shape.

`create_app(config_class)` takes one of these; tests pass their own subclass.
"""

import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def _default_instance_dir() -> Path:
    """instance/ in a checkout; in an installed wheel, where Flask puts an installed package's
    instance folder ($PREFIX/var/tracker-instance), never inside site-packages."""
    if (BASE_DIR / "pyproject.toml").is_file():
        return BASE_DIR / "instance"
    return Path(sys.prefix) / "var" / "tracker-instance"


#: Where the embedded default keeps its database, uploads and generated secret key.
INSTANCE_DIR = Path(os.environ.get("TRACKER_INSTANCE_DIR") or _default_instance_dir())
#: The key this project once shipped: public, so never accepted as a real secret.
BUILTIN_SECRET_KEY = "dev-only-change-me"
#: Shorter keys are refused in production (64 hex characters come from `secrets.token_hex(32)`).
MIN_SECRET_KEY_LENGTH = 32


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _ints(name: str, default: str) -> tuple[int, ...]:
    return tuple(int(part) for part in os.environ.get(name, default).split(",") if part.strip())


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Embedded default: SQLite under instance/, scheduler inside the web process."""

    #: Unset here: `create_app` generates one under the instance folder on first start.
    SECRET_KEY = os.environ.get("SECRET_KEY") or None
    #: Production refuses to start without a real SECRET_KEY (see tracker/secret_key.py).
    TRACKER_REQUIRE_SECRET_KEY = False
    TRACKER_INSTANCE_DIR = str(INSTANCE_DIR)
    #: Reverse proxies in front of the app whose X-Forwarded-For / -Proto are believed (0: none,
    #: the client address is the socket's). Set it to the number of proxies that append them.
    TRACKER_TRUSTED_PROXIES = _int("TRACKER_TRUSTED_PROXIES", 0)
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'tracker.sqlite'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}

    #: The institution's time zone: "today" for due dates and reminders is read here.
    TRACKER_TIMEZONE = os.environ.get("TRACKER_TIMEZONE", "America/Costa_Rica")
    #: Days after an activity ends before its participation report is due.
    REPORT_DUE_DAYS = _int("REPORT_DUE_DAYS", 15)
    #: Days after a report's date given to commitments that the form leaves without a due date.
    IMPORT_DEFAULT_DUE_DAYS = _int("IMPORT_DEFAULT_DUE_DAYS", 90)
    #: The cooperation unit's mailbox: copied on late escalations and project overruns.
    TRACKER_UNIT_EMAIL = os.environ.get("TRACKER_UNIT_EMAIL", "cooperacion@example.org")
    #: Absolute base URL used in mails (links must work outside a request).
    TRACKER_BASE_URL = os.environ.get("TRACKER_BASE_URL", "http://127.0.0.1:5000")
    #: Start the background scheduler inside the web process (embedded default only).
    TRACKER_EMBEDDED_SCHEDULER = _bool("TRACKER_EMBEDDED_SCHEDULER", True)

    # Reminder rules (see jobs/ and DESIGN.md).
    REMINDER_LEAD_DAYS = _ints("REMINDER_LEAD_DAYS", "14,7,1")
    REMINDER_OVERDUE_REPEAT_DAYS = _int("REMINDER_OVERDUE_REPEAT_DAYS", 7)
    REMINDER_ESCALATE_SUPERVISOR_DAYS = _int("REMINDER_ESCALATE_SUPERVISOR_DAYS", 7)
    REMINDER_ESCALATE_UNIT_DAYS = _int("REMINDER_ESCALATE_UNIT_DAYS", 30)
    REMINDER_REPORT_LEAD_DAYS = _int("REMINDER_REPORT_LEAD_DAYS", 3)
    REMINDER_MILESTONE_LEAD_DAYS = _int("REMINDER_MILESTONE_LEAD_DAYS", 7)
    REMINDER_PROJECT_OVERRUN_REPEAT_DAYS = _int("REMINDER_PROJECT_OVERRUN_REPEAT_DAYS", 7)
    REMINDER_DAILY_HOUR = _int("REMINDER_DAILY_HOUR", 7)
    #: A stale project sheet is reminded again every this many days.
    REMINDER_SHEET_REPEAT_DAYS = _int("REMINDER_SHEET_REPEAT_DAYS", 30)
    #: Delivery attempts before an outbox row is marked failed (and shown to coordinators).
    REMINDER_MAX_ATTEMPTS = _int("REMINDER_MAX_ATTEMPTS", 6)
    #: Lines a digest lists per section (most urgent first), then "y N más" with a link to the
    #: list; it keeps every mail small whatever the outbox holds.
    REMINDER_DIGEST_MAX_LINES = _int("REMINDER_DIGEST_MAX_LINES", 25)
    #: Wait after the 1st, 2nd, … failed attempt, in minutes; the last value repeats.
    REMINDER_BACKOFF_MINUTES = _ints("REMINDER_BACKOFF_MINUTES", "5,15,60,240,720")
    #: How often the scheduler delivers pending (retried) rows.
    REMINDER_RETRY_MINUTES = _int("REMINDER_RETRY_MINUTES", 5)
    #: A job that could not run on time (process asleep, busy) still runs within this window.
    REMINDER_MISFIRE_GRACE_SECONDS = _int("REMINDER_MISFIRE_GRACE_SECONDS", 6 * 3600)
    #: Days a "done" / "postpone" link in a mail stays valid.
    ACTION_TOKEN_DAYS = _int("ACTION_TOKEN_DAYS", 14)
    #: Days a "postpone" link moves the due date (from today when already overdue).
    ACTION_POSTPONE_DAYS = _int("ACTION_POSTPONE_DAYS", 7)
    #: Days a private report link (for a participant without an account) works at most.
    REPORT_LINK_DAYS = _int("REPORT_LINK_DAYS", 60)
    #: The scheduler lease: a holder that stops renewing is replaced after this many seconds.
    SCHEDULER_LEASE_SECONDS = _int("SCHEDULER_LEASE_SECONDS", 300)
    #: Generated project milestones: mid-term review at this fraction of the duration, final
    #: report this many days after the planned end.
    MILESTONE_MIDTERM_FRACTION = float(os.environ.get("MILESTONE_MIDTERM_FRACTION", "0.5"))
    MILESTONE_FINAL_REPORT_DAYS = _int("MILESTONE_FINAL_REPORT_DAYS", 60)
    PROJECT_UPDATE_INTERVAL_MONTHS = _int("PROJECT_UPDATE_INTERVAL_MONTHS", 6)

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = _int("MAIL_PORT", 25)
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", False)
    MAIL_USE_SSL = _bool("MAIL_USE_SSL", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "seguimiento@example.org")
    MAIL_TIMEOUT = _int("MAIL_TIMEOUT", 30)
    #: Without a configured SMTP server the embedded default keeps mail in the outbox only.
    MAIL_SUPPRESS_SEND = _bool("MAIL_SUPPRESS_SEND", "MAIL_SERVER" not in os.environ)

    BABEL_DEFAULT_LOCALE = "es"
    BABEL_DEFAULT_TIMEZONE = TRACKER_TIMEZONE
    LANGUAGES = ("es", "en")

    MAX_CONTENT_LENGTH = _int("MAX_UPLOAD_MB", 10) * 1024 * 1024
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", str(INSTANCE_DIR / "uploads"))
    # Bounds on reading one uploaded form (MAX_UPLOAD_MB counts compressed bytes); a file past
    # one is refused with a message. See tracker/importers/limits.py.
    #: A .docx's members together, once inflated.
    IMPORT_MAX_UNCOMPRESSED_MB = _int("IMPORT_MAX_UNCOMPRESSED_MB", 30)
    #: Any one member of a .docx (document.xml, an image), once inflated.
    IMPORT_MAX_MEMBER_MB = _int("IMPORT_MAX_MEMBER_MB", 10)
    #: XML elements in a .docx's XML parts together.
    IMPORT_MAX_XML_ELEMENTS = _int("IMPORT_MAX_XML_ELEMENTS", 300_000)
    #: Pages of a PDF.
    IMPORT_MAX_PDF_PAGES = _int("IMPORT_MAX_PDF_PAGES", 300)
    #: A PDF's decoded content streams together.
    IMPORT_MAX_PDF_CONTENT_MB = _int("IMPORT_MAX_PDF_CONTENT_MB", 2)
    #: Characters of text handed to the form parser (a real form has a few thousand).
    IMPORT_MAX_TEXT_CHARS = _int("IMPORT_MAX_TEXT_CHARS", 300_000)
    #: Seconds to read one upload (a web upload of several files shares them); checked
    #: between steps, so a refusal can come a few seconds later.
    IMPORT_PARSE_SECONDS = float(os.environ.get("IMPORT_PARSE_SECONDS", "5"))
    ITEMS_PER_PAGE = 50

    #: Login rate limit: failures allowed per account / per address within the window.
    LOGIN_MAX_FAILURES_PER_ACCOUNT = _int("LOGIN_MAX_FAILURES_PER_ACCOUNT", 5)
    LOGIN_MAX_FAILURES_PER_ADDRESS = _int("LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
    LOGIN_THROTTLE_MINUTES = _int("LOGIN_THROTTLE_MINUTES", 15)
    #: werkzeug hash method for passwords; scrypt is memory-hard.
    PASSWORD_HASH_METHOD = "scrypt"

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"


class ProductionConfig(Config):
    """PostgreSQL, several web workers behind a proxy, one `tracker scheduler` process."""

    TRACKER_EMBEDDED_SCHEDULER = _bool("TRACKER_EMBEDDED_SCHEDULER", False)
    TRACKER_REQUIRE_SECRET_KEY = True
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


CONFIGS = {"default": Config, "production": ProductionConfig}
