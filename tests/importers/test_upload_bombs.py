"""Reading a file is bounded: each bomb is refused quickly, with a sentence for the user.

The app-level tests (web upload, `tracker import`) are in tests/test_upload_bombs.py; these
check the extractor with its default bounds and a few tighter ones.
"""

import json
import time

import pytest

from tests.importers import bombs
from tests.importers.builders import project_docx, report_docx, text_pdf
from tracker.importers import (
    DEFAULT_LIMITS,
    ImportFormatError,
    ImportLimits,
    extract_text,
    from_stored,
    parse_document,
    to_stored,
)

#: A refusal costs at most this (the bombs would take 30 s to minutes without the bounds).
QUICK_SECONDS = 1.5


def refusal(data: bytes, filename: str, limits: ImportLimits = DEFAULT_LIMITS):
    started = time.perf_counter()
    with pytest.raises(ImportFormatError) as refused:
        extract_text(data, filename, limits)
    return refused.value.message, time.perf_counter() - started


@pytest.mark.parametrize(
    ("build", "filename", "message"),
    [
        (
            bombs.inflating_docx,
            "informe.docx",
            "Una parte del archivo .docx ocupa más de 10 MB una vez descomprimida",
        ),
        (
            bombs.many_members_docx,
            "informe.docx",
            "El archivo .docx ocupa más de 30 MB una vez descomprimido",
        ),
        (
            bombs.many_elements_docx,
            "informe.docx",
            "El documento de Word tiene más de 300000 elementos",
        ),
        (
            bombs.flate_bomb_pdf,
            "informe.pdf",
            "El contenido del PDF ocupa más de 2 MB una vez descomprimido",
        ),
        (bombs.many_pages_pdf, "informe.pdf", "El PDF tiene más de 300 páginas"),
    ],
)
def test_each_bomb_is_refused_quickly_with_a_message(build, filename, message):
    data = build()
    assert len(data) < 1024 * 1024  # small uploads, far under the 10 MB limit
    text, seconds = refusal(data, filename)
    assert message in text
    assert seconds < QUICK_SECONDS


def test_a_zip_whose_headers_understate_a_member_is_refused():
    # zipfile stops at the declared 1 kB and fails the CRC: the 40 MB are never inflated.
    text, seconds = refusal(bombs.lying_header_docx(), "informe.docx")
    assert text == "El archivo .docx está dañado o no es un documento de Word."
    assert seconds < QUICK_SECONDS


def test_a_pdf_that_understates_its_page_count_is_still_refused():
    text, seconds = refusal(bombs.many_pages_pdf(5000, declared_count=1), "informe.pdf")
    assert "El PDF tiene más de 300 páginas" in text
    # The page tree is walked only up to the limit, not flattened whole.
    assert seconds < QUICK_SECONDS


def test_a_slow_pdf_within_the_size_bounds_stops_at_the_deadline():
    limits = ImportLimits(parse_seconds=0.3)
    text, seconds = refusal(bombs.slow_pdf(), "informe.pdf", limits)
    assert "Leer el archivo tomó más de 0.3 segundos y se detuvo" in text
    # One page (100 kB of operators) may run past the deadline before the next check.
    assert seconds < 2


def test_the_deadline_also_bounds_reading_a_docx():
    text, _ = refusal(bombs.ordinary_docx(), "informe.docx", ImportLimits(parse_seconds=0))
    assert "Leer el archivo tomó más de 0 segundos" in text


def test_a_text_too_long_to_be_a_form_is_refused_before_it_is_decoded():
    text, seconds = refusal(b"Nombre: Ana\n" * 200_000, "informe.txt")
    assert "más de 300000 caracteres de texto" in text
    assert seconds < QUICK_SECONDS


def test_tighter_bounds_refuse_what_the_defaults_accept():
    assert "INFORME DE PARTICIPACIÓN" in extract_text(bombs.ordinary_pdf(), "informe.pdf")
    tight = ImportLimits(max_pdf_content_bytes=100, max_xml_elements=1000)
    assert "más de 0.0977 kB" in refusal(bombs.ordinary_pdf(), "informe.pdf", tight)[0]
    assert "más de 1000 elementos" in refusal(bombs.ordinary_docx(), "informe.docx", tight)[0]


@pytest.mark.parametrize(("build", "filename"), [(report_docx, "a.docx"), (text_pdf, "a.pdf")])
def test_the_seed_report_is_read_within_the_default_bounds(build, filename, report_text):
    started = time.perf_counter()
    text = extract_text(build(report_text), filename)
    assert "Marcela Guerrero Campos" in text
    assert time.perf_counter() - started < QUICK_SECONDS


@pytest.mark.parametrize(("build", "seed"), [(report_docx, "report"), (project_docx, "project")])
def test_a_parse_result_survives_json_storage(build, seed, report_text, project_text):
    text = report_text if seed == "report" else project_text
    parsed = parse_document(extract_text(build(text), "f.docx"))
    stored = json.loads(json.dumps(to_stored(parsed)))
    assert from_stored(stored) == parsed


def test_a_stored_result_that_no_longer_fits_is_a_value_error(report_text):
    stored = to_stored(parse_document(report_text))
    with pytest.raises(ValueError):
        from_stored({**stored, "version": 0})
    del stored["data"]["person"]
    with pytest.raises(ValueError):
        from_stored(stored)
