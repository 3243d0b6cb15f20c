"""The words of a PDF's pages with their boxes, and the values typed into its form fields.

pdfminer.six interprets each page's content stream; a word is a run of characters on one
baseline, in the order the page draws them (that order tells two text columns from a table).
The values of a fillable form (AcroForm text fields) are not page text: each becomes a word at
its field's box, so that it lands next to its printed label.

pdfminer has no bound of its own, so the interpreter here checks the Deadline every few hundred
operands and operators, and pdf_bounds has already measured, under pypdf's decoding caps, every
stream it will decode (contents, forms, fonts) before this runs.
"""

import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTItem
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text

from tracker.importers.limits import Deadline

# pdfminer warns on every odd font or object of a damaged file; the user gets our message instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

#: Operands and operators interpreted between two deadline checks.
_TICKS_PER_CHECK = 500
#: A gap wider than this many font sizes ends a word even without a space character.
_WORD_GAP = 0.18
#: How deep a form field's /Parent chain is followed for its value.
_MAX_FIELD_DEPTH = 8


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    order: int  #: drawing order on the page
    bold: bool = False
    field: bool = False  #: the value of a form field, not page text
    tab_before: bool = False  #: a tab character separates it from the word before
    space: float = 0.25  #: the width of a space in its type, in font sizes (pdf_layout measures)


@dataclass
class Page:
    width: float
    height: float
    words: list[Word]


class _Device(PDFPageAggregator):
    """pdfminer's page aggregator that checks the deadline as the page is interpreted."""

    def __init__(self, resources: PDFResourceManager, deadline: Deadline) -> None:
        super().__init__(resources, laparams=None)
        self.deadline = deadline
        self.ticks = 0

    def tick(self) -> None:
        self.ticks += 1
        if self.ticks % _TICKS_PER_CHECK == 0:
            self.deadline.check()


class _Interpreter(PDFPageInterpreter):
    """Ticks on every operand pushed, every operator's arguments popped, every unknown name."""

    device: _Device

    def push(self, obj: object) -> None:
        self.device.tick()
        super().push(obj)

    def pop(self, n: int) -> list:
        self.device.tick()
        return super().pop(n)

    def __getattr__(self, name: str):
        # Reached only for names the class lacks: the operators pdfminer does not know.
        if name.startswith("do_"):
            self.device.tick()
        raise AttributeError(name)


def _ticking(name: str):
    base = getattr(PDFPageInterpreter, name)

    def operator(self: _Interpreter) -> None:
        self.device.tick()
        base(self)

    return operator


# Operators without arguments pop nothing: they tick here (pdfminer counts a method's
# arguments from its code, so the wrapper must take exactly `self`).
for _name in dir(PDFPageInterpreter):
    _method = getattr(PDFPageInterpreter, _name)
    code = getattr(_method, "__code__", None)
    if _name.startswith("do_") and code is not None and code.co_argcount == 1:
        setattr(_Interpreter, _name, _ticking(_name))


def pdf_words(data: bytes, deadline: Deadline) -> list[Page]:
    """Every page's words (raises pdfminer's exceptions on a damaged file)."""
    document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    resources = PDFResourceManager(caching=True)
    device = _Device(resources, deadline)
    interpreter = _Interpreter(resources, device)
    pages = []
    for page in PDFPage.create_pages(document):
        deadline.check()
        interpreter.process_page(page)
        layout = device.get_result()
        x0, y0, x1, y1 = page.mediabox
        words = _words(_chars(layout), y1)
        words += _field_words(page, y1, len(words), deadline)
        pages.append(Page(x1 - x0, y1 - y0, words))
    return pages


def _chars(item: LTItem) -> Iterator[LTChar]:
    if isinstance(item, LTChar):
        yield item
    elif isinstance(item, LTContainer):
        for child in item:
            yield from _chars(child)


