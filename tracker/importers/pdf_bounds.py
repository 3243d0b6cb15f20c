"""Reading a PDF's text within bounds: pages, decoded content bytes, and the deadline.

pypdf decodes a Flate stream whole and then parses every operator in it, so a 16 kB file of
two highly compressible 5 MB streams takes tens of seconds. Here the page count is checked
before any page is read, each page's content streams (and the forms it draws) are decoded under
pypdf's own output cap and added up before the page is parsed, and the deadline is checked
between pages and every thousand operators while pypdf extracts the text.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from pypdf import PageObject, PdfReader, apply_configuration
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, StreamObject

from tracker.importers.limits import (
    Deadline,
    ImportLimits,
    pdf_content_too_large,
    too_many_pages,
)

OPERATORS_PER_CHECK = 1000


@contextmanager
def bounded_pypdf(limits: ImportLimits) -> Iterator[None]:
    """pypdf refuses to decode any one stream past the content bound (its default is 75 MB)."""
    cap = limits.max_pdf_content_bytes + 1
    try:
        with apply_configuration(
            zlib_maximum_output_length=cap,
            lzw_maximum_output_length=cap,
            run_length_maximum_output_length=cap,
            brotli_maximum_output_length=cap,
        ):
            yield
    except LimitReachedError as error:
        raise pdf_content_too_large(limits) from error


def page_texts(reader: PdfReader, limits: ImportLimits, deadline: Deadline) -> list[str]:
    """The text of each page; ImportFormatError past a bound."""
    declared = reader.trailer["/Root"]["/Pages"].get("/Count", 0)
    # The declared count is free to read; the real one flattens the page tree (it may lie).
    if int(declared) > limits.max_pdf_pages or len(reader.pages) > limits.max_pdf_pages:
        raise too_many_pages(limits)
    decoded = 0
    texts = []
    visitor = _deadline_visitor(deadline)
    for page in reader.pages:
        deadline.check()
        decoded += _content_bytes(page)
        if decoded > limits.max_pdf_content_bytes:
            raise pdf_content_too_large(limits)
        texts.append(page.extract_text(visitor_operand_before=visitor) or "")
    return texts


def _content_bytes(page: PageObject) -> int:
    """Decoded size of what extracting the page's text will parse (pypdf caches the decoding)."""
    streams = []
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if isinstance(contents, ArrayObject):
        streams.extend(item.get_object() for item in contents)
    elif contents is not None:
        streams.append(contents)
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if xobjects is not None:
        for reference in xobjects.get_object().values():
            xobject = reference.get_object()
            if isinstance(xobject, StreamObject) and xobject.get("/Subtype") == "/Form":
                streams.append(xobject)
    return sum(len(stream.get_data()) for stream in streams if isinstance(stream, StreamObject))


def _deadline_visitor(deadline: Deadline) -> Callable[..., None]:
    calls = 0

    def visit(operator, operands, matrix, text_matrix) -> None:
        nonlocal calls
        calls += 1
        if calls % OPERATORS_PER_CHECK == 0:
            deadline.check()

    return visit
