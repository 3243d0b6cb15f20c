"""Upload bombs through the app: refused with a 400 and a sentence on /importar, an error line
from `tracker import`, quickly, and never kept as a pending upload."""

import io
import time

import pytest

from tests.importers import bombs
from tracker.models import Attachment
from tracker.models.enums import Role

BOMBS = [
    pytest.param(
        bombs.inflating_docx,
        "informe.docx",
        "Una parte del archivo .docx ocupa más de 10 MB una vez descomprimida",
        id="zip-bomb",
    ),
    pytest.param(
        bombs.many_elements_docx,
        "informe.docx",
        "El documento de Word tiene más de 300000 elementos",
        id="millions-of-elements",
    ),
    pytest.param(
        bombs.flate_bomb_pdf,
        "informe.pdf",
        "El contenido del PDF ocupa más de 2 MB una vez descomprimido",
        id="flate-streams",
    ),
    pytest.param(
        bombs.many_pages_pdf, "informe.pdf", "El PDF tiene más de 300 páginas", id="pages"
    ),
]
QUICK_SECONDS = 3


@pytest.fixture
def coordinator_client(app, make):
    client = app.test_client()
    client.login(make.user(Role.COORDINATOR))
    return client


def upload(client, *files):
    response = client.submit(
        "/importar",
        {"files": [(io.BytesIO(data), name) for data, name in files]},
        content_type="multipart/form-data",
    )
    # Werkzeug's test client spools a large body to a temporary file it never closes.
    response.request.environ["wsgi.input"].close()
    return response


def attachments(db) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Attachment))


@pytest.mark.parametrize(("build", "filename", "message"), BOMBS)
def test_the_upload_page_refuses_each_bomb_quickly(
    coordinator_client, db, build, filename, message
):
    data = build()
    started = time.perf_counter()
    response = upload(coordinator_client, (data, filename))
    assert time.perf_counter() - started < QUICK_SECONDS
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert filename in page and message in page
    assert attachments(db) == 0  # not kept, so no later page reads it again


@pytest.mark.parametrize(("build", "filename", "message"), BOMBS)
def test_the_import_command_refuses_each_bomb_quickly(
    runner, db, tmp_path, build, filename, message
):
    path = tmp_path / filename
    path.write_bytes(build())
    for arguments in (["--dry-run"], []):
        started = time.perf_counter()
        result = runner.invoke(args=["import", str(path), *arguments])
        assert time.perf_counter() - started < QUICK_SECONDS
        assert result.exit_code == 1
        assert f"{filename}: ERROR {message}" in result.output
        assert "files=1 failed=1" in result.output
    assert attachments(db) == 0


def test_a_bomb_does_not_stop_the_good_file_beside_it(coordinator_client, db):
    response = upload(
        coordinator_client,
        (bombs.flate_bomb_pdf(), "bomba.pdf"),
        (bombs.ordinary_docx(), "informe.docx"),
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "bomba.pdf" in page and "más de 2 MB" in page
    assert db.session.scalars(db.select(Attachment.filename)).all() == ["informe.docx"]


def test_one_upload_request_shares_one_deadline_among_its_files(
    coordinator_client, db, app, monkeypatch
):
    monkeypatch.setitem(app.config, "IMPORT_PARSE_SECONDS", 0.5)
    slow = bombs.slow_pdf()
    started = time.perf_counter()
    response = upload(coordinator_client, *[(slow, f"lento{n}.pdf") for n in range(4)])
    # Four files at 0.5 s each would be 2 s or more; they share the request's 0.5 s.
    assert time.perf_counter() - started < 1.8
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert page.count("Leer el archivo tomó más de 0.5 segundos y se detuvo") == 4
    assert attachments(db) == 0
