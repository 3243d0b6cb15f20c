"""Text out of a PDF, within the import bounds, in the shapes the form parser reads.

Messages for the user on failure are ImportFormatErrors. pypdf opens the file first and checks
the bounds (pages, decoded content bytes: pdf_bounds); the text is then read from it.
"""

import io

from pypdf import PdfReader

from tracker.importers.errors import ImportFormatError
from tracker.importers.limits import Deadline, ImportLimits
from tracker.importers.pdf_bounds import bounded_pypdf, page_texts

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
            pages = page_texts(reader, limits, deadline)
    except ImportFormatError:
        raise
    except Exception as error:
        raise ImportFormatError(PDF_BROKEN) from error
    text = "\n".join(pages)
    if not text.strip():
        raise ImportFormatError(PDF_NO_TEXT)
    return text


def _unlock(reader: PdfReader) -> bool:
    """Many PDFs are "encrypted" with an empty password only to forbid editing."""
    try:
        return bool(reader.decrypt(""))
    except Exception:
        return False
