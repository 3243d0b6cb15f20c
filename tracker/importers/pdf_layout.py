"""A PDF page's lines rebuilt from the positions of its words, so that a form's table survives.

pypdf's plain text joins a label and its value with one space ("Nombre Proyecto Copresidencia…")
and breaks a label wrapped in its cell into two lines. Here words on one baseline form a line,
and a *column edge* is an x where many lines have a word starting after a wide gap (or start
there), with no word of those lines running across it. Consecutive lines that keep clear of the
edge form a block, read one of two ways:

- two columns of text (the columns are about as wide, and the page draws the left one first or
  fills it like prose): the left column, then the right one;
- a label | value table: a row starts where a label starts after a vertical gap, or where the
  label above ends short of the edge (it was not wrapped); its label is written on one line,
  then its value's lines, then a blank line, which is how the form parser reads a label
  followed by its value.

Lines of text that wrapped are told apart from lines that ended (a list item, a paragraph) by
whether the next line's first word would have fitted; that also joins a URL broken over two
lines. All measures are in font sizes, so they hold at any type size.
"""

from dataclasses import dataclass, field
from itertools import pairwise

from tracker.importers.pdf_flow import flow_words, join_wrapped, words_text, would_fit
from tracker.importers.pdf_words import Page, Word

#: A gap before a word of at least this many font sizes may be a column edge.
_EDGE_GAP = 0.5
#: A gap of this many font sizes inside a line with no column edge is written as a tab.
_TAB_GAP = 2.5
#: Words starting within this many points of each other start at the same x.
_ALIGN = 2.5
#: Lines needed to believe in a column edge.
_MIN_EDGE_LINES = 3


@dataclass
class _Line:
    words: list[Word]
    top: float = 0.0
    size: float = 10.0
    left: list[Word] = field(default_factory=list)
    right: list[Word] = field(default_factory=list)
    printed: bool = True  #: holds page text, not only form field values

    def __post_init__(self) -> None:
        self.words.sort(key=lambda w: w.x0)
        # The page's own type and place: a form field's value is drawn where and in the size
        # the viewer chooses.
        printed = [w for w in self.words if not w.field] or self.words
        self.top = min(w.top for w in printed)
        self.size = max(w.size for w in printed)
        self.printed = any(not w.field for w in self.words)


def page_lines(page: Page) -> list[str]:
    """The page's text, one string per line, label | value tables as label then value."""
    lines = _lines(page.words)
    if not lines:
        return []
    _measure_spaces(lines)
    blocks = _blocks(lines)
    out: list[str] = []
    index = 0
    for start, end, edge in blocks:
        out += _flow(lines[index:start])
        out += _read_block(lines[start:end], edge, lines)
        index = end
    out += _flow(lines[index:])
    return out


# --- lines and column edges ------------------------------------------------------------------


