"""Text out of an uploaded file: .txt, .docx or .pdf, checked by content, not only by name.

The type is decided by the file's first bytes (a .docx is a zip holding word/document.xml, a PDF
starts with %PDF), so a renamed image or a spreadsheet is refused with a clear message instead of
being read as gibberish. Every failure is an ImportFormatError with a Spanish message.

Reading is bounded (see limits.py): a .docx is checked by archive.check_archive before
python-docx loads it, a PDF is read within its bounds by pdf_text, the text handed on is at most
`max_text_chars`, and a Deadline is checked inside the extraction loops.
"""

import io
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import PurePath

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from tracker.importers.archive import check_archive
from tracker.importers.errors import ImportFormatError
from tracker.importers.limits import DEFAULT_LIMITS, Deadline, ImportLimits, text_too_long
from tracker.importers.pdf_text import PDF_BROKEN, PDF_LOCKED, PDF_NO_TEXT, pdf_text

__all__ = ["PDF_BROKEN", "PDF_LOCKED", "PDF_NO_TEXT", "extract_text"]

ALLOWED_EXTENSIONS = (".txt", ".docx", ".pdf")

EMPTY = "El archivo está vacío."
DOCX_BROKEN = "El archivo .docx está dañado o no es un documento de Word."
DOCX_NO_TEXT = "El documento de Word no contiene texto."
NOT_TEXT = "El archivo no es un documento de texto legible. Use .txt, .docx o .pdf."

# First bytes of files people upload by mistake, and what to tell them.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "El archivo es una imagen (PNG), no un documento. Use .txt, .docx o .pdf."),
    (b"\xff\xd8\xff", "El archivo es una imagen (JPEG), no un documento. Use .txt, .docx o .pdf."),
    (b"GIF8", "El archivo es una imagen (GIF), no un documento. Use .txt, .docx o .pdf."),
    (b"II*\x00", "El archivo es una imagen (TIFF), no un documento. Use .txt, .docx o .pdf."),
    (b"MM\x00*", "El archivo es una imagen (TIFF), no un documento. Use .txt, .docx o .pdf."),
    (
        b"\xd0\xcf\x11\xe0",
        "Los documentos de Word 97-2003 (.doc) no se admiten: guárdelo como .docx.",
    ),
    (b"{\\rtf", "Los documentos RTF no se admiten: guárdelo como .docx o .txt."),
)

_W_P, _W_TBL, _W_SDT, _W_SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_W_TR, _W_TC, _W_T, _W_TAB = qn("w:tr"), qn("w:tc"), qn("w:t"), qn("w:tab")
_W_BR, _W_CR, _W_HYPERLINK = qn("w:br"), qn("w:cr"), qn("w:hyperlink")
_W_PPR, _W_RPR, _W_NUMPR, _W_PSTYLE = qn("w:pPr"), qn("w:rPr"), qn("w:numPr"), qn("w:pStyle")
_W_NUMID = qn("w:numId")
_W_TCPR, _W_VMERGE, _W_VAL = qn("w:tcPr"), qn("w:vMerge"), qn("w:val")
_W_DEL, _W_MOVE_FROM, _R_ID = qn("w:del"), qn("w:moveFrom"), qn("r:id")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Deleted text, and the second copy of a text box that Word keeps for old readers.
_SKIPPED = {_W_PPR, _W_RPR, _W_DEL, _W_MOVE_FROM, _MC_FALLBACK}
_BULLET_CHARS = "·•‣∙◦▪●○■-–—*"


def extract_text(
    data: bytes,
    filename: str,
    limits: ImportLimits = DEFAULT_LIMITS,
    deadline: Deadline | None = None,
) -> str:
    """The text of an uploaded .txt, .docx or .pdf file; raises ImportFormatError."""
    deadline = deadline or Deadline(limits.parse_seconds)
    extension = PurePath(filename).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        shown = extension or "sin extensión"
        raise ImportFormatError(f"Tipo de archivo no admitido: {shown}. Use .txt, .docx o .pdf.")
    if not data.strip():
        raise ImportFormatError(EMPTY)
    for signature, message in _SIGNATURES:
        if data.startswith(signature):
            raise ImportFormatError(message)
    if b"%PDF-" in data[:1024]:
        text = pdf_text(data, limits, deadline)
    elif data.startswith(b"PK\x03\x04"):
        text = _docx_text(data, extension, limits, deadline)
    elif extension == ".docx":
        raise ImportFormatError(DOCX_BROKEN)
    elif extension == ".pdf":
        raise ImportFormatError(PDF_BROKEN)
    else:
        # Decoding never makes fewer characters than bytes / 4 (UTF-8), so refuse before it.
        if len(data) > 4 * limits.max_text_chars:
            raise text_too_long(limits)
        text = _plain_text(data)
    if len(text) > limits.max_text_chars:
        raise text_too_long(limits)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ImportFormatError(EMPTY)
    return text


# --- plain text ----------------------------------------------------------------------------


def _plain_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252, else Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ImportFormatError(NOT_TEXT) from error
    if b"\x00" in data:
        raise ImportFormatError(NOT_TEXT)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("latin-1")
    if _looks_binary(text):
        raise ImportFormatError(NOT_TEXT)
    return text


