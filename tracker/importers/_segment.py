"""Cutting a form's text into labelled fields.

A form's labels and values come out of Word or PDF in several layouts, all handled here:

- a label alone on its line (with or without a colon), its value on the lines below;
- "Label: value" or "Label<TAB>value" on one line (a two-column table row);
- a table read column by column: several labels on consecutive lines, then their values one per
  line ("Nombre / Cargo / Fecha de la actividad" then the three values);
- a header row "Nombre<TAB>Cargo<TAB>Fecha" followed by a row with the values.

Labels are recognised by regular expressions over folded text (no accents, lower case), which
must match the *whole* label, so that prose starting with the same words is not taken for one.
"""

import re
from dataclasses import dataclass, field
from enum import Enum

from tracker.importers._lists import is_empty_marker, split_items, starts_with_bullet, strip_bullet
from tracker.importers._normalize import collapse, fold

#: The key of labels a form has but the parser does not read; they may repeat.
IGNORED = "_ignored"
_SEPARATOR_LINE = re.compile(r"[-_=~*\s]*")
_SECTION_NUMBER = re.compile(r"^(?:[0-9]{1,2}|[ivx]{1,4})[.)]\s+")


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


@dataclass
class Field:
    """What the form holds under one label: the label as written and the lines that follow."""

    key: str
    label: str
    lines: list[str] = field(default_factory=list)


class Presence(Enum):
    """How a field showed up, so that the preview can tell "absent" from "declared empty"."""

    ABSENT = "absent"  # no label for it
    EMPTY = "empty"  # the label, with nothing under it
    NONE_DECLARED = "none_declared"  # "-", "N/A", "Ninguno": nothing, on purpose
    PRESENT = "present"


@dataclass(frozen=True)
class _Cell:
    kind: str  # "label" (a label alone), "pair" (label and value), "text"
    text: str
    key: str | None = None
    value: str = ""


def _label_core(folded: str) -> str:
    core = folded.strip().strip("*_#").strip()
    core = _SECTION_NUMBER.sub("", core)
    return core.rstrip(" :.").strip("*_#").rstrip(" :")


_TRAILING_NOTE = re.compile(r"\s*[\(\[]([^()\[\]]*)[\)\]]\s*$")
_LANGUAGE_SPLIT = re.compile(r"\s+[/|]\s+|(?<=[a-z]{4})\s*/\s*(?=[a-z]{4})")


def _whole(specs_: tuple[Spec, ...], text: str) -> str | None:
    return next((spec.key for spec in specs_ if spec.pattern.fullmatch(text)), None)


def _match(specs_: tuple[Spec, ...], text: str, bilingual: bool = True) -> str | None:
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
        plain_word = re.fullmatch(r"[a-z]+", inner) is not None
        if key and (not plain_word or _whole(specs_, inner) == key):
            return key
        if not plain_word or key:
            core = core[: note.start()].rstrip(" :")
    if bilingual:
        parts = [part.strip(" :") for part in _LANGUAGE_SPLIT.split(core)]
        if len(parts) == 2:
            keys = {_whole(specs_, part) for part in parts}
            if len(keys) == 1 and None not in keys:
                return keys.pop()
    return None


_SPACE_RUN = re.compile(r"\s{3,}")


def _classify(cell: str, specs_: tuple[Spec, ...]) -> _Cell:
    key = _match(specs_, cell)
    if key:
        return _Cell("label", cell, key)
    head, colon, tail = cell.partition(":")
    if colon and tail.strip():
        key = _match(specs_, head)
        if key:
            return _Cell("pair", cell, key, tail.strip())
    run = _SPACE_RUN.search(cell)
    if run and run.start() > 0:
        # "Nombre Proyecto      Copresidencia…": a PDF row kept as text with spaces.
        key = _match(specs_, cell[: run.start()])
        if key:
            return _Cell("pair", cell[: run.start()], key, cell[run.end() :].strip())
    return _Cell("text", cell)


# A signature or stamp line: the end of a value, never part of it.
_SIGNATURE = re.compile(
    r"(?:firma(?: digital)?|sello|timbre)(?: y (?:sello|firma))?(?: (?:de|del) [a-z ]{1,40})?"
    r"\s*:?[\s_.]*|.*_{4,}.*"
)
_LETTERS = re.compile(r"[^\W\d_]")


def _is_heading(line: str) -> bool:
    """A section heading in capitals ("INFORMACIÓN DE LA ACTIVIDAD"), not a value."""
    letters = _LETTERS.findall(line)
    return (
        len(letters) >= 8
        and all(char.isupper() for char in letters)
        and not any(char.isdigit() for char in line)
        and not starts_with_bullet(line)
    )


def _is_separator(line: str) -> bool:
    """A rule made of dashes or underscores ("--<TAB>---"); a lone "-" is a value, not a rule."""
    return bool(_SEPARATOR_LINE.fullmatch(line)) and len(line.replace("\t", "").strip()) > 1


