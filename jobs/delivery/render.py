"""Render: a digest's subject, text and HTML in the recipient's language.

Only the lines the bound shows are rendered, each digest once (again only when a smaller one
must fit the server's SIZE), from templates compiled once per run. The templates are
templates/emails/digest.txt and digest.html.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from flask_babel import force_locale

from jobs.delivery.digest import SECTIONS, Digest, section_rest
from jobs.delivery.wording import Texts, greeting, subject

TEMPLATES = ("emails/digest.txt", "emails/digest.html")


def render(digest: Digest, today: date, texts: Texts | None = None) -> Digest:
    """Subject, text and HTML in the recipient's language."""
    texts = texts if texts is not None and texts.today == today else Texts(today)
    language = digest.language
    config = current_app.config
    with force_locale(language):
        kind_label = texts.kind_label(language)
        for line in digest.lines:
            line.note = texts.note(line, language)
            line.kind_label = kind_label(line.kind)
        digest.subject = subject(digest)
        titles = texts.section_titles(language)
        bound = digest.bound
        context: dict[str, Any] = {
            "digest": digest,
            # (name, title, lines shown, lines in all, what is not shown)
            "sections": [
                (name, titles[name], digest.section(name), *section_rest(digest, name))
                for name in SECTIONS
            ],
            "summary": bound if bound is not None and bound.summary is not None else None,
            "today_text": texts.today_text(language),
            "kind_label": kind_label,
            "greeting": greeting(digest),
            "profile_url": texts.url("auth.profile"),
            "home_url": texts.url("home.index"),
            "unit_email": config["TRACKER_UNIT_EMAIL"],
            "has_actions": any(line.actions for line in digest.lines),
            "postpone_days": config["ACTION_POSTPONE_DAYS"],
            "token_days": config["ACTION_TOKEN_DAYS"],
        }
        text, html = (_template(texts, name).render(context) for name in TEMPLATES)
        digest.text, digest.html = text, html
    return digest


def _template(texts: Texts, name: str) -> Any:
    """The compiled template, looked up once per run (no per-mail reload check)."""
    return texts.once(("template", name), lambda: current_app.jinja_env.get_template(name))
