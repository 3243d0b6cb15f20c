"""The importer on the generated corpus (tests/importers/corpus): no crash, a clear refusal for
files without text, and a floor under the share of fields read right per layout family.

The floors are the scores measured when they were set (bench/import_score.py prints the same
numbers): a change that reads fewer fields fails here. Raise them when the parser improves.
"""

import io

import pytest
from docx import Document

from tests.importers.builders import blank_pdf
from tests.importers.corpus import build_corpus
from tests.importers.corpus.scoring import score
from tracker.importers import ImportFormatError, extract_text, parse_document
from tracker.importers.text import DOCX_NO_TEXT, EMPTY, PDF_NO_TEXT

#: % of fields right per layout family on the default corpus (seed 12, 300 documents),
#: measured at 100.0 (txt), 100.0 (docx) and 98.8 (pdf) when set (2026-12-02).
FLOORS = {"txt": 99.5, "docx": 99.5, "pdf": 98.0}


@pytest.fixture(scope="module")
def results() -> list[tuple[object, dict | None, str | None]]:
    """Every case of the default corpus with its parse result, or why it was refused."""
    outcomes = []
    for case in build_corpus():
        try:
            got, refusal = parse_document(extract_text(case.data, case.name)).to_json(), None
        except ImportFormatError as error:
            got, refusal = None, error.message
        outcomes.append((case, got, refusal))
    return outcomes


def test_no_document_of_the_corpus_crashes_the_importer(results) -> None:
    # Reaching here means no exception other than ImportFormatError escaped; every parse result
    # also carries the fields of its form and a "warnings" list.
    for case, got, _ in results:
        if got is not None:
            assert got["kind"] == case.kind, case.name
            assert isinstance(got.get("warnings", []), list), case.name


def test_refusals_are_spanish_sentences(results) -> None:
    for case, _, refusal in results:
        if refusal is not None:
            assert refusal.endswith(".") and " " in refusal, (case.name, refusal)


@pytest.mark.parametrize("family", sorted(FLOORS))
def test_fields_read_right_stay_above_the_floor(results, family: str) -> None:
    right = total = 0
    for case, got, _ in results:
        if case.family == family:
            result = score(case.expected, got)
            right, total = right + result.right, total + result.total
    assert total > 1000  # the family is really in the corpus
    assert 100 * right / total >= FLOORS[family], f"{family}: {100 * right / total:.1f}%"


def _empty_docx() -> bytes:
    document = Document()
    document.add_paragraph("   ")
    document.add_table(rows=2, cols=2)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        pytest.param(blank_pdf(), "ficha.pdf", PDF_NO_TEXT, id="pdf-drawing-only"),
        pytest.param(_empty_docx(), "informe.docx", DOCX_NO_TEXT, id="docx-empty-table"),
        pytest.param(b" \n\t\n ", "informe.txt", EMPTY, id="txt-whitespace"),
        pytest.param(b"", "informe.pdf", EMPTY, id="zero-bytes"),
    ],
)
def test_a_file_without_text_is_refused_with_a_clear_message(
    data: bytes, filename: str, message: str
) -> None:
    with pytest.raises(ImportFormatError) as refused:
        extract_text(data, filename)
    assert refused.value.message == message
