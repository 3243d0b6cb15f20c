"""Turning the lines of a form field into a list of items.

People bullet lists with ·, •, -, *, –, "1.", "1)" or "a)", put several numbered items on one
line ("1. … 2. …"), and a PDF wraps long items over several lines. A lone "-" or "N/A" means
"nothing".
"""

import re
from collections.abc import Iterable
from itertools import count

from tracker.importers._normalize import collapse, fold

_SYMBOLS = "·•‣∙◦▪▫●○■□➢➤►✓✔*\\-–—−"
_BULLET = re.compile(
    rf"^\s*(?:[{_SYMBOLS}]+(?![0-9])\s*|\(?[0-9]{{1,2}}(?:[.)]-?|\.-)\s+|[a-zA-Z]\)\s+)"
)
_INLINE_SYMBOL = re.compile(r"\s+[·•▪●➢➤►]\s+")
_NUMBERED_START = re.compile(r"\s*\(?([0-9]{1,2})(?:[.)]-?|\.-)\s+")
# Written instead of a list when there is nothing to list.
_EMPTY_MARKERS = {
    "", "-", "--", "---", "—", "–", "n/a", "na", "n.a", "n/d", "no aplica", "ninguno", "ninguna",
    "ningunos", "ningunas", "no hay", "nada", "sin", "sin informacion", "sin comentarios",
    "sin observaciones", "no",
}  # fmt: skip


# A sentence saying there is nothing: "No se adquirieron compromisos", "Sin acciones pendientes".
_NOTHING_SENTENCE = re.compile(
    r"(?:no (?:se )?(?:hubo|hay|existen?|aplica|corresponde|registra\w*)"
    r"|no se \w+ron|sin|ningun[oa]?)"
    r"\b.{0,40}?\b(?:compromisos?|acciones?|observaciones?|comentarios?|lecciones?|"
    r"recomendaciones?|logros?|pendientes?|seguimiento)\b.{0,60}"
)


def starts_with_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def strip_bullet(text: str) -> str:
    return _BULLET.sub("", text, count=1).strip()


def is_empty_marker(text: str) -> bool:
    """True for "-", "N/A", "No aplica", "Ninguno"… written to say "nothing"."""
    # strip_bullet also empties a lone "-" (it reads as a bullet with nothing after it).
    folded = collapse(fold(strip_bullet(text))).strip(" .;:")
    return folded in _EMPTY_MARKERS or bool(_NOTHING_SENTENCE.fullmatch(folded))


def split_numbered(text: str) -> list[str]:
    """Split "1. foo 2. bar 3. baz" at the numbers that follow in sequence.

    Only the next number in sequence splits, so "COVID 19." or "Objetivo 5:" inside an item
    stays where it is.
    """
    match = _NUMBERED_START.match(text)
    if not match:
        return [text]
    markers = (
        re.compile(rf"(?<=\s)\(?{number}(?:[.)]-?|\.-)\s+")
        for number in count(int(match.group(1)) + 1)
    )
    return _split_at_markers(text, match.end(), markers)


def _split_at_markers(text: str, position: int, markers: Iterable[re.Pattern]) -> list[str]:
    """Cut `text` before each marker in turn, searching from `position`; stops at the first
    marker that does not follow (a list's items come in sequence or not at all)."""
    pieces: list[str] = []
    start = 0
    for marker in markers:
        following = marker.search(text, position)
        if not following:
            break
        pieces.append(text[start : following.start()])
        start, position = following.start(), following.end()
    pieces.append(text[start:])
    return pieces


_LEADING_SYMBOL = re.compile(rf"^\s*([{_SYMBOLS}])\s")
_LETTER_START = re.compile(r"\s*\(?([a-h])\)\s+")


def split_lettered(text: str) -> list[str]:
    """Split "a) foo b) bar c) baz" at the letters that follow in sequence (as split_numbered)."""
    match = _LETTER_START.match(text)
    if not match or match.group(1) != "a":
        return [text]
    markers = (re.compile(rf"(?<=\s)\(?{letter}\)\s+") for letter in "bcdefghij")
    return _split_at_markers(text, match.end(), markers)


def split_repeated_bullet(text: str, min_words: int = 3) -> list[str]:
    """ "– foo bar baz – qux quux corge": a list flattened onto one line (a table saved as text).

    Only the symbol the line starts with splits, and only when every piece reads as an item of
    its own (`min_words` or more): "– PNUD – Panamá – donante" is one item with its parts.
    """
    match = _LEADING_SYMBOL.match(text)
    if not match:
        return [text]
    pieces = re.split(rf"\s+{re.escape(match.group(1))}\s+", text[match.end() :])
    if len(pieces) < 2 or any(len(piece.split()) < min_words for piece in pieces):
        return [text]
    return pieces


def split_flattened(text: str, min_words: int = 3) -> list[str]:
    """The items of a list written on one line: "1. … 2. …", "a) … b) …", "• … • …", "– … – …"."""
    items: list[str] = []
    for numbered in split_numbered(text):
        for lettered in split_lettered(numbered):
            for piece in split_repeated_bullet(lettered, min_words):
                items.extend(_INLINE_SYMBOL.split(piece))
    return items


def split_items(lines: list[str]) -> list[str]:
    """The items of a list field, markers removed, "nothing" markers dropped."""
    content = [line.strip() for line in lines if line.strip()]
    bulleted = any(starts_with_bullet(line) for line in content)
    raw: list[str] = []
    for line in content:
        if not raw or starts_with_bullet(line):
            raw.append(line)
        elif bulleted or line[:1].islower():
            # A line without its own bullet continues the previous item: a wrapped PDF line,
            # or a page break inside an item.
            raw[-1] = f"{raw[-1]} {line}"
        else:
            raw.append(line)
    items: list[str] = []
    for entry in raw:
        items.extend(split_flattened(entry))
    cleaned = (collapse(strip_bullet(item)) for item in items)
    return [item for item in cleaned if not is_empty_marker(item)]
