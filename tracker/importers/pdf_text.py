"""Text out of a PDF, within the import bounds, in the shapes the form parser reads.

pypdf opens the file and checks the bounds first (pages, decoded bytes of every stream a reader
will decode: pdf_bounds.check_pages). The text is then read from the words' positions
(pdf_words on pdfminer, pdf_layout), which keeps a label | value table as label then value, reads
two columns one after the other and places the values of a fillable form; the running headers
and footers are removed (page_furniture). pypdf's own text is the fallback when pdfminer cannot
read the file, or when a font is too large to decode safely. Failures are ImportFormatErrors.
"""

import io

from pypdf import PdfReader

from tracker.importers.errors import ImportFormatError
from tracker.importers.limits import Deadline, ImportLimits
from tracker.importers.page_furniture import remove_furniture
from tracker.importers.pdf_bounds import bounded_pypdf, check_pages, page_texts
from tracker.importers.pdf_layout import page_lines
from tracker.importers.pdf_words import pdf_words

PDF_BROKEN = "El archivo .pdf está dañado o no es un PDF."
PDF_NO_TEXT = "El PDF no tiene capa de texto (¿es un escaneo?)."
PDF_LOCKED = "El PDF está protegido con contraseña."


def pdf_text(data: bytes, limits: ImportLimits, deadline: Deadline) -> str:
    """The PDF's text; raises ImportFormatError (damaged, locked, no text, past a bound)."""
    # pypdf raises many exception types on damaged files; to the user they all mean "damaged".
    try:
        with bounded_pypdf(limits):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _unlock(reader):
                raise ImportFormatError(PDF_LOCKED)
            fonts_safe = check_pages(reader, limits, deadline)
            pages = _layout_pages(data, deadline) if fonts_safe else None
            if pages is None or not any(line.strip() for page in pages for line in page):
                pages = [text.split("\n") for text in page_texts(reader, limits, deadline)]
    except ImportFormatError:
        raise
    except Exception as error:
        raise ImportFormatError(PDF_BROKEN) from error
    text = "\n".join("\n".join(page) for page in remove_furniture(pages))
    if not text.strip():
        raise ImportFormatError(PDF_NO_TEXT)
    return text


def _layout_pages(data: bytes, deadline: Deadline) -> list[list[str]] | None:
    """Each page's lines from its words' positions; None if pdfminer cannot read the file."""
    try:
        return [page_lines(page) for page in pdf_words(data, deadline)]
    except ImportFormatError:
        raise
    except Exception:
        # pdfminer is stricter than pypdf with some damaged files: pypdf's text is still a text.
        return None


def _unlock(reader: PdfReader) -> bool:
    """Many PDFs are "encrypted" with an empty password only to forbid editing."""
    try:
        return bool(reader.decrypt(""))
    except Exception:
        return False
