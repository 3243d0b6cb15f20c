"""Running headers and footers removed before a form is parsed.

A PDF (or a Word export) repeats on every page the institution's name, the logo's alt text, the
form's code and version, and a page number. Left in, they land in the middle of a value that runs
over a page break. A line is furniture when it sits among the first or last lines of a page and
either repeats on other pages (digits aside, so "Página 2 de 3" matches "Página 3 de 3") or
reads as a page number or a form code.
"""

import re
from collections import Counter

from tracker.importers._normalize import collapse, fold

#: How many lines at the top and at the bottom of a page may be furniture.
_EDGE = 4
_PAGE_NUMBER = re.compile(
    r"(?:(?:pagina|pag\.?|page|p\.)\s*)?[-–]?\s*[0-9]{1,3}\s*(?:(?:de|of|/)\s*[0-9]{1,3})?\s*[-–]?"
)
_FORM_CODE = re.compile(
    r"(?:(?:codigo|cod\.|code|formulario|form|version|ver\.|rev\.|revision)\s*:?\s*[\w.-]*[0-9]"
    r"[\w.-]*[\s|,;/–-]*){1,4}"
    r"|[a-z]{1,4}-[a-z0-9]{1,6}-[0-9]{1,4}(?:\s*(?:v|version|ver\.?|rev\.?)\s*:?\s*[0-9.]+)?"
)


def _shape(line: str) -> str:
    return re.sub(r"[0-9]+", "#", collapse(fold(line)))


def is_furniture_line(line: str, page_number: int | None = None) -> bool:
    """A page number ("Página 3 de 5", or "- 3 -" on page 3) or a form code ("F-URI-01 v2")."""
    folded = collapse(fold(line)).strip()
    if not folded:
        return False
    if _FORM_CODE.fullmatch(folded):
        return True
    if not _PAGE_NUMBER.fullmatch(folded):
        return False
    numbers = re.findall(r"[0-9]+", folded)
    # A bare number is a page number only on its own page: elsewhere it may be a value.
    return re.search(r"[a-z/]", folded) is not None or numbers[0] == str(page_number)


def remove_furniture(pages: list[list[str]]) -> list[list[str]]:
    """The pages' lines without running headers, footers and page numbers."""
    edges = [_edge_indexes(page) for page in pages]
    counts: Counter[str] = Counter()
    for page, indexes in zip(pages, edges, strict=True):
        counts.update({_shape(page[i]) for i in indexes if len(page[i].strip()) > 2})
    repeated = {shape for shape, n in counts.items() if n >= 2} if len(pages) > 1 else set()
    cleaned: list[list[str]] = []
    for number, (page, indexes) in enumerate(zip(pages, edges, strict=True), start=1):
        drop = {
            i for i in indexes if _shape(page[i]) in repeated or is_furniture_line(page[i], number)
        }
        cleaned.append([line for i, line in enumerate(page) if i not in drop])
    return cleaned


def _edge_indexes(page: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(page) if line.strip()]
    return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))