def _lines(words: list[Word]) -> list[_Line]:
    """Words grouped by baseline, top to bottom."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        middle = (word.top + word.bottom) / 2
        if rows:
            last = rows[-1]
            last_middle = sum((w.top + w.bottom) / 2 for w in last) / len(last)
            if abs(middle - last_middle) < 0.2 * max(word.size, last[0].size):
                last.append(word)
                continue
        rows.append([word])
    return [_Line(row) for row in rows]


def _measure_spaces(lines: list[_Line]) -> None:
    """The width of a space, per type: the narrowest gaps between words of one line.

    Whether a line wrapped is decided to a fraction of a point, so the space is measured in
    the document rather than assumed (a space is 0.23 to 0.28 of the size, by font).
    """
    gaps: dict[tuple[bool, float], list[float]] = {}
    for line in lines:
        for a, b in pairwise(line.words):
            ratio = (b.x0 - a.x1) / max(a.size, 1.0)
            if a.size == b.size and a.bold == b.bold and 0.1 < ratio < 0.5:
                gaps.setdefault((a.bold, round(a.size, 1)), []).append(ratio)
    for line in lines:
        for word in line.words:
            found = sorted(gaps.get((word.bold, round(word.size, 1)), []))
            if len(found) >= 3:
                word.space = found[len(found) // 10]


def _edge_candidates(lines: list[_Line], margin: float) -> list[tuple[float, int]]:
    """x positions where a line starts right of the margin or a word follows a wide gap."""
    starts = []
    for line in lines:
        first = line.words[0]
        if first.x0 > margin + 2 * line.size:
            starts.append(first.x0)
        for previous, word in pairwise(line.words):
            if word.x0 - previous.x1 >= _EDGE_GAP * line.size:
                starts.append(word.x0)
    clusters: list[list[float]] = []
    for x in sorted(starts):
        if clusters and x - clusters[-1][0] <= _ALIGN:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    clusters = [c for c in clusters if len(c) >= 2]
    clusters.sort(key=len, reverse=True)
    return [(min(c), len(c)) for c in clusters[:6]]


def _crosses(line: _Line, edge: float) -> bool:
    """A word, or the space between two words of one phrase, runs across the edge."""
    if any(w.x0 < edge - _ALIGN and w.x1 > edge + 1 for w in line.words):
        return True
    return any(
        a.x1 <= edge + 1 and b.x0 >= edge - _ALIGN and b.x0 - a.x1 < 0.4 * min(a.size, b.size)
        for a, b in pairwise(line.words)
    )


def _starts_at(line: _Line, edge: float) -> bool:
    return any(abs(w.x0 - edge) <= _ALIGN for w in line.words)


def _runs(lines: list[_Line], edge: float, support: int) -> list[tuple[int, int]]:
    """Stretches of lines clear of the edge, with at least one word starting at it."""
    runs, start = [], None
    for index, line in enumerate([*lines, None]):
        clear = line is not None and not _crosses(line, edge)
        if clear and start is None:
            start = index
        elif not clear and start is not None:
            stretch = lines[start:index]
            aligned = sum(1 for item in stretch if _starts_at(item, edge))
            both = any(
                any(w.x1 <= edge for w in item.words) and _starts_at(item, edge) for item in stretch
            )
            enough = (
                support >= _MIN_EDGE_LINES and aligned >= min(_MIN_EDGE_LINES, len(stretch))
            ) or (aligned >= 2 and _drawn_after(stretch, edge))
            if enough and both and len(stretch) > 1:
                runs.append((start, index))
            start = None
    return runs


def _drawn_after(lines: list[_Line], edge: float) -> bool:
    """Everything right of the edge is drawn after everything left of it: a second column,
    however short (two aligned lines are chance in a table, not in a page's drawing order)."""
    left = [w.order for line in lines for w in line.words if w.x1 <= edge and not w.field]
    right = [w.order for line in lines for w in line.words if w.x1 > edge and not w.field]
    if not (left and right) or max(left) > min(right):
        return False
    # And a gutter: a justified line's gaps may line up by chance, but are narrower.
    for line in lines:
        before = [w for w in line.words if w.x1 <= edge]
        after = [w for w in line.words if w.x1 > edge]
        if before and after and after[0].x0 - before[-1].x1 < 1.5 * line.size:
            return False
    return True


def _blocks(lines: list[_Line]) -> list[tuple[int, int, float]]:
    """Blocks of lines with a column edge: (start, end, edge), in order, not overlapping."""
    margin = min(line.words[0].x0 for line in lines)
    taken = [False] * len(lines)
    blocks: list[tuple[int, int, float]] = []
    for _ in range(3):  # a page may hold two tables with different label widths
        free = [line for line, used in zip(lines, taken, strict=True) if not used]
        best: list[tuple[int, int]] = []
        best_edge = 0.0
        for edge, support in _edge_candidates(free, margin):
            runs = _runs(lines, edge, support)
            runs = [(start, end) for start, end in runs if not any(taken[start:end])]
            if sum(end - start for start, end in runs) > sum(end - start for start, end in best):
                best, best_edge = runs, edge
        if not best:
            break
        for start, end in best:
            blocks.append((start, end, best_edge))
            taken[start:end] = [True] * (end - start)
    return sorted(blocks)


# --- reading a block -------------------------------------------------------------------------


def _read_block(lines: list[_Line], edge: float, page: list[_Line]) -> list[str]:
    for line in lines:
        line.left = [w for w in line.words if w.x1 <= edge]
        line.right = [w for w in line.words if w.x1 > edge]
    if _is_two_columns(lines, edge):
        return flow_words([line.left for line in lines]) + flow_words(
            [line.right for line in lines]
        )
    return _table(lines, edge, page)


def _is_two_columns(lines: list[_Line], edge: float) -> bool:
    """Two columns of text, not labels and values: about as wide, and drawn or filled as prose.

    A form tool draws a table row by row, so its labels and values interleave; a page of two
    columns is drawn column by column, and its left column's lines run up to the gutter.
    """
    lefts = [line.left for line in lines if line.left]
    rights = [line.right for line in lines if line.right]
    if len(lefts) < 2 or len(rights) < 2:
        return False
    left_x0 = min(w.x0 for words in lefts for w in words)
    left_x1 = max(w.x1 for words in lefts for w in words)
    right_x1 = max(w.x1 for words in rights for w in words)
    if (left_x1 - left_x0) < 0.6 * (right_x1 - edge):
        return False
    sides = sorted(
        [(w.order, 0) for words in lefts for w in words]
        + [(w.order, 1) for words in rights for w in words]
    )
    switches = sum(1 for (_, a), (_, b) in pairwise(sides) if a != b)
    # A table switches sides at every row; columns once (or a few times with a trailer).
    drawn_by_column = switches <= 2 or switches * 4 <= len(lefts)
    full = sum(1 for words in lefts if words[-1].x1 > left_x1 - 3 * words[-1].size)
    return drawn_by_column or full >= 0.6 * len(lefts)


def _pitch(lines: list[_Line]) -> float:
    """The usual distance between two lines of one cell: the smallest step seen twice."""
    lines = [line for line in lines if line.printed]
    steps = sorted(
        b.top - a.top
        for a, b in pairwise(lines)
        if b.top - a.top >= 0.9 * min(a.size, b.size) and abs(a.size - b.size) < 0.5
    )
    size = sorted(line.size for line in lines)[len(lines) // 2] if lines else 10.0
    # Single spacing is 1.15 to 1.5 sizes; a wider step is between two rows, not two lines.
    steps = [step for step in steps if step <= 1.6 * size]
    for step in steps:
        if sum(1 for other in steps if abs(other - step) <= 0.6) >= 2:
            return step
    return steps[0] if steps else 1.25 * size


def _table(lines: list[_Line], edge: float, page: list[_Line]) -> list[str]:
    """Rows of a label | value table: each label on one line, its value's lines below it."""
    # Measured on the whole page: a table of one-line rows has no step between two lines of
    # one cell, but the page's paragraphs in the same type have.
    size = sorted(line.size for line in lines)[len(lines) // 2]
    pitch = min(_pitch(lines), _pitch([line for line in page if abs(line.size - size) < 0.5]))
    label_limit = (
        max(w.x1 for line in lines for w in line.left) if any(line.left for line in lines) else edge
    )
    rows: list[_Row] = []
    previous: _Line | None = None
    for line in lines:
        far = previous is not None and line.top - previous.top > pitch + 0.25 * line.size
        if not rows or far or (line.left and not _label_goes_on(rows[-1], line, label_limit)):
            rows.append(([], []))
        if line.left:
            rows[-1][0].append(line.left)
        if line.right:
            rows[-1][1].append(line.right)
        previous = line
    out: list[str] = []
    for labels, values in rows:
        if labels:
            out.append(join_wrapped(labels))
        out += flow_words(values)
        out.append("")
    return out


_Row = tuple[list[list[Word]], list[list[Word]]]


def _label_goes_on(row: _Row, line: _Line, limit: float) -> bool:
    """The row's label was wrapped: its last line had no room for this line's first word."""
    labels, values = row
    if not labels:
        return False
    if line.right and not values:
        # Cells are filled from the top: a value starting below its label's first line means
        # that line was a row of its own (a section heading, a label left without value).
        return False
    return not would_fit(labels[-1], line.left[0], limit)


# --- running text --------------------------------------------------------------------------


def _flow(lines: list[_Line]) -> list[str]:
    """Lines of running text; a very wide gap in a line is a tab (label and value)."""
    out = []
    for line in lines:
        cells = [[line.words[0]]]
        for previous, word in pairwise(line.words):
            if word.tab_before or word.x0 - previous.x1 > _TAB_GAP * line.size:
                cells.append([word])
            else:
                cells[-1].append(word)
        if len(cells) > 1:
            out.append(("\t".join(words_text(cell) for cell in cells), None))
        else:
            out.append((words_text(line.words), line.words))
    texts: list[str] = []
    run: list[list[Word]] = []
    for text, words in out:
        if words is None:
            texts += flow_words(run)
            texts.append(text)
            run = []
        else:
            run.append(words)
    return texts + flow_words(run)
