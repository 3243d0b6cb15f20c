"""Lines of one column or table cell joined where they wrapped, and URLs broken over two lines.

A line wrapped when the next line's first word would not have fitted on it, in the same type;
otherwise the line ended (a list item, a paragraph, a label above its value). The measures are
taken on the page (pdf_layout sets each word's space width), so they hold for any font.
"""

import re

from tracker.importers.pdf_words import Word

_BULLET = re.compile(r"(?:[•·‣∙◦▪●○■➢*–—-]|[0-9]{1,2}[.)]|[a-z]\))\s")
_URL_END = re.compile(r"https?://\S+$")
_URL_GOES_ON = re.compile(r"[\w\-./?=&%#~+:;,@!$*()']+")


def words_text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def would_fit(words: list[Word], following: Word, limit: float) -> bool:
    space = words[-1].space * words[-1].size
    return words[-1].x1 + space + (following.x1 - following.x0) <= limit


def join_wrapped(parts: list[list[Word]]) -> str:
    """The lines of one wrapped cell as one line (a word cut at a hyphen is joined)."""
    text = ""
    for words in parts:
        piece = words_text(words)
        if text.endswith("-") and piece[:1].islower() and not text.endswith(" -"):
            text = text[:-1] + piece
        else:
            text = f"{text} {piece}" if text else piece
    return text


def flow_words(parts: list[list[Word]]) -> list[str]:
    """Lines of one column or cell, each line that wrapped joined to the next.

    A line wrapped when the next line's first word would not have fitted on it, in the same
    type; otherwise the line ended (a list item, a paragraph, a label above its value). A URL
    cut at the end of a line goes on at the start of the next, with no space.
    """
    parts = [words for words in parts if words]
    if not parts:
        return []
    limit = max(words[-1].x1 for words in parts)
    out: list[str] = []
    for previous, words in zip([None, *parts], parts, strict=False):
        text = words_text(words)
        if previous is not None and _url_goes_on(previous, words, out[-1]):
            out[-1] += text
            continue
        if previous is not None and _wrapped(previous, words, limit):
            head = words[0].text
            url = _URL_END.search(out[-1]) and _URL_GOES_ON.fullmatch(head)
            if url or (out[-1].endswith("-") and not out[-1].endswith(" -")):
                out[-1] += text
            else:
                out[-1] += " " + text
            continue
        out.append(text)
    return out


def _url_goes_on(above: list[Word], below: list[Word], text_above: str) -> bool:
    """A URL ending the line at a separator ("/", "-", "=") goes on in the next line's word.

    A writer breaks a long address at a separator whether or not the rest would fit; a
    sentence after an address starts with a capital or a space, never with a bare word.
    """
    if not _URL_END.search(text_above):
        return False
    first, last = below[0], above[-1]
    if first.field != last.field or not 0 < first.top - last.top < 2 * first.size:
        return False
    if not _URL_GOES_ON.fullmatch(first.text) or first.text[:1].isupper():
        return False
    # Cut at a separator, or cut anywhere when the address was wider than its column (the
    # rest alone on its line, or itself holding separators).
    return (
        text_above[-1] in "/-_=&?#%~"
        or len(below) == 1
        or any(char in first.text for char in "/-_=&?%")
    )


def _wrapped(above: list[Word], below: list[Word], limit: float) -> bool:
    first, last = below[0], above[-1]
    if first.field or last.field:
        return False  # a form field's value keeps the lines it was typed with
    if first.bold != last.bold or abs(first.size - last.size) > 0.5:
        return False
    if not 0 < first.top - last.top < 2 * first.size:
        return False
    if _BULLET.match(words_text(below)):
        return False  # a new list item, however full the line above
    if last.text[-1:] in ".:;)!?" and (first.text[:1].isupper() or first.text[:1].isdigit()):
        # Most likely the end of a sentence or list item that happened to fill the line; a
        # prose field is joined again by the parser, a list item would not be split again.
        return False
    return not would_fit(above, first, limit)
