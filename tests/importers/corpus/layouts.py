"""Every layout of the corpus by name: a function of (Form, Random) to the file's bytes."""

from random import Random

from tests.importers.corpus.forms import Form
from tests.importers.corpus.layouts_docx import DOCX_LAYOUTS
from tests.importers.corpus.layouts_pdf import PDF_LAYOUTS
from tests.importers.corpus.layouts_pdf_form import pdf_form
from tests.importers.corpus.layouts_text import TEXT_LAYOUTS

LAYOUTS = {**TEXT_LAYOUTS, **DOCX_LAYOUTS, **PDF_LAYOUTS, "pdf_form": pdf_form}
EXTENSIONS = {"txt": ".txt", "docx": ".docx", "pdf": ".pdf"}


def render(layout: str, form: Form, rng: Random) -> tuple[bytes, str]:
    """The form laid out as `layout`, and the file extension it gets."""
    return LAYOUTS[layout](form, rng), EXTENSIONS[layout.split("_")[0]]
