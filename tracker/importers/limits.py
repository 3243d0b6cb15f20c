"""Bounds on reading one uploaded file, so that a small upload cannot cost a lot to read.

The upload limit counts compressed bytes: a 280 kB .docx can inflate to 80 MB of XML and a
16 kB PDF to two 5 MB content streams. Each bound below is checked before (or while) the
expensive step runs, and each refusal is an ImportFormatError with a sentence for the user.

`ImportLimits` holds the numbers (the app fills it from its IMPORT_* settings) and `Deadline`
is the cooperative wall-clock bound: it is checked inside the extraction loops (every zip chunk,
every few thousand XML elements, every Word block, every PDF page, every thousand operators
of pypdf's reader and every 500 operands or operators of the word-position reader) and once
more before the form parser runs. A step between two checks is itself bounded by the size
limits, so the overshoot is short: at worst one PDF page's content parse (at most
`max_pdf_content_bytes`) or the form parser on at most `max_text_chars`.
"""

import time
from dataclasses import dataclass

from flask_babel import gettext as _

from tracker.importers.errors import ImportFormatError

MB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    #: A .docx's members together, once inflated.
    max_uncompressed_bytes: int = 30 * MB
    #: Any one member of a .docx, once inflated.
    max_member_bytes: int = 10 * MB
    #: Members in a .docx (a real one has 10-30).
    max_members: int = 1000
    #: XML elements in all the XML parts of a .docx together.
    max_xml_elements: int = 300_000
    #: Pages of a PDF.
    max_pdf_pages: int = 300
    #: Decoded content streams (page contents and their forms) of a PDF together.
    max_pdf_content_bytes: int = 2 * MB
    #: Characters of extracted text handed to the form parser (the seed forms have ~5,000).
    max_text_chars: int = 300_000
    #: Wall-clock seconds for reading and parsing one upload (see Deadline).
    parse_seconds: float = 5.0


DEFAULT_LIMITS = ImportLimits()


def _size(size: int) -> str:
    """2 MB, 512 kB: the bound as a user reads it."""
    if size >= MB:
        return f"{size / MB:.3g} MB"
    return f"{size / 1024:.3g} kB"


def archive_too_large(limits: ImportLimits) -> ImportFormatError:
    return ImportFormatError(
        _(
            "El archivo .docx ocupa más de %(size)s una vez descomprimido: no parece un "
            "formulario. Quite las imágenes grandes o guárdelo como PDF.",
            size=_size(limits.max_uncompressed_bytes),
        )
    )


def member_too_large(limits: ImportLimits) -> ImportFormatError:
    return ImportFormatError(
        _(
            "Una parte del archivo .docx ocupa más de %(size)s una vez descomprimida: no "
            "parece un formulario.",
            size=_size(limits.max_member_bytes),
        )
    )


def too_many_members(limits: ImportLimits) -> ImportFormatError:
    return ImportFormatError(
        _(
            "El archivo .docx tiene más de %(count)d partes: no parece un formulario.",
            count=limits.max_members,
        )
    )


def too_many_elements(limits: ImportLimits) -> ImportFormatError:
    return ImportFormatError(
        _(
            "El documento de Word tiene más de %(count)d elementos: es demasiado complejo "
            "para ser un formulario.",
            count=limits.max_xml_elements,
        )
    )


def too_many_pages(limits: ImportLimits) -> ImportFormatError:
    return ImportFormatError(
        _(
            "El PDF tiene más de %(count)d páginas: no parece un formulario.",
            count=limits.max_pdf_pages,
        )
    )


def pdf_content_too_large(limits: ImportLimits) -> ImportFormatError:
    return ImportFormatError(
        _(
            "El contenido del PDF ocupa más de %(size)s una vez descomprimido: no parece "
            "un formulario.",
            size=_size(limits.max_pdf_content_bytes),
        )
    )


def text_too_long(limits: ImportLimits) -> ImportFormatError:
    return ImportFormatError(
        _(
            "El archivo tiene más de %(count)d caracteres de texto: es demasiado largo para "
            "ser un formulario.",
            count=limits.max_text_chars,
        )
    )


class Deadline:
    """A wall-clock bound checked cooperatively; `check()` refuses once it has passed.

    One deadline may cover several files (a web upload of many files shares one), so that a
    request's total reading time is bounded, not each file's.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._ends_at = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self._ends_at:
            raise ImportFormatError(
                _(
                    "Leer el archivo tomó más de %(seconds)s segundos y se detuvo: no parece "
                    "un formulario.",
                    seconds=f"{self.seconds:g}",
                )
            )
