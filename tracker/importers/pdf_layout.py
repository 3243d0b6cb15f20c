"""A PDF's text rebuilt from the positions of its words, so that a form's table survives.

pypdf's plain text joins a label and its value with one space ("Nombre Proyecto Copresidencia…")
and interleaves two columns. Here every word comes with its box (pdfplumber, on pdfminer.six):
words on one baseline form a line; a gap much wider than a space separates two cells, written
as a tab, which is how the segmenter reads a table row; a line whose only cell sits in the value
column is a continuation, written after a tab. A page of two prose columns is read column by
column. The values typed into a fillable form (AcroForm widgets) are placed where their boxes
are, so they land next to their printed labels.
"""

import io
from dataclasses import dataclass
from itertools import pairwise

import pdfplumber

#: A gap wider than this many font sizes between two words separates two cells.
_CELL_GAP = 0.9


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    size: float


@dataclass
class _Line:
    top: float
    cells: list[list[_Word]]

    @property
    def x0(self) -> float:
        return self.cells[0][0].x0


def _cell_text(cell: list[_Word]) -> str:
    return " ".join(word.text for word in cell)


def _widget_words(page) -> list[_Word]:
    """The values of the page's filled form fields, as words at their boxes."""
    words: list[_Word] = []
    for annot in page.annots or []:
        data = annot.get("data") or {}
        if str(data.get("Subtype", "")).strip("/'") != "Widget" and "Widget" not in str(
            data.get("Subtype")
        ):
            continue
        value = _decode(data.get("V"))
        if not value or value in ("Off", "/Off"):
            continue
        size = max(6.0, min(12.0, float(annot["bottom"]) - float(annot["top"])) * 0.7)
        for index, line in enumerate(value.splitlines()):
            if line.strip():
                words.append(
                    _Word(line.strip(), annot["x0"], annot["x1"], annot["top"] + index * size, size)
                )
    return words


def _decode(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        for encoding in ("utf-16", "utf-8", "latin-1"):
            try:
                text = value.decode(encoding)
                if encoding != "utf-16" or value.startswith((b"\xfe\xff", b"\xff\xfe")):
                    return text
            except UnicodeDecodeError:
                continue
        return ""
    text = str(value)
    return "" if text.startswith("/") else text


def _lines(words: list[_Word]) -> list[_Line]:
    """Words grouped by baseline, each line cut into cells at wide gaps."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (round(w.top), w.x0)):
        if lines and abs(lines[-1].top - word.top) <= max(2.0, word.size * 0.45):
            lines[-1].cells[0].append(word)
        else:
            lines.append(_Line(word.top, [[word]]))
    for line in lines:
        ordered = sorted(line.cells[0], key=lambda w: w.x0)
        cells: list[list[_Word]] = [[ordered[0]]]
        for previous, word in pairwise(ordered):
            if word.x0 - previous.x1 > _CELL_GAP * max(previous.size, word.size):
                cells.append([word])
            else:
                cells[-1].append(word)
        line.cells = cells
    return lines


def _value_column(lines: list[_Line]) -> float | None:
    """Where the value column starts: the x most lines have a wide gap before (or start at).

    Justified text has wide gaps too, but they do not line up from one line to the next.
    """
    starts = [cell[0].x0 for line in lines for cell in line.cells[1:]]
    if len(starts) < 2:
        return None
    best, best_count = None, 0
    for x in sorted(set(round(x) for x in starts)):
        count = sum(1 for line in lines if any(abs(c[0].x0 - x) < 4 for c in line.cells[1:]))
        if count > best_count:
            best, best_count = x, count
    split_lines = sum(1 for line in lines if len(line.cells) > 1)
    if best is None or best_count < 2 or best_count < split_lines * 0.4:
        return None
    return float(best)


def _split_at(line: _Line, column: float) -> tuple[list[_Word], list[_Word]]:
    words = [word for cell in line.cells for word in cell]
    left = [word for word in words if word.x0 < column - 3]
    right = [word for word in words if word.x0 >= column - 3]
    return left, right


def _is_prose_columns(lines: list[_Line], column: float, left_margin: float) -> bool:
    """Two columns of running text, not a label | value table.

    Labels are short and rarely hold "x: y" themselves; a prose column fills its width, so
    most left cells end close to the gutter.
    """
    halves = [_split_at(line, column) for line in lines]
    lefts = [left for left, right in halves if left and right]
    width = column - left_margin
    if width <= 0 or not lefts or width < 150:
        return False
    full = sum(1 for cell in lefts if cell[-1].x1 > column - width * 0.2)
    wordy = sum(1 for cell in lefts if len(cell) > 6 or ":" in _cell_text(cell)[:-1])
    return full >= len(lefts) * 0.5 and wordy >= len(lefts) * 0.5


def _page_lines(page) -> list[str]:
    words = [
        _Word(w["text"], w["x0"], w["x1"], w["top"], float(w.get("size") or 10))
        for w in page.extract_words(x_tolerance=1.5, y_tolerance=3, extra_attrs=["size"])
    ]
    words += _widget_words(page)
    if not words:
        return []
    lines = _lines(words)
    left_margin = min(line.x0 for line in lines)
    column = _value_column(lines)
    if column is None:
        return ["\t".join(_cell_text(cell) for cell in line.cells) for line in lines]
    if _is_prose_columns(lines, column, left_margin):
        return _read_columns(lines, column)
    out: list[str] = []
    for line in lines:
        left, right = _split_at(line, column)
        if left and right:
            out.append(f"{_cell_text(left)}\t{_cell_text(right)}")
        elif right:
            # Only the value column: the value of the row above goes on.
            out.append("\t" + _cell_text(right))
        else:
            out.append(_cell_text(left))
    return out


def _read_columns(lines: list[_Line], column: float) -> list[str]:
    left: list[str] = []
    right: list[str] = []
    for line in lines:
        left_words, right_words = _split_at(line, column)
        if left_words:
            left.append(_cell_text(left_words))
        if right_words:
            right.append(_cell_text(right_words))
    return left + right


def pdf_pages(data: bytes) -> list[list[str]]:
    """The lines of each page, rebuilt from word positions (raises on a damaged file)."""
    with pdfplumber.open(io.BytesIO(data)) as document:
        return [_page_lines(page) for page in document.pages]
