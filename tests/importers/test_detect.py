import hashlib

import pytest

from tracker.importers import (
    ImportFormatError,
    ParsedProject,
    ParsedReport,
    detect_kind,
    extract_text,
    parse_document,
)

from .builders import project_docx, report_docx, text_pdf
from .conftest import SEEDS
from .expected import PROJECT, REPORT

#: sha256 of the two forms as the unit handed them in (the originals outside this repository):
#: the copies in tracker/demo_data/ are those bytes, untouched, on any machine.
ORIGINALS = {
    "informe-participacion-inamu-2021.txt": (
        "446efc4b4b6fbc72193f71849ea5910d274a323b2a729eee9ca6c0a49e6c0c8b"
    ),
    "ficha-proyecto-mcig-chile.txt": (
        "27a98048d6710037779f00da627ba7e6512b26a8102b1f9dc177bb4ee52387d7"
    ),
}


@pytest.mark.parametrize("name", sorted(ORIGINALS))
def test_the_seed_copies_are_the_original_forms(name: str) -> None:
    assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == ORIGINALS[name]


def test_seeds_are_recognised(report_text: str, project_text: str) -> None:
    assert detect_kind(report_text) == "participation_report"
    assert detect_kind(project_text) == "project_sheet"


def test_parse_document_picks_the_parser(report_text: str, project_text: str) -> None:
    report = parse_document(report_text)
    project = parse_document(project_text)
    assert isinstance(report, ParsedReport)
    assert isinstance(project, ParsedProject)
    assert report.to_json() == REPORT
    assert project.to_json() == PROJECT


@pytest.mark.parametrize(
    ("build", "filename", "expected"),
    [
        (report_docx, "informe.docx", REPORT),
        (text_pdf, "informe.pdf", REPORT),
    ],
)
def test_uploaded_report_end_to_end(report_text: str, build, filename: str, expected) -> None:
    assert parse_document(extract_text(build(report_text), filename)).to_json() == expected


@pytest.mark.parametrize(
    ("build", "filename"), [(project_docx, "ficha.docx"), (text_pdf, "ficha.pdf")]
)
def test_uploaded_sheet_end_to_end(project_text: str, build, filename: str) -> None:
    assert parse_document(extract_text(build(project_text), filename)).to_json() == PROJECT


def test_a_sheet_without_its_title_is_still_a_sheet(project_text: str) -> None:
    untitled = project_text.replace("**FICHA RESUMEN\nPROYECTOS BILATERALES**", "")
    assert detect_kind(untitled) == "project_sheet"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hola, adjunto el documento.",
        "Nombre: Ana",  # one label is not a form
        "Informe de participación",  # a title alone is not a form either
    ],
)
def test_other_texts_are_not_recognised(text: str) -> None:
    assert detect_kind(text) is None
    with pytest.raises(ImportFormatError) as raised:
        parse_document(text)
    assert str(raised.value) == (
        "No se reconoce el formulario: no parece un informe de participación ni una ficha de "
        "proyecto bilateral."
    )
