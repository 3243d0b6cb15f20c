"""Whatever text comes in, the parsers answer or say why, and never crash."""

import contextlib
import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.importers import (
    ImportFormatError,
    extract_text,
    parse_date,
    parse_date_range,
    parse_document,
    parse_duration,
    parse_participation_report,
    parse_project_sheet,
)
from tracker.importers._lists import split_flattened
from tracker.importers.deadlines import read_commitment
from tracker.importers.spanish_dates import parse_month

# Pieces of real forms, so that random texts reach deep into the parsers, not only the surface.
FRAGMENTS = [
    "Nombre", "Cargo", "Fecha de la actividad", "Nombre de la Actividad", "Tipo de Actividad",
    "Compromisos adquiridos por el INAMU:", "Acciones de seguimiento:", "Lecciones aprendidas:",
    "Observaciones para la/el próxima/o representante:", "Comentarios adicionales:",
    "Nombre Proyecto", "Duración (en meses)", "Objetivos", "General:", "Específicos:",
    "Resultados", "Instituciones Involucradas", "México:", "Chile:", "Otras Instituciones:",
    "País/ciudad", "Objetivo 5:", "ODS 17", "Información actualizada el ",
    "29 al 31 - marzo - 2021", "del 5 al 7 de junio de 2022", "30 de diciembre al 2 de enero de",
    "12 meses, desde noviembre de 2023", "hasta agosto de", "en ejecución", "finalizado",
    "1. ", "2. ", "· ", "• ", "- ", "* ", "1) ", "<p>", "</p>", "<br>", "&amp;", "\t", "\n",
    "\n\n", ": ", " y ", ", ", "(INMUJERES)", "Embajada de ", "ONU Mujeres -México",
    "https://example.org/x).", "2021", "31", "febrero", "setiembre", "-", "N/A", "9999", "0",
]  # fmt: skip
form_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map(
    "".join
)
any_text = st.one_of(st.text(), form_like)
SETTINGS = settings(max_examples=200, deadline=None)


@SETTINGS
@given(any_text)
def test_parse_date_never_raises(text: str) -> None:
    assert parse_date(text) is None or isinstance(parse_date(text), date)


@SETTINGS
@given(any_text)
def test_parse_date_range_never_raises_and_is_ordered(text: str) -> None:
    found = parse_date_range(text)
    assert found is None or found[0] <= found[1]


@SETTINGS
@given(any_text)
def test_parse_duration_never_raises(text: str) -> None:
    duration = parse_duration(text)
    if duration is not None:
        assert duration.months is None or 1 <= duration.months <= 1200
        if duration.start and duration.end:
            assert duration.start <= duration.end


@SETTINGS
@given(any_text)
def test_parse_month_is_a_whole_month_or_nothing(text: str) -> None:
    found = parse_month(text)
    if found is not None:
        first, last = found
        assert first.day == 1 and first.month == last.month and last.day >= 28


@SETTINGS
@given(any_text, st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_read_commitment_never_raises_and_keeps_its_words(text: str, end: date) -> None:
    item = read_commitment(text, end)
    assert item.due_date is None or isinstance(item.due_date, date)
    assert item.text in " ".join(text.split())
    json.dumps(item.to_json())


@SETTINGS
@given(any_text)
def test_list_splitting_keeps_every_word(text: str) -> None:
    # Splitting a flattened list moves nothing and invents nothing: only bullets disappear.
    for piece in split_flattened(text, min_words=1):
        assert " ".join(piece.split()) in " ".join(text.split())


@SETTINGS
@given(any_text)
def test_parse_participation_report_never_raises(text: str) -> None:
    json.dumps(parse_participation_report(text).to_json())


@SETTINGS
@given(any_text)
def test_parse_project_sheet_never_raises(text: str) -> None:
    json.dumps(parse_project_sheet(text).to_json())


@SETTINGS
@given(any_text)
def test_parse_document_raises_only_import_format_error(text: str) -> None:
    try:
        json.dumps(parse_document(text).to_json())
    except ImportFormatError as error:
        assert error.message.startswith("No se reconoce el formulario")


@SETTINGS
@given(
    st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=300).map(lambda data: b"%PDF-1.4\n" + data),
        st.binary(max_size=300).map(lambda data: b"PK\x03\x04" + data),
    ),
    st.sampled_from(["a.txt", "a.docx", "a.pdf", "a.png", "a"]),
)
def test_extract_text_raises_only_import_format_error(data: bytes, filename: str) -> None:
    # Anything else than text or ImportFormatError fails the test.
    with contextlib.suppress(ImportFormatError):
        assert extract_text(data, filename).strip()