def _looks_binary(text: str) -> bool:
    """Many control characters mean a binary file with a .txt name."""
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f"
    )
    return controls > max(8, len(text) // 100)


# --- Word ----------------------------------------------------------------------------------


def _docx_text(data: bytes, extension: str, limits: ImportLimits, deadline: Deadline) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                # Some other zip (a spreadsheet, an archive): only a .docx name makes it "damaged".
                raise ImportFormatError(DOCX_BROKEN if extension == ".docx" else NOT_TEXT)
            check_archive(archive, limits, deadline)
        document = Document(io.BytesIO(data))
        lines = list(_block_lines(document.element.body, document, deadline))
    except ImportFormatError:
        raise
    except Exception as error:
        raise ImportFormatError(DOCX_BROKEN) from error
    text = "\n".join(lines)
    if not text.strip():
        raise ImportFormatError(DOCX_NO_TEXT)
    return text


def _block_lines(
    container: BaseOxmlElement, document: DocxDocument, deadline: Deadline
) -> Iterator[str]:
    """Paragraphs and tables in reading order (python-docx lists them separately)."""
    for child in container:
        deadline.check()
        if child.tag == _W_P:
            yield _paragraph_text(child, document)
        elif child.tag == _W_TBL:
            yield from _table_lines(child, document, deadline)
        elif child.tag == _W_SDT:
            # A content control (the grey "click here to write" boxes of a form).
            content = child.find(_W_SDT_CONTENT)
            if content is not None:
                yield from _block_lines(content, document, deadline)


def _rows(container: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    for child in container:
        if child.tag == _W_TR:
            yield child
        elif child.tag == _W_SDT:  # rows wrapped in a repeating-section content control
            content = child.find(_W_SDT_CONTENT)
            if content is not None:
                yield from _rows(content)


def _table_lines(
    table: BaseOxmlElement, document: DocxDocument, deadline: Deadline
) -> Iterator[str]:
    """One line per row, cells separated by a tab; merged cells appear once."""
    for row in _rows(table):
        cells = [_cell_text(cell, document, deadline) for cell in row if cell.tag == _W_TC]
        cells = [text for text in cells if text is not None]
        if len(cells) > 2:
            # In a wide row (a header row and its values) each cell must stay on one line,
            # or the values would no longer line up with their labels.
            cells = [" ".join(text.split()) for text in cells]
        yield "\t".join(cells)


def _cell_text(cell: BaseOxmlElement, document: DocxDocument, deadline: Deadline) -> str | None:
    """The cell's text; None for the continuation of a vertically merged cell."""
    properties = cell.find(_W_TCPR)
    merge = properties.find(_W_VMERGE) if properties is not None else None
    if merge is not None and merge.get(_W_VAL, "continue") == "continue":
        return None
    return "\n".join(_block_lines(cell, document, deadline))


def _paragraph_text(paragraph: BaseOxmlElement, document: DocxDocument) -> str:
    parts: list[str] = []
    _inline_text(paragraph, document, parts)
    text = "".join(parts)
    if _is_list_item(paragraph, document) and not text.lstrip().startswith(tuple(_BULLET_CHARS)):
        # Word draws list bullets itself; without one the parser could not tell the items apart.
        text = f"• {text}"
    return text


def _inline_text(element: BaseOxmlElement, document: DocxDocument, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == _W_T:
            parts.append(child.text or "")
        elif tag == _W_TAB:
            parts.append("\t")
        elif tag in (_W_BR, _W_CR):
            parts.append("\n")
        elif tag == _W_P:  # inside a text box
            _inline_text(child, document, parts)
            parts.append("\n")
        elif tag == _W_HYPERLINK:
            start = len(parts)
            _inline_text(child, document, parts)
            url = _hyperlink_url(child, document)
            if url and url not in "".join(parts[start:]):
                # Keep the address of a link whose visible text is not the address.
                parts.append(f" ({url})")
        elif tag not in _SKIPPED and isinstance(tag, str):
            _inline_text(child, document, parts)


def _hyperlink_url(link: BaseOxmlElement, document: DocxDocument) -> str | None:
    relationship_id = link.get(_R_ID)
    if not relationship_id:
        return None
    relationship = document.part.rels.get(relationship_id)
    if relationship is None or not relationship.is_external:
        return None
    return str(relationship.target_ref)


def _is_list_item(paragraph: BaseOxmlElement, document: DocxDocument) -> bool:
    properties = paragraph.find(_W_PPR)
    if properties is None:
        return False
    numbering = _numbering(properties)
    if numbering is not None:
        return numbering
    style = properties.find(_W_PSTYLE)
    if style is None:
        return False
    # Numbering can also come from the paragraph style ("List Bullet").
    definition = document.styles.element.get_by_id(style.get(_W_VAL))
    style_properties = definition.find(_W_PPR) if definition is not None else None
    return bool(style_properties is not None and _numbering(style_properties))


def _numbering(properties: BaseOxmlElement) -> bool | None:
    """True if numbered, False if numbering is switched off (numId 0), None if not said."""
    numbering = properties.find(_W_NUMPR)
    if numbering is None:
        return None
    number_id = numbering.find(_W_NUMID)
    return number_id is None or number_id.get(_W_VAL) != "0"
