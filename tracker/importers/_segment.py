"""Cutting a form's text into labelled fields.

A form's labels and values come out of Word or PDF in several layouts, all handled here:

- a label alone on its line (with or without a colon), its value on the lines below;
- "Label: value", "Label<TAB>value" or "Label value" on one line (a two-column table row, or
  Word's bold label with the value after it; see _label_match.classify);
- a table read column by column: several labels on consecutive lines, then their values one per
  line ("Nombre / Cargo / Fecha de la actividad" then the three values);
- a header row "Nombre<TAB>Cargo<TAB>Fecha" followed by a row with the values.

Section headings in capitals, rules, signature and stamp lines end the field above them.
"""

import re

from tracker.importers._fields import Field
from tracker.importers._label_match import (
    IGNORED,
    Cell,
    Spec,
    classify,
    match_label,
    split_label_run,
)
from tracker.importers._lists import starts_with_bullet, strip_bullet
from tracker.importers._normalize import fold

_SEPARATOR_LINE = re.compile(r"[-_=~*\s]*")
# A signature or stamp line: the end of a value, never part of it.
_SIGNATURE = re.compile(
    r"(?:firma(?: digital)?|sello|timbre)(?: y (?:sello|firma))?(?: (?:de|del) [a-z ]{1,40})?"
    r"\s*:?[\s_.]*|.*_{4,}.*"
)
_LETTERS = re.compile(r"[^\W\d_]")


def _is_signature(text: str) -> bool:
    return bool(_SIGNATURE.fullmatch(fold(strip_bullet(text))))


def _is_heading(line: str, before_label: bool = False) -> bool:
    """A section heading in capitals ("INFORMACIÓN DE LA ACTIVIDAD"), not a value.

    A short one ("PLAZOS") could be an acronym ending a value ("CEPAL"), so it is a heading
    only when a label follows it.
    """
    letters = _LETTERS.findall(line)
    return (
        len(letters) >= (4 if before_label else 8)
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

    def _demote(self, cells: list[Cell]) -> list[Cell]:
        """Labels that are more likely part of a value, read as text.

        A label whose field already has a value: a second heading with the same words is far
        more often part of a value than a second copy of the field. So is a label with a value
        on the line or in the cell right after its own label, which is still waiting for it
        ("Nombre del proyecto" / "Proyecto Mesoamérica …", "Instituciones<TAB>1. Institución
        ejecutora: …").
        """
        waiting = {f.key for f in self.pending} | ({self.current.key} if self.current else set())
        out: list[Cell] = []
        for index, cell in enumerate(cells):
            in_row = {c.key for c in out if c.kind == "label"} if index else waiting
            repeated = cell.key not in (None, IGNORED) and self._filled(cell.key)
            if repeated or (cell.kind == "pair" and cell.key in in_row):
                cell = Cell("text", cell.text)
            out.append(cell)
        return out

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
        cells = self._demote(self._cells([cell for cell in raw_cells if cell]))
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
                if self.current is not None and not _is_signature(cell.text):
                    self.current.lines.append(cell.text)
            elif cell.key is not None:
                self.current = self._open(cell.key, cell.label)
                # "Comentarios: Sello de la institución" is the form's stamp box, not a value.
                if cell.kind == "pair" and not _is_signature(cell.value):
                    self.current.lines.append(cell.value)

    def _cells(self, raw_cells: list[str]) -> list[Cell]:
        cells: list[Cell] = []
        for index, raw in enumerate(raw_cells):
            # Only a row's first cell may be a label run into its value: later cells are values.
            cell = classify(raw, self.specs, inline=index == 0)
            run = split_label_run(raw, self.specs) if cell.kind != "label" else None
            cells.extend(run or [cell])
        return cells

    def _labels(self, cells: list[Cell]) -> None:
        fields = [self._open(cell.key, cell.label) for cell in cells if cell.key is not None]
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


# A label cannot end on these: a line that does was wrapped ("Objetivos de" / "Desarrollo …").
_ENDS_UNFINISHED = re.compile(r"(?:\b(?:de|del|la|las|los|el|y|e|o|u|para|por|en|al|con)|[/-])$")


def _first_cell(line: str) -> tuple[str, str]:
    head, _, rest = line.strip("\n").partition("\t")
    return head.strip(), rest


def join_wrapped_labels(lines: list[str], specs_: tuple[Spec, ...]) -> list[str]:
    """Rejoin a label that a table cell or a narrow column wrapped over two or three lines.

    "Objetivos de Desarrollo<TAB>Objetivo 5…" then "Sostenible<TAB>las niñas…": the first
    cells together are a label while the first alone is not (or is a shorter label whose
    words go on, as "Beneficiarios" / "Finales"). Only table rows are joined (one of the two
    lines holds a tab) or a line that cannot end a label ("… objetivos de" / "desarrollo
    sostenible"), so prose that happens to end in a label's first words stays prose.
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
            if any(not h or len(h) > 60 or not _LETTERS.search(h) for h, _ in heads):
                break
            in_table = "\t" in line or any("\t" in other for other in following)
            if not in_table and not _ENDS_UNFINISHED.search(fold(head)):
                break
            label = " ".join([head] + [h for h, _ in heads])
            if match_label(specs_, label, bilingual=not in_table) is None:
                continue
            head_is_label = match_label(specs_, head) is not None
            if head_is_label and (
                match_label(specs_, heads[-1][0]) is not None or heads[-1][0].endswith(":")
            ):
                # Two labels, or a label then a sub-label with its own colon ("Objetivos" /
                # "Específicos:"): not one label wrapped.
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


_NUMBERED_TITLE = re.compile(r"(?:[0-9]{1,2}|[IVX]{1,4})[.)]\s+[A-ZÁÉÍÓÚÑ][^.:;\t]{2,60}")


def _is_numbered_heading(line: str, previous: str, state: "_Segmenter") -> bool:
    """ "2. Datos del evento": a numbered section title in sentence case, not a list item.

    Only once the field above has its value (an item right under its label is a value), and
    when the line before is not an item itself ("4. Educación…" then "10. Reducción…" is a list).
    """
    if not _NUMBERED_TITLE.fullmatch(line) or len(line.split()) > 8 or state.pending:
        return False
    if state.current is None or not state.current.lines:
        return False
    return not starts_with_bullet(previous.rpartition("\t")[2])


def _label_follows(lines: list[str], index: int, specs_: tuple[Spec, ...]) -> bool:
    """Whether the next line with text starts with a label."""
    following = next((line.strip() for line in lines[index + 1 :] if line.strip()), "")
    head = following.partition("\t")[0]
    return bool(head) and classify(head, specs_).kind != "text"


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
    lines = join_wrapped_labels(text.split("\n"), specs_)
    previous = ""
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            state.blank()
            continue
        before, previous = previous, line
        folded = fold(line)
        if stop is not None and stop.search(folded):
            break
        if _is_separator(line) or (separator is not None and separator.search(folded)):
            state.separator()
            continue
        if _is_signature(line) or (
            "\t" not in line
            and match_label(specs_, line) is None
            and (
                _is_heading(line)
                or (
                    (
                        _is_heading(line, before_label=True)
                        or _is_numbered_heading(line, before, state)
                    )
                    and _label_follows(lines, index, specs_)
                )
            )
        ):
            state.separator()
            continue
        state.row(line)
    state.flush()
    return state.fields
