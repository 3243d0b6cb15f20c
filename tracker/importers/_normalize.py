"""Text clean-up shared by the form parsers.

Forms reach us as text extracted from Word, PDF or a web form export, so the same words can come
with stray HTML, odd spaces, accents or not, and any case. Everything here is pure and total: it
accepts any string.
"""

import hashlib
import html
import re
import unicodedata
from functools import lru_cache

# Block-level closing tags (and <br>) end a line; every other tag simply disappears. A newline
# right after the tag is the same line end, not a blank line.
_HTML_BREAK = re.compile(
    r"<\s*(?:br\s*/?|/\s*(?:p|div|li|tr|h[1-6]|ul|ol|table)\s*)>[ \t]*\n?", re.I
)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u2002\u2003\u2005\u3000"), " ")
_PAGE_NUMBER = re.compile(r"(?:pagina|pag\.?)\s*\d+(?:\s*(?:de|/)\s*\d+)?")


def strip_html(text: str) -> str:
    """Drop HTML tags (a web-form export wraps values in <p>…</p>) and decode entities."""
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    return html.unescape(text)


def clean_text(text: str) -> str:
    """Normalise extracted text: NFC, \\n line ends, no HTML, plain spaces, no trailing blanks.

    Tabs are kept: they separate a label from its value in a row of a table.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = strip_html(text)
    text = text.translate(_INVISIBLE).translate(_ODD_SPACES)
    lines = (line.rstrip() for line in text.split("\n"))
    return "\n".join(line for line in lines if not is_page_number(line))


def is_page_number(line: str) -> bool:
    """A running footer such as "Página 2 de 3" (PDF extraction repeats it on every page)."""
    return bool(_PAGE_NUMBER.fullmatch(fold(line.strip())))


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0]
    lower = base.lower()
    # Keep one character per character so that positions in the folded text match the original.
    return lower if len(lower) == 1 else base


def fold(text: str) -> str:
    """Lower case without accents, one character per character ("Área" → "area")."""
    return "".join(map(_fold_char, text))


def collapse(text: str) -> str:
    """All runs of whitespace (newlines and tabs too) become one space."""
    return " ".join(text.split())


def fingerprint(text: str) -> str:
    """sha256 of the text with layout differences removed, for idempotent re-imports."""
    normalised = collapse(clean_text(text))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'«»]+", re.I)
_URL_TRAILING = ".,;:!?'\"»)]}"


def find_links(text: str) -> list[str]:
    """URLs anywhere in the text, in order, without duplicates or trailing punctuation."""
    links: list[str] = []
    for match in _URL.finditer(html.unescape(text)):
        url = match.group()
        while url and url[-1] in _URL_TRAILING:
            # A closing parenthesis belongs to the URL only when it opened one.
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        if len(url) > len("https://") and url not in links:
            links.append(url)
    return links