class _Segmenter:
    def __init__(self, specs_: tuple[Spec, ...]) -> None:
        self.specs = specs_
        self.fields: dict[str, Field] = {}
        self.current: Field | None = None
        # A run of labels waiting for values (a table read column by column, or a header row),
        # and the lines seen since, until the next label shows how they are laid out.
        self.pending: list[Field] = []
        self.buffer: list[str] = []
        self.previous_was_bare_label = False  # labels on consecutive lines form a run

    def _open(self, key: str, label: str) -> Field:
        existing = self.fields.get(key)
        if existing is None:
            existing = self.fields[key] = Field(key, label.strip(" :\t"))
        return existing

    def _demote_repeats(self, cells: list[_Cell]) -> list[_Cell]:
        # A label whose field already has a value is read as text: a second heading with the
        # same words is far more often part of a value than a second copy of the field.
        return [
            _Cell("text", cell.text)
            if cell.key not in (None, IGNORED) and self._filled(cell.key)
            else cell
            for cell in cells
        ]

    def _filled(self, key: str | None) -> bool:
        return key is not None and key in self.fields and bool(self.fields[key].lines)

    def blank(self) -> None:
        self.previous_was_bare_label = False

    def separator(self) -> None:
        self.flush()
        self.current = None
        self.previous_was_bare_label = False

    def row(self, line: str) -> None:
        raw_cells = [cell.strip() for cell in line.split("\t")]
        cells = self._demote_repeats([_classify(cell, self.specs) for cell in raw_cells if cell])
        if all(cell.kind == "label" for cell in cells):
            self._labels(cells)
            return
        self.previous_was_bare_label = False
        if self.pending and all(cell.kind == "text" for cell in cells):
            self._pending_values(raw_cells)
            return
        self.flush()
        for cell in cells:
            if cell.kind == "text":
                if self.current is not None:
                    self.current.lines.append(cell.text)
            elif cell.key is not None:
                self.current = self._open(cell.key, cell.text.partition(":")[0])
                if cell.kind == "pair":
                    self.current.lines.append(cell.value)

    def _labels(self, cells: list[_Cell]) -> None:
        fields = [self._open(cell.key, cell.text) for cell in cells if cell.key is not None]
        if len(fields) == 1 and self.previous_was_bare_label:
            self.pending.extend(fields)
        else:
            self.flush()
            self.pending = fields
        self.previous_was_bare_label = len(fields) == 1
        self.current = None

    def _pending_values(self, raw_cells: list[str]) -> None:
        if len(self.pending) == 1:
            self.current = self.pending.pop()
            self.current.lines.append(" ".join(cell for cell in raw_cells if cell))
        elif not self.buffer and len(raw_cells) == len(self.pending):
            # A header row of labels and a row of values, cell for cell.
            for target, value in zip(self.pending, raw_cells, strict=True):
                if value:
                    target.lines.append(value)
            self.current, self.pending = self.pending[-1], []
        else:
            self.buffer.append(" ".join(cell for cell in raw_cells if cell))

    def flush(self) -> None:
        """Give the lines that followed a run of labels to those labels.

        As many plain lines as labels: one each (a table read column by column). Otherwise
        the earlier labels were empty sections and everything belongs to the last one; bullets
        also mean a list, which is never a column of single values.
        """
        if not self.pending:
            return
        lines, targets = self.buffer, self.pending
        if len(lines) == len(targets) and not any(starts_with_bullet(line) for line in lines):
            for target, line in zip(targets, lines, strict=True):
                target.lines.append(line)
        else:
            targets[-1].lines.extend(lines)
        self.current, self.pending, self.buffer = targets[-1], [], []


def _first_cell(line: str) -> tuple[str, str]:
    head, _, rest = line.strip("\n").partition("\t")
    return head.strip(), rest


def join_wrapped_labels(lines: list[str], specs_: tuple[Spec, ...]) -> list[str]:
    """Rejoin a label that a table cell or a narrow column wrapped over two or three lines.

    "Objetivos de Desarrollo<TAB>Objetivo 5…" then "Sostenible<TAB>las niñas…": the first
    cells together are a label while the first alone is not (or is a shorter label whose
    words go on, as "Beneficiarios" / "Finales"). Only table rows are joined: one of the two
    lines holds a tab, so prose that happens to end in a label's first words stays prose.
    """
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        head, rest = _first_cell(line)
        joined = False
        for span in (2, 3):
            following = lines[index + 1 : index + span]
            if len(following) < span - 1 or not head or len(head) > 60:
                break
            heads = [_first_cell(other) for other in following]
            if any(not h or len(h) > 40 for h, _ in heads):
                break
            if "\t" not in line and not any("\t" in other for other in following):
                break
            label = " ".join([head] + [h for h, _ in heads])
            if _match(specs_, label, bilingual=False) is None:
                continue
            if _match(specs_, head) is not None and _match(specs_, heads[-1][0]) is not None:
                continue
            values = [value for value in [rest] + [r for _, r in heads] if value.strip()]
            out.append(label + "\t" + (values[0] if values else ""))
            out.extend("\t" + value for value in values[1:])
            index += span
            joined = True
            break
        if not joined:
            out.append(line)
            index += 1
    return out


