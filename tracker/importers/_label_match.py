"""Telling a form's label from its value, one line or table cell at a time.

Labels are recognised by regular expressions over folded text (no accents, lower case), which
must match the *whole* label, so that prose starting with the same words is not taken for one.
The label tables themselves live in labels.py.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.importers._lists import is_empty_marker, starts_with_bullet
from tracker.importers._normalize import fold

#: The key of labels a form has but the parser does not read; they may repeat.
IGNORED = "_ignored"
_SECTION_NUMBER = re.compile(r"^(?:[0-9]{1,2}|[ivx]{1,4})[.)]\s+")
_TRAILING_NOTE = re.compile(r"\s*[\(\[]([^()\[\]]*)[\)\]]\s*$")
# " / " or " | " between the two languages; "Nombre/Name" glued when both sides are words.
_LANGUAGE_SPLIT = re.compile(r"\s+[/|]\s+|(?<=[a-z]{4})\s*/\s*(?=[a-z]{4})")
# One-word notes that are instructions, never a value: "Comentarios (opcional)".
_NOTE_WORDS = {
    "opcional", "obligatorio", "requerido", "optional", "required", "mandatory", "meses",
    "months", "usd", "dolares", "colones", "euros",
}  # fmt: skip
_SPACE_RUN = re.compile(r"\s{3,}")
# Where a label may end and its value begin on the same line without a colon or a tab: before
# a capital, a digit, a bullet ("a) " too) or an opening quote (Word's bold label, then the value).
_VALUE_START = re.compile(r"\s+(?=[A-ZÁÉÍÓÚÑÜ0-9«\"“¿¡(•·▪➢\-–*]|[a-h]\)\s)")
_LONGEST_INLINE_LABEL = 110
_LONGEST_EMPTY_MARKER = 24  # "sin información", "no aplica"…


@dataclass(frozen=True)
class Spec:
    """A field of a form: its key and the pattern its label matches (folded, whole label)."""

    key: str
    pattern: re.Pattern[str]


def specs(table: dict[str, tuple[str, ...]]) -> tuple[Spec, ...]:
    """Compile {key: (alternative, …)}; a space in a pattern matches any run of whitespace."""
    return tuple(
        Spec(key, re.compile("|".join(alternatives).replace(" ", r"\s+")))
        for key, alternatives in table.items()
    )


@dataclass(frozen=True)
class Cell:
    """A line or table cell: a label alone, a label with its value ("pair"), or text."""

    kind: str  # "label", "pair" or "text"
    text: str  #: the whole cell
    key: str | None = None
    label: str = ""  #: the label as written, without its colon
    value: str = ""


# Gender and number endings forms add to a word: "Fecha(s)", "organizador(es)", "funcionario/a".
_INFLECTION = re.compile(r"(?<=[a-z])(?:\s?\((?:s|es|a|as|o|os)\)|/(?:a|as|o|os)\b)")


def _label_core(folded: str) -> str:
    core = folded.strip().strip("*_#").strip()
    core = _SECTION_NUMBER.sub("", core)
    core = _INFLECTION.sub("", core)
    return core.rstrip(" :.").strip("*_#").rstrip(" :")


def _whole(specs_: tuple[Spec, ...], text: str) -> str | None:
    return next((spec.key for spec in specs_ if spec.pattern.fullmatch(text)), None)


def _bilingual(specs_: tuple[Spec, ...], core: str) -> str | None:
    """ "Nombre / Name", "Country/City / País / Ciudad": some cut gives two sides, one field."""
    cuts = list(_LANGUAGE_SPLIT.finditer(core))
    for cut in cuts:
        left, right = core[: cut.start()].strip(" :"), core[cut.end() :].strip(" :")
        key = _whole(specs_, left)
        if key and _whole(specs_, right) == key:
            return key
    return None


@lru_cache(maxsize=8192)  # the segmenter asks about the same pieces of a line many times
def match_label(specs_: tuple[Spec, ...], text: str, bilingual: bool = True) -> str | None:
    """The key of the label `text` is, or None.

    Besides the label itself: the label before an instruction in parentheses ("Compromisos
    (indique plazo y responsable)"; a one-word note must be the label in the other language,
    so "Actividad (virtual)" stays a value), and a bilingual label whose two sides name the
    same field ("Nombre / Name").
    """
    core = _label_core(fold(text))
    if not core or len(core) > 160:
        return None
    key = _whole(specs_, core)
    if key:
        return key
    note = _TRAILING_NOTE.search(core)
    if note and note.start() > 0:
        key = _whole(specs_, core[: note.start()].rstrip(" :"))
        inner = note.group(1).strip(" :")
        plain_word = re.fullmatch(r"[a-z]+", inner) is not None and inner not in _NOTE_WORDS
        if key and (not plain_word or _whole(specs_, inner) == key):
            return key
        if not plain_word or key:
            core = core[: note.start()].rstrip(" :")
    if bilingual:
        return _bilingual(specs_, core)
    return None


def _inline_label(cell: str, specs_: tuple[Spec, ...]) -> Cell | None:
    """ "Título del proyecto Observatorio regional…": the longest label the line starts with.

    A value follows its label without a colon when Word's bold label and the value share a
    paragraph. The value must start as a value does (a capital, a digit, a bullet) or be an
    empty marker ("n/a"), so prose that begins with a label's words ("Proyecto de ley…" is not
    "Proyecto" + a value) stays prose; bulleted lines are items, never labels.
    """
    if starts_with_bullet(cell):
        return None
    cuts = [
        (m.start(), m.end())
        for m in _VALUE_START.finditer(cell)
        if 0 < m.start() <= _LONGEST_INLINE_LABEL
    ]
    tail_at = max(0, len(cell) - _LONGEST_EMPTY_MARKER)
    cuts += [
        (tail_at + m.start(), tail_at + m.end())
        for m in re.finditer(r"\s+", cell[tail_at:])
        if tail_at + m.start() > 0 and is_empty_marker(cell[tail_at + m.end() :])
    ]
    for cut_start, cut_end in sorted(set(cuts), reverse=True):
        head, value = cell[:cut_start], cell[cut_end:].strip()
        if not value or head.endswith((",", ";")):
            continue
        key = match_label(specs_, head)
        if key:
            return Cell("pair", cell, key, head, value)
    return None


def split_label_run(cell: str, specs_: tuple[Spec, ...]) -> list[Cell] | None:
    """ "Nombre del evento Institución organizadora": a header row whose cells lost their tabs.

    The labels, when the whole line is two or more labels, each starting with a capital;
    else None.
    """
    if len(cell) > 2 * _LONGEST_INLINE_LABEL or starts_with_bullet(cell):
        return None
    cuts = [0] + [m.end() for m in _VALUE_START.finditer(cell)] + [len(cell)]
    if len(cuts) < 3 or len(cuts) > 14:
        return None
    # runs[i]: the labels covering cell[cuts[i]:], fewest first found (right to left).
    runs: dict[int, list[Cell]] = {len(cuts) - 1: []}
    for start in range(len(cuts) - 2, -1, -1):
        for end in range(start + 1, len(cuts)):
            if end not in runs:
                continue
            piece = cell[cuts[start] : cuts[end]].strip()
            key = match_label(specs_, piece)
            if key:
                runs[start] = [Cell("label", piece, key, piece), *runs[end]]
                break
    found = runs.get(0)
    return found if found and len(found) >= 2 else None


def classify(cell: str, specs_: tuple[Spec, ...], inline: bool = True) -> Cell:
    """What a line or a table cell is: a label, a label and its value, or text."""
    key = match_label(specs_, cell)
    if key:
        return Cell("label", cell, key, cell)
    found = _inline_label(cell, specs_) if inline else None
    head, colon, tail = cell.partition(":")
    if colon and tail.strip():
        key = match_label(specs_, head)
        # A longer label running past the colon wins ("Motivo: contextualización …").
        if key and not (found and len(found.label) > len(head)):
            return Cell("pair", cell, key, head, tail.strip())
    if found:
        return found
    run = _SPACE_RUN.search(cell)
    if run and run.start() > 0:
        # "Nombre Proyecto      Copresidencia…": a PDF row kept as text with spaces.
        key = match_label(specs_, cell[: run.start()])
        if key:
            return Cell("pair", cell, key, cell[: run.start()], cell[run.end() :].strip())
    return Cell("text", cell)
