"""Reading a PDF's text within bounds: pages, decoded content bytes, and the deadline.

pypdf decodes a Flate stream whole and then parses every operator in it, so a 16 kB file of
two highly compressible 5 MB streams takes tens of seconds. Here the page count is checked
before any page is read, each page's content streams (and the forms it draws) are decoded under
pypdf's own output cap and added up before the page is parsed, and the deadline is checked
between pages and every thousand operators while pypdf extracts the text.

`check_pages` does the same for a reader that is not pypdf (pdf_words, on pdfminer): it decodes
under the cap every stream that reader will decode, nested forms and fonts included.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from pypdf import PageObject, PdfReader, apply_configuration
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

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


def check_pages(reader: PdfReader, limits: ImportLimits, deadline: Deadline) -> bool:
    """Refuse a PDF past the page or content bound; True if its fonts are safe to decode too.

    Every stream a layout reader will decode is decoded here first under pypdf's cap: the
    pages' contents and the forms they draw (nested too) count towards the content bound; a
    font or character map past the cap does not refuse the file (pypdf's text does not need
    it), but the layout reader must not decode it: False.
    """
    _check_page_count(reader, limits)
    decoded = 0
    fonts_safe = True
    seen: set[int] = set()
    for page in reader.pages:
        deadline.check()
        contents, fonts = _page_streams(page, seen, deadline)
        decoded += sum(len(stream.get_data()) for stream in contents)
        if decoded > limits.max_pdf_content_bytes:
            raise pdf_content_too_large(limits)
        for stream in fonts:
            try:
                stream.get_data()
            except LimitReachedError:
                fonts_safe = False
    return fonts_safe


def page_texts(reader: PdfReader, limits: ImportLimits, deadline: Deadline) -> list[str]:
    """The text of each page; ImportFormatError past a bound."""
    _check_page_count(reader, limits)
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


def _check_page_count(reader: PdfReader, limits: ImportLimits) -> None:
    root = reader.trailer["/Root"]["/Pages"].get_object()
    # The declared count is free to read, and may lie: the page tree is then walked, but only
    # until one page past the limit (pypdf's len(reader.pages) would flatten all of it).
    if int(root.get("/Count", 0)) > limits.max_pdf_pages:
        raise too_many_pages(limits)
    if _pages_past(root, limits.max_pdf_pages):
        raise too_many_pages(limits)


def _pages_past(root: DictionaryObject, limit: int) -> bool:
    """Whether the page tree under `root` has more than `limit` pages (a node seen twice, as a
    cycle would make it, counts once)."""
    pages, stack, seen = 0, [root], set()
    while stack:
        node = stack.pop().get_object()  # kids are resolved as they are reached, not before
        if id(node) in seen:
            continue
        seen.add(id(node))
        kids = node.get("/Kids")
        if node.get("/Type") == "/Pages" or kids is not None:
            stack.extend(reversed(kids or []))
            continue
        pages += 1
        if pages > limit:
            return True
    return False


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


def _page_streams(
    page: PageObject, seen: set[int], deadline: Deadline
) -> tuple[list[StreamObject], list[StreamObject]]:
    """The page's content streams with every form it draws (at any depth), and its fonts'.

    Each stream once per document (`seen`), as a reader with a cache decodes it once.
    """
    contents: list[StreamObject] = []
    fonts: list[StreamObject] = []
    raw = page.get("/Contents")
    raw = raw.get_object() if raw is not None else None
    for item in raw if isinstance(raw, ArrayObject) else [raw]:
        item = item.get_object() if item is not None else None
        if isinstance(item, StreamObject):
            contents.append(item)
    pending = [page.get("/Resources")]
    while pending:
        deadline.check()
        resources = pending.pop()
        resources = resources.get_object() if resources is not None else None
        if not isinstance(resources, DictionaryObject):
            continue
        for font in _values(resources.get("/Font")):
            fonts += _font_streams(font, seen)
        for xobject in _values(resources.get("/XObject")):
            if not isinstance(xobject, StreamObject) or xobject.get("/Subtype") != "/Form":
                continue
            if _first_time(xobject, seen):
                contents.append(xobject)
                pending.append(xobject.get("/Resources"))
    return contents, fonts


def _values(dictionary: object) -> list[object]:
    dictionary = dictionary.get_object() if dictionary is not None else None
    if not isinstance(dictionary, DictionaryObject):
        return []
    return [value.get_object() for value in dictionary.values()]


def _first_time(stream: object, seen: set[int]) -> bool:
    reference = getattr(stream, "indirect_reference", None)
    key = id(stream) if reference is None else hash((reference.idnum, reference.generation))
    if key in seen:
        return False
    seen.add(key)
    return True


def _font_streams(font: object, seen: set[int]) -> list[StreamObject]:
    """A font's character map and embedded font program (of a composite font's parts too)."""
    if not isinstance(font, DictionaryObject):
        return []
    found: list[StreamObject] = []
    fonts = [font, *(_array(font.get("/DescendantFonts")))]
    for part in fonts:
        if not isinstance(part, DictionaryObject):
            continue
        candidates = [part.get("/ToUnicode")]
        descriptor = part.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else None
        if isinstance(descriptor, DictionaryObject):
            candidates += [descriptor.get(key) for key in ("/FontFile", "/FontFile2", "/FontFile3")]
        for candidate in candidates:
            stream = candidate.get_object() if candidate is not None else None
            if isinstance(stream, StreamObject) and _first_time(stream, seen):
                found.append(stream)
    return found


def _array(value: object) -> list[object]:
    value = value.get_object() if value is not None else None
    return [item.get_object() for item in value] if isinstance(value, ArrayObject) else []


def _deadline_visitor(deadline: Deadline) -> Callable[..., None]:
    calls = 0

    def visit(operator, operands, matrix, text_matrix) -> None:
        nonlocal calls
        calls += 1
        if calls % OPERATORS_PER_CHECK == 0:
            deadline.check()

    return visit