def segment(
    text: str,
    specs_: tuple[Spec, ...],
    *,
    stop: re.Pattern[str] | None = None,
    separator: re.Pattern[str] | None = None,
) -> dict[str, Field]:
    """The fields of a cleaned text (see clean_text), keyed by spec key, first occurrence wins.

    `stop` (on the folded line) ends the form, e.g. its signature block; `separator` ends the
    current field, like a horizontal rule.
    """
    state = _Segmenter(specs_)
    for raw in join_wrapped_labels(text.split("\n"), specs_):
        line = raw.strip()
        if not line:
            state.blank()
            continue
        folded = fold(line)
        if stop is not None and stop.search(folded):
            break
        if _is_separator(line) or (separator is not None and separator.search(folded)):
            state.separator()
            continue
        if _SIGNATURE.fullmatch(fold(strip_bullet(line))) or (
            _is_heading(line) and _match(specs_, line) is None and "\t" not in line
        ):
            state.separator()
            continue
        state.row(line)
    state.flush()
    return state.fields


@dataclass(frozen=True)
class TextValue:
    text: str | None
    presence: Presence


@dataclass(frozen=True)
class ListValue:
    items: list[str]
    presence: Presence


def read_text(fields: dict[str, Field], key: str) -> TextValue:
    """A prose field on one line: layout differs between txt, docx and pdf, so it is reflowed."""
    found = fields.get(key)
    if found is None:
        return TextValue(None, Presence.ABSENT)
    text = collapse(" ".join(found.lines))
    if not text:
        return TextValue(None, Presence.EMPTY)
    if is_empty_marker(text):
        return TextValue(None, Presence.NONE_DECLARED)
    return TextValue(text, Presence.PRESENT)


def read_list(fields: dict[str, Field], key: str) -> ListValue:
    found = fields.get(key)
    if found is None:
        return ListValue([], Presence.ABSENT)
    if not collapse(" ".join(found.lines)):
        return ListValue([], Presence.EMPTY)
    items = split_items(found.lines)
    return ListValue(items, Presence.PRESENT if items else Presence.NONE_DECLARED)


def not_found(description: str) -> str:
    """ "No se encontró la fecha…" / "No se encontraron los compromisos…" (verb agrees)."""
    verb = "encontraron" if description.startswith(("los ", "las ")) else "encontró"
    return f"No se {verb} {description}."


class FieldReader:
    """Reads a form's fields and remembers, per output key ("person.name"), how each showed up."""

    def __init__(self, fields: dict[str, Field]) -> None:
        self.fields = fields
        self.presence: dict[str, Presence] = {}
        self.warnings: list[str] = []
        self.explained: set[str] = set()  # paths whose gap a specific warning already explains

    def text(self, key: str, path: str | None = None) -> str | None:
        value = read_text(self.fields, key)
        if path:
            self.presence[path] = value.presence
        return value.text

    def items(self, key: str, path: str | None = None) -> list[str]:
        value = read_list(self.fields, key)
        if path:
            self.presence[path] = value.presence
        return value.items

    def mark(self, path: str, value: object, found: Field | None = None) -> None:
        """Record a derived value: present if truthy; else declared-empty, empty or absent."""
        if value:
            self.presence[path] = Presence.PRESENT
        elif found is None:
            self.presence[path] = Presence.ABSENT
        elif not collapse(" ".join(found.lines)):
            self.presence[path] = Presence.EMPTY
        else:
            self.presence[path] = Presence.NONE_DECLARED

    def warn(self, message: str, *paths: str) -> None:
        """A specific warning; the generic "not found" is then not repeated for `paths`."""
        self.warnings.append(message)
        self.explained.update(paths)

    def gaps(
        self, descriptions: dict[str, str | None], document: str
    ) -> tuple[list[str], list[str]]:
        """(missing keys, warnings) in the order of `descriptions`, after the specific warnings.

        `document` names the form in "… no indica …" ("El formulario", "La ficha"); a path with
        no description is listed as missing without a warning of its own.
        """
        missing: list[str] = []
        warnings = list(self.warnings)
        for path, description in descriptions.items():
            state = self.presence.get(path, Presence.ABSENT)
            if state in (Presence.PRESENT, Presence.NONE_DECLARED):
                continue
            missing.append(path)
            if description is None or path in self.explained:
                continue
            if state is Presence.ABSENT:
                warnings.append(not_found(description))
            else:
                warnings.append(f"{document} no indica {description} (campo vacío).")
        return missing, warnings
