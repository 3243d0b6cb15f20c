"""The key that signs sessions, CSRF tokens and remember-me cookies.

Production must be given one (a forged session is a login as anyone); the embedded default
generates its own once, under the instance folder, instead of using a key anyone can read.
"""

import os
import secrets
import sys
from pathlib import Path

from flask import Flask

from config import BUILTIN_SECRET_KEY, MIN_SECRET_KEY_LENGTH

KEY_FILE = "secret_key"
#: gunicorn reads this exit status as "App failed to load" and stops, instead of
#: restarting the worker forever; for `tracker …` it is just a failure.
EXIT_APP_LOAD_ERROR = 4


def settle_secret_key(app: Flask) -> None:
    """Refuse a missing or public key in production; elsewhere fall back to the instance key."""
    key = app.config.get("SECRET_KEY")
    usable = bool(key) and key != BUILTIN_SECRET_KEY
    if app.config.get("TRACKER_REQUIRE_SECRET_KEY"):
        if not usable or len(key) < MIN_SECRET_KEY_LENGTH:
            _refuse_to_start(key)
        return
    if not usable:
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))


def _refuse_to_start(key: str | None) -> None:
    if not key:
        problem = "SECRET_KEY is not set"
    elif key == BUILTIN_SECRET_KEY:
        problem = "SECRET_KEY is the public development key"
    else:
        problem = f"SECRET_KEY is shorter than {MIN_SECRET_KEY_LENGTH} characters"
    # One line, no traceback: this is an operator's mistake, not a bug.
    print(
        f"Seguimiento (TRACKER_CONFIG=production): {problem}; set SECRET_KEY to a random value, "
        'e.g. SECRET_KEY=$(python3 -c "import secrets; print(secrets.token_hex(32))")',
        file=sys.stderr,
        flush=True,
    )
    raise SystemExit(EXIT_APP_LOAD_ERROR)


def instance_secret_key(instance_dir: Path) -> str:
    """The key in instance/secret_key, created (mode 0600) by whichever process starts first."""
    path = instance_dir / KEY_FILE
    if not path.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        # Written whole under another name, then linked into place: a second process starting
        # at the same moment either wins the link or reads the complete winner, never half.
        draft = instance_dir / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    key = path.read_text().strip()
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise SystemExit(f"{path} holds no usable key: delete it and start again")
    return key