def _words(chars: Iterator[LTChar], page_top: float) -> list[Word]:
    """Characters joined into words in drawing order; a space or a jump ends a word."""
    words: list[Word] = []
    current: list[LTChar] = []
    tab = False

    def close() -> None:
        nonlocal tab
        if current:
            first = current[0]
            bold = any(k in first.fontname.lower() for k in ("bold", "black", "heavy"))
            words.append(
                Word(
                    "".join(_char_text(char) for char in current),
                    min(char.x0 for char in current),
                    max(char.x1 for char in current),
                    page_top - max(char.y1 for char in current),
                    page_top - min(char.y0 for char in current),
                    max(char.size for char in current),
                    len(words),
                    bold,
                    tab_before=tab,
                )
            )
            current.clear()
            tab = False

    for char in chars:
        text = _char_text(char)
        if not text.strip():
            close()
            tab = tab or text == "\t"
            continue
        if current:
            last = current[-1]
            size = max(last.size, char.size, 1.0)
            same_line = abs(last.y0 - char.y0) < size * 0.3
            if not same_line or not -size * 0.5 < char.x0 - last.x1 < size * _WORD_GAP:
                close()
        current.append(char)
    close()
    return words


def _char_text(char: LTChar) -> str:
    """The character's text; pdfminer writes "(cid:N)" for a glyph it cannot map."""
    text = char.get_text()
    if not (text.startswith("(cid:") and text.endswith(")") and text[5:-1].isdigit()):
        return text
    code = int(text[5:-1])
    if code == 9:
        return "\t"  # a tab typed into the text is drawn as its control code
    if code < 32 or code > 255:
        return " " if code in (10, 13) else ""
    # A standard font named without an encoding: writers mean Windows-1252, as pypdf reads it.
    return bytes([code]).decode("cp1252", "replace").replace("\ufffd", "")


def _field_words(page: PDFPage, page_top: float, order: int, deadline: Deadline) -> list[Word]:
    """The values of the page's filled text fields, one word per line of the value."""
    words = []
    for reference in resolve1(page.annots) or []:
        deadline.check()
        annot = resolve1(reference)
        if not isinstance(annot, dict) or _name(annot.get("Subtype")) != "Widget":
            continue
        if _inherited(annot, "FT") not in (None, "Tx"):
            continue  # check boxes, choices and buttons hold names, not text
        value = _text(_inherited(annot, "V", raw=True))
        rect = resolve1(annot.get("Rect"))
        if not value.strip() or not isinstance(rect, list) or len(rect) != 4:
            continue
        x0, y0, x1, y1 = (float(resolve1(v)) for v in rect)
        x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        size = _field_size(annot, y1 - y0)
        # A value of several lines is written from the top of a multi-line box down.
        lines = [line.strip() for line in value.splitlines() if line.strip()]
        pitch = size * 1.2 if len(lines) > 1 else 0
        for index, line in enumerate(lines):
            top = page_top - y1 + 1 + index * pitch
            width = min(x1 - x0 - 2, len(line) * size * 0.5)
            words.append(
                Word(line, x0 + 1, x0 + 1 + width, top, top + size, size, order, False, True)
            )
            order += 1
    return words


def _field_size(annot: dict, height: float) -> float:
    """The font size of the field's appearance ("/Helv 9 Tf"); 0 means fit to the box."""
    appearance = _text(_inherited(annot, "DA", raw=True))
    found = re.search(r"([0-9.]+)\s+Tf", appearance)
    size = float(found.group(1)) if found and found.group(1).count(".") <= 1 else 0.0
    return size if 4 <= size <= 30 else max(6.0, min(12.0, height * 0.7))


def _name(value: object) -> str:
    value = resolve1(value)
    return str(getattr(value, "name", value) or "")


def _inherited(annot: dict, key: str, raw: bool = False) -> object:
    """A field's entry, looked up its /Parent chain (a widget often holds only the box)."""
    node = annot
    for _ in range(_MAX_FIELD_DEPTH):
        if key in node:
            value = resolve1(node[key])
            return value if raw else _name(value)
        node = resolve1(node.get("Parent"))
        if not isinstance(node, dict):
            break
    return None


def _text(value: object) -> str:
    """A PDF text string: UTF-16 with its byte order mark, else PDFDocEncoding."""
    if isinstance(value, bytes):
        return decode_text(value)
    if isinstance(value, str):
        return value
    return ""
