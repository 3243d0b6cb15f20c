"""Search everywhere, as a user searches: the header's results page grouped by kind, and the
follow-up list's `q`, over the database's full-text index kept current by the app's own saves."""

import re
from datetime import date

import pytest
from sqlalchemy import event, text

from tests.test_migrations import empty_database  # noqa: F401  (a database of its own)
from tracker.models.enums import Role


def _results(client, query: str) -> dict[str, list[str]]:
    """Result titles per group heading of the search page."""
    response = client.get("/buscar/", query_string={"q": query})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    groups = {}
    for section in re.findall(r'<section class="search-group".*?</section>', page, re.S):
        heading = re.search(r"<h2[^>]*>\s*([^<(]+?)\s*<", section).group(1)
        groups[heading] = re.findall(r"<li><a [^>]*>([^<]+)</a>", section)
    return groups


def _list_titles(client, query: str) -> list[str]:
    response = client.get("/seguimientos/", query_string={"q": query, "status": "all"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    return re.findall(r'<a [^>]*href="/seguimientos/\d+"[^>]*>([^<]+)</a>', page)


@pytest.fixture
def viewer_client(client, make):
    client.login(make.user(Role.VIEWER, name="Vera Lectora"))
    return client


def test_the_project_name_finds_its_follow_ups_in_the_list(viewer_client, make):
    project = make.project(name="MCIG Chile: gestión integrada de cuencas")
    for n in range(3):
        make.followup(title=f"Entregar informe trimestral {n}", project=project)
    make.followup(title="Enviar nota a la embajada")
    activity = make.activity(name="Foro regional de género")
    make.followup(title="Circular la minuta", activity=activity)

    assert sorted(_list_titles(viewer_client, "MCIG")) == [
        "Entregar informe trimestral 0",
        "Entregar informe trimestral 1",
        "Entregar informe trimestral 2",
    ]
    assert _list_titles(viewer_client, "genero") == ["Circular la minuta"]
    assert _list_titles(viewer_client, "embajada") == ["Enviar nota a la embajada"]


def test_every_kind_is_found_grouped_accents_and_plurals_folded(viewer_client, make):
    org = make.organization(name="Instituto Nacional de las Mujeres", acronym="INAMU")
    person = make.person(name="Marcela Guerrero Núñez", position="Coordinadora de cooperación")
    activity = make.activity(name="Conferencia sobre cooperación Sur-Sur", place="Bogotá")
    make.report(person=person, activity=activity, motive="Presentar la cooperación técnica")
    project = make.project(name="Cooperación triangular en agua", country="Chile")
    make.followup(title="Acción de cooperación pendiente", owner=person, organization=org)
    make.followup(title="Otro asunto", description="Sin relación")

    found = _results(viewer_client, "cooperacion")
    assert found == {
        "Seguimientos": ["Acción de cooperación pendiente"],
        "Proyectos": [project.name],
        "Actividades": [activity.name],
        "Informes": [f"{person.name} — {activity.name}"],
        "Personas": [person.name],
    }
    # Accented query, unaccented document; a plural finds the singular; a prefix while typing.
    assert _results(viewer_client, "NUÑEZ") == {
        "Informes": [f"{person.name} — {activity.name}"],
        "Personas": [person.name],
    }
    assert _results(viewer_client, "acciones")["Seguimientos"] == [
        "Acción de cooperación pendiente"
    ]
    assert _results(viewer_client, "inam") == {
        "Instituciones": ["Instituto Nacional de las Mujeres (INAMU)"]
    }
    assert _results(viewer_client, "bogota") == {"Actividades": [activity.name]}
    # Every word must match.
    assert _results(viewer_client, "cooperación agua") == {"Proyectos": [project.name]}


def test_comments_edits_deletes_and_restores_reach_the_index(client, make):
    coordinator = make.user(Role.COORDINATOR)
    client.login(coordinator)
    followup = make.followup(title="Revisar convenio", description="Borrador inicial")
    url = f"/seguimientos/{followup.id}"

    client.submit(f"{url}/comentar", {"text": "La contraparte pidió una prórroga"})
    assert _results(client, "prorroga") == {"Seguimientos": ["Revisar convenio"]}

    response = client.submit(
        f"{url}/editar",
        {
            "kind": "task",
            "title": "Firmar convenio marco",
            "description": "Versión final",
            "priority": "normal",
            "owner": str(followup.owner_id),
            "version": str(followup.version),
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert _results(client, "firmar") == {"Seguimientos": ["Firmar convenio marco"]}
    assert _results(client, "revisar") == {}
    assert _results(client, "borrador") == {}

    client.submit(f"{url}/eliminar", {"reason": "duplicado"})
    assert _results(client, "firmar") == {}
    assert _list_titles(client, "firmar") == []
    client.submit(f"{url}/restaurar", {})
    assert _results(client, "firmar") == {"Seguimientos": ["Firmar convenio marco"]}


def test_renaming_a_person_renames_their_reports_in_the_index(client, make, db):
    client.login(make.user(Role.COORDINATOR))
    person = make.person(name="Ana Solano")
    activity = make.activity(name="Cumbre Iberoamericana")
    make.report(person=person, activity=activity)
    response = client.submit(
        f"/personas/{person.id}/editar", {"name": "Ana Villalobos", "language": "es"}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert _results(client, "villalobos") == {
        "Informes": ["Ana Villalobos — Cumbre Iberoamericana"],
        "Personas": ["Ana Villalobos"],
    }
    assert _results(client, "solano") == {}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unclosed',
        "'",
        "*",
        "a*",
        "NEAR(a b)",
        "title:x",
        "AND OR NOT",
        "-x ^y",
        "a & | ! b",
        "():*",
        "\\",
        "%_%",
        "x" * 10_000,
        "palabra " * 2_000,
        "😀 中文 ß",
        "de",
    ],
)
def test_any_query_is_answered_never_a_server_error(viewer_client, make, query):
    make.followup(title="Palabra clave")
    for url in ("/buscar/", "/seguimientos/", "/seguimientos/exportar.csv", "/api/v1/followups"):
        response = viewer_client.get(url, query_string={"q": query})
        assert response.status_code < 500, (url, response.status_code)


def test_a_nul_character_is_refused_not_an_error(viewer_client):
    assert viewer_client.get("/buscar/", query_string={"q": "a\x00b"}).status_code == 400


def test_empty_query_shows_the_empty_state(viewer_client, make):
    make.followup(title="Algo")
    for query in ("", "   "):
        page = viewer_client.get("/buscar/", query_string={"q": query}).get_data(as_text=True)
        assert "Escriba una o más palabras" in page
    page = viewer_client.get("/buscar/", query_string={"q": "inexistente"}).get_data(as_text=True)
    assert "Nada coincide con «inexistente»" in page
    assert "search-group" not in page


def test_many_matches_are_capped_with_a_link_to_the_list(viewer_client, make, db):
    owner = make.person()
    for n in range(12):
        make.followup(title=f"Informe mensual {n}", owner=owner)
    page = viewer_client.get("/buscar/", query_string={"q": "mensual"}).get_data(as_text=True)
    assert page.count('href="/seguimientos/') >= 10
    assert "(12)" in page
    assert len(_results(viewer_client, "mensual")["Seguimientos"]) == 10
    assert "/seguimientos/?q=mensual" in page
    assert "/buscar/?q=mensual&amp;tipo=followup" in page
    everything = viewer_client.get("/buscar/?q=mensual&tipo=followup").get_data(as_text=True)
    assert sorted(re.findall(r">(Informe mensual \d+)<", everything)) == sorted(
        f"Informe mensual {n}" for n in range(12)
    )


def _statements(app, db, client, url) -> int:
    statements = []

    def count(*args):
        statements.append(args[2])

    client.get(url)
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_statements_per_search_do_not_grow_with_the_matches(app, make, db, client):
    client.login(make.user(Role.VIEWER))
    counts = []
    for size in (3, 30):
        project = make.project(name=f"Agua potable {size}")
        activity = make.activity(name=f"Taller de agua {size}")
        for n in range(size):
            make.followup(title=f"Agua {size}-{n}", project=project, activity=activity)
            make.person(name=f"Experta en agua {size}-{n}")
        counts.append(
            (
                _statements(app, db, client, "/buscar/?q=agua"),
                _statements(app, db, client, "/seguimientos/?q=agua&status=all"),
            )
        )
    assert counts[0] == counts[1]


def test_reindex_command_rebuilds_the_index(runner, make, db):
    make.project(name="Ficha de proyecto Costa Rica–Chile")
    make.followup(title="Hito de medio término")
    db.session.execute(text("DELETE FROM search_index"))
    db.session.commit()
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "followup=1" in result.output and "project=1" in result.output
    from tracker.search import search

    found = {g.kind: g.ids for g in search("medio termino") if g.ids}
    assert list(found) == ["followup"]


def test_saving_many_rows_at_once_keeps_them_all_searchable(client, make):
    """The report form saves its commitments in one request: each row is found afterwards."""
    author = make.user(Role.MEMBER)
    report = make.report(person=author.person, activity=make.activity(end_on=date(2026, 3, 3)))
    client.login(author)
    data = {"role": "Delegada", "observations": "", "new_kind": "agenda", "save": "Guardar"}
    for n in range(3):
        data |= {
            f"commitments-{n}-text": f"Compromiso de intercambio {n}",
            f"commitments-{n}-owner": str(author.person.id),
            f"commitments-{n}-organization": "",
            f"commitments-{n}-due_on": f"2027-03-{n + 1:02d}",
            f"commitments-{n}-priority": "normal",
            f"commitments-{n}-state": "open",
            f"commitments-{n}-completed_on": "",
            f"commitments-{n}-followup_id": "",
        }
    response = client.submit(f"/informes/{report.id}/editar", data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert sorted(_results(client, "intercambio")["Seguimientos"]) == [
        "Compromiso de intercambio 0",
        "Compromiso de intercambio 1",
        "Compromiso de intercambio 2",
    ]


def test_the_migration_indexes_the_records_already_there(empty_database):  # noqa: F811
    """Upgrading a database with data makes its records searchable without a reindex."""
    from flask_migrate import upgrade

    from config import Config
    from tracker import create_app
    from tracker.extensions import db as database
    from tracker.search import search

    class MigrationConfig(Config):
        SQLALCHEMY_DATABASE_URI = empty_database
        TRACKER_EMBEDDED_SCHEDULER = False

    app = create_app(MigrationConfig)
    with app.app_context():
        upgrade(revision="0007")
        with database.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO people (id, name, language, wants_due_soon, created_at) "
                    "VALUES (1, 'Ana Núñez', 'es', true, CURRENT_TIMESTAMP)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO projects (id, name, status, update_interval_months, created_at, "
                    "updated_at) VALUES (1, 'MCIG Chile', 'implementation', 6, "
                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO followups (id, kind, title, owner_id, project_id, "
                    "reschedule_count, is_due_estimated, is_muted, status, priority, created_at, "
                    "updated_at, version) VALUES (1, 'task', 'Enviar nota', 1, 1, 0, false, "
                    "false, 'open', 'normal', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO followup_events (followup_id, action, changes, comment, "
                    "created_at) VALUES (1, 'comment', '{}', 'Pidió una prórroga', "
                    "CURRENT_TIMESTAMP)"
                )
            )
        upgrade()

        def found(query):
            return {g.kind: g.ids for g in search(query) if g.ids}

        assert found("prorroga") == {"followup": [1]}
        assert found("mcig") == {"project": [1]}
        assert found("nunez") == {"person": [1]}
        database.session.remove()
        database.engine.dispose()


def test_a_project_found_by_name_leads_to_its_follow_ups(viewer_client, make):
    project = make.project(name="Mesa de cooperación (MCIG)")
    make.followup(title="Enviar el acta de la sesión", project=project)
    page = viewer_client.get("/buscar/?q=MCIG").get_data(as_text=True)
    # No follow-up says "MCIG" itself; the page says so and opens the list, where they are.
    assert "Ningún seguimiento dice «MCIG», pero sí el proyecto o la actividad de algunos" in page
    assert f"/seguimientos/?project={project.id}&amp;status=all" in page
    listed = viewer_client.get("/seguimientos/?q=MCIG&status=all").get_data(as_text=True)
    assert "Enviar el acta de la sesión" in listed


def test_a_record_committed_without_a_flush_is_found_at_once(viewer_client, db):
    from tracker.models import Person

    db.session.add(Person(name="Ximena Quirós", email="xq@example.org"))
    db.session.commit()  # the commit's own flush writes it: no later commit is needed
    page = viewer_client.get("/buscar/?q=quiros").get_data(as_text=True)
    assert "Ximena Quirós" in page
