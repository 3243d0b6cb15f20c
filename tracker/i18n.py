"""Language and time zone of the current request."""

from flask import current_app, has_request_context, request, session
from flask_login import current_user


def select_locale() -> str:
    """The language chosen this session, else the user's saved one, else the browser's."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # commands and jobs: the default, or force_locale()
        return languages[0]
    chosen = session.get("language")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.person.language:
        return current_user.person.language
    return request.accept_languages.best_match(languages) or languages[0]


def select_timezone() -> str:
    return current_app.config["TRACKER_TIMEZONE"]
