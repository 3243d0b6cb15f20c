"""Wording: what a digest says, in the recipient's language — subject, greeting, section
titles, kind labels, the note under each line and a project's reasons.

Every function here is called inside force_locale(language). `Texts` memoizes per run: a note
("Venció el …"), label or title is looked up and formatted once per language, not once per line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from flask_babel import format_date, ngettext
from flask_babel import gettext as _

from jobs import rules as R
from jobs.delivery.digest import SECTIONS, section_rest
from jobs.delivery.links import absolute_url
from jobs.delivery.news import is_news, news_note
from tracker.models import ItemType
from tracker.models.enums import FollowUpKind

if TYPE_CHECKING:
    from jobs.delivery.digest import Digest, Line

SECTION_TITLES = {
    "news": lambda: _("Novedades"),
    "overdue": lambda: _("Vencidos"),
    "today": lambda: _("Vencen hoy"),
    "soon": lambda: _("Por vencer"),
    "reports": lambda: _("Informes de participación"),
    "projects": lambda: _("Proyectos"),
}


class Texts:
    """A run's texts per language, each made once (see the module's docstring)."""

    def __init__(self, today: date):
        self.today = today
        self._memo: dict[tuple, Any] = {}

    def once(self, key: tuple, make: Callable[[], Any]) -> Any:
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = make()
            return value

    def note(self, line: Line, language: str) -> str:
        if is_news(line.rule):  # about one event (a name, a reason): nothing to share
            return news_note(line)
        key = ("note", language, line.rule, line.item_type, line.section, line.due_on, line.also)
        text = self.once(key, lambda: note(line, self.today))
        if line.is_copy and line.about:
            key = ("copy", language, line.item_type == ItemType.REPORT, line.about)
            text = f"{self.once(key, lambda: copy_lead(line))} {text}"
        return text

    def kind_label(self, language: str) -> Callable[[str], str]:
        return lambda kind: self.once(("kind", language, kind), lambda: kind_label(kind))

    def section_titles(self, language: str) -> dict[str, str]:
        return self.once(
            ("sections", language), lambda: {n: title() for n, title in SECTION_TITLES.items()}
        )

    def today_text(self, language: str) -> str:
        return self.once(("today", language), lambda: format_date(self.today, "long"))

    def url(self, endpoint: str) -> str:
        return self.once(("url", endpoint), lambda: absolute_url(endpoint))


def subject(digest: Digest) -> str:
    """E.g. "Seguimiento: 2 vencidos, 3 por vencer" — the counts of what the mail is about
    (shown or not)."""
    counts = {name: section_rest(digest, name)[0] for name in SECTIONS}
    parts = []
    if counts["news"]:
        parts.append(ngettext("%(num)d novedad", "%(num)d novedades", counts["news"]))
    if counts["overdue"]:
        parts.append(ngettext("%(num)d vencido", "%(num)d vencidos", counts["overdue"]))
    if counts["today"]:
        parts.append(ngettext("%(num)d vence hoy", "%(num)d vencen hoy", counts["today"]))
    if counts["soon"]:
        parts.append(ngettext("%(num)d por vencer", "%(num)d por vencer", counts["soon"]))
    if counts["reports"]:
        parts.append(
            ngettext("%(num)d informe pendiente", "%(num)d informes pendientes", counts["reports"])
        )
    if counts["projects"]:
        parts.append(
            ngettext(
                "%(num)d proyecto por revisar", "%(num)d proyectos por revisar", counts["projects"]
            )
        )
    return _("Seguimiento: %(counts)s", counts=", ".join(parts))


def greeting(digest: Digest) -> str:
    if digest.is_unit:
        return _("Hola, Unidad de Cooperación Internacional:")
    if digest.greeting_name:
        return _("Hola, %(name)s:", name=digest.greeting_name)
    return _("Hola:")


def kind_label(kind: str) -> str:
    from tracker.labels import KIND_LABELS

    if kind == "report":
        return _("Informe de participación")
    if kind == "project":
        return _("Proyecto")
    return str(KIND_LABELS[FollowUpKind(kind)])


def note(line: Line, today: date) -> str:
    """The sentence under a line: when it was or is due, in the recipient's language (a copy
    starts with `copy_lead`)."""
    due = line.due_on
    when = format_date(due, "medium") if due else ""
    days = abs((today - due).days) if due else 0
    if line.rule in (R.PROJECT_OVERRUN, R.PROJECT_SHEET_STALE):
        reasons = ((line.rule, due), *line.also)
        return " ".join(project_reason(rule, on, today) for rule, on in reasons)
    if line.item_type == ItemType.REPORT and due < today:
        return ngettext(
            "El informe debía entregarse el %(date)s (%(num)d día de atraso).",
            "El informe debía entregarse el %(date)s (%(num)d días de atraso).",
            days,
            date=when,
        )
    if line.item_type == ItemType.REPORT:
        return ngettext(
            "El informe se entrega el %(date)s (en %(num)d día).",
            "El informe se entrega el %(date)s (en %(num)d días).",
            days,
            date=when,
        )
    if line.section == "overdue":
        return ngettext(
            "Venció el %(date)s (%(num)d día de atraso).",
            "Venció el %(date)s (%(num)d días de atraso).",
            days,
            date=when,
        )
    if line.section == "today":
        return _("Vence hoy, %(date)s.", date=when)
    return ngettext(
        "Vence el %(date)s (en %(num)d día).",
        "Vence el %(date)s (en %(num)d días).",
        days,
        date=when,
    )


def project_reason(rule: str, due: date | None, today: date) -> str:
    """Why a project is in the digest: past its planned end, or its sheet not updated."""
    when = format_date(due, "medium") if due else ""
    if rule == R.PROJECT_OVERRUN:
        return ngettext(
            "Su fin previsto era el %(date)s y sigue en ejecución (%(num)d día después).",
            "Su fin previsto era el %(date)s y sigue en ejecución (%(num)d días después).",
            abs((today - due).days) if due else 0,
            date=when,
        )
    return _("La ficha del proyecto debía actualizarse a más tardar el %(date)s.", date=when)


def copy_lead(line: Line) -> str:
    """What a copy says first: whose item it is."""
    if line.item_type == ItemType.REPORT:
        return _("Copia a la jefatura inmediata: informe de %(name)s.", name=line.about)
    return _("Copia: a cargo de %(name)s.", name=line.about)
