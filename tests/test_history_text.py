"""Every history reads as words: field names, enum labels, dates in the reader's format, Sí/No,
names — in Spanish and in English, for follow-ups, reports, projects, people and institutions."""

import re
from datetime import date

from flask import render_template_string
from flask_babel import refresh
from sqlalchemy import event

from tracker.models import AuditEvent, FollowUpEvent, Organization, Person
from tracker.models.enums import (
    FollowUpStatus,
    InstitutionRole,
    OrganizationKind,
    Priority,
    ProjectStatus,
    Role,
)
from tracker.operations import followups as followup_ops
from tracker.operations import projects as project_ops
from tracker.operations import reports as report_ops
from tracker.operations.records import create_record, update_record
from tracker.queries.history import history_of

#: What a stored history must never show a reader.
RAW = ["open", "in_progress", "True", "False", "counterpart", "pipeline", "implementation", "_on:"]


def history_text(html: str) -> str:
    """The page's history as a reader sees it: tags gone, white space collapsed."""
    start = html.index('<ol class="history">')
    block = html[start : html.index("</ol>", start)]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", block)).strip()


def assert_no_raw(text: str, *, except_for: tuple[str, ...] = ()) -> None:
    """No stored value shows through (`except_for`: words a label itself contains)."""
    raw = [word for word in RAW if word not in except_for]
    shown = [word for word in raw if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
    assert not shown, f"raw values in the history: {shown}\n{text}"


def page(client, url: str, language: str) -> str:
    client.get(f"/idioma/{language}")
    response = client.get(url)
    assert response.status_code == 200
    return history_text(response.get_data(as_text=True))


def rendered(app, events, language: str) -> str:
    """The shared history macro on `events`, as a reader of `language` gets it."""
    with app.test_request_context(headers={"Accept-Language": language}):
        refresh()  # the test's app context may hold the locale of an earlier render
        html = render_template_string(
            '{% from "macros.html" import history with context %}{{ history(events) }}',
            events=events,
        )
    return history_text(html)


def test_followup_history_reads_as_words(app, db, make):
    coordinator = make.user(Role.COORDINATOR, name="Marcela Guerrero")
    inamu = make.organization(name="Instituto Nacional de las Mujeres", acronym="INAMU")
    followup = make.followup(
        owner=make.person(name="Ana Solís"), due_on=date(2026, 6, 1), is_due_estimated=True
    )
    followup_ops.update_followup(followup, coordinator, priority=Priority.HIGH, organization=inamu)
    followup_ops.change_status(followup, coordinator, FollowUpStatus.IN_PROGRESS, date(2026, 5, 2))
    followup_ops.reschedule(followup, coordinator, date(2026, 7, 15), "La contraparte pidió más")
    db.session.commit()
    client = app.test_client()
    client.login(coordinator)

    spanish = page(client, f"/seguimientos/{followup.id}", "es")
    assert f"Creado · Sistema Título: {followup.title} Fecha límite: 1 jun 2026" in spanish
    assert "Editado · Marcela Guerrero" in spanish
    assert "Prioridad: Normal → Alta" in spanish
    assert "Institución responsable: — → Instituto Nacional de las Mujeres (INAMU)" in spanish
    assert "Cambio de estado · Marcela Guerrero Estado: Abierto → En curso" in spanish
    assert "Reprogramado · Marcela Guerrero" in spanish
    assert "Fecha límite: 1 jun 2026 → 15 jul 2026 Fecha estimada: Sí → No" in spanish
    assert "La contraparte pidió más" in spanish
    assert_no_raw(spanish)

    english = page(client, f"/seguimientos/{followup.id}", "en")
    assert "Edited · Marcela Guerrero Priority: Normal → High" in english
    assert "Responsible institution: — → Instituto Nacional de las Mujeres (INAMU)" in english
    assert "Status change · Marcela Guerrero Status: Open → In progress" in english
    assert "Rescheduled · Marcela Guerrero Due date: Jun 1, 2026 → Jul 15, 2026" in english
    assert "Estimated date:" in english
    assert_no_raw(english)


def test_report_history_reads_as_words(app, db, make):
    author = make.user(Role.MEMBER, name="Marcela Guerrero")
    coordinator = make.user(Role.COORDINATOR, name="Laura Coordinación")
    report = make.report(person=author.person)
    report_ops.submit_report(report, author, notify=False)
    report_ops.return_report(report, coordinator, "Faltan los compromisos")
    report_ops.submit_report(report, author, notify=False)
    report_ops.approve_report(report, coordinator)
    db.session.commit()
    client = app.test_client()
    client.login(coordinator)

    spanish = page(client, f"/informes/{report.id}", "es")
    assert "Creado · Sistema Participante: Marcela Guerrero" in spanish
    assert "Entregado · Marcela Guerrero Estado: Pendiente → Entregado" in spanish
    assert "Devuelto · Laura Coordinación Estado: Entregado → Devuelto" in spanish
    assert "Faltan los compromisos" in spanish
    assert "Entregado · Marcela Guerrero Estado: Devuelto → Entregado" in spanish
    assert "Aprobado · Laura Coordinación Estado: Entregado → Aprobado" in spanish
    assert "submitted" not in spanish and "approved" not in spanish

    english = page(client, f"/informes/{report.id}", "en")
    assert "Created · System Participant: Marcela Guerrero" in english
    assert "Returned · Laura Coordinación Status: Submitted → Returned" in english
    assert "Approved · Laura Coordinación Status: Submitted → Approved" in english
    assert "submitted" not in english and "returned" not in english


def test_project_history_reads_as_words(app, db, make):
    coordinator = make.user(Role.COORDINATOR, name="Marcela Guerrero")
    project = make.project(
        thematic_area="Desarrollo social",
        planned_start_on=date(2023, 11, 1),
        duration_months=12,
        status=ProjectStatus.PIPELINE,
    )
    inamu = make.organization(name="INAMU")
    project_ops.update_project(
        project,
        coordinator,
        sdgs=[5, 10],
        status=ProjectStatus.IMPLEMENTATION,
        planned_start_on=date(2023, 12, 1),
    )
    project_ops.set_institution(project, coordinator, inamu, InstitutionRole.COUNTERPART)
    project_ops.set_institution(project, coordinator, inamu, InstitutionRole.LEAD)
    project_ops.remove_institution(project, coordinator, inamu.id)
    db.session.commit()
    client = app.test_client()
    client.login(coordinator)

    spanish = page(client, f"/proyectos/{project.id}", "es")
    assert "Área temática: Desarrollo social" in spanish
    assert "Inicio previsto: 1 nov 2023 Duración (meses): 12 Estado: En formulación" in spanish
    assert "Estado: En formulación → En ejecución" in spanish
    assert "Inicio previsto: 1 nov 2023 → 1 dic 2023" in spanish
    assert "Fin previsto: 31 oct 2024 → 30 nov 2024" in spanish
    assert "ODS: — → 5. Igualdad de género, 10. Reducción de las desigualdades" in spanish
    assert "Institución: — → INAMU (Contraparte)" in spanish
    assert "Institución: INAMU (Contraparte) → INAMU (Líder)" in spanish
    assert "Institución: INAMU → —" in spanish
    assert_no_raw(spanish)
    assert "thematic_area" not in spanish and "(lead)" not in spanish

    english = page(client, f"/proyectos/{project.id}", "en")
    assert "Thematic area: Desarrollo social" in english
    assert "Status: Pipeline → In implementation" in english
    assert "Planned start: Nov 1, 2023 → Dec 1, 2023" in english
    assert "SDGs: — → 5. Gender equality, 10. Reduced inequalities" in english
    assert "Institution: INAMU (Counterpart) → INAMU (Lead)" in english
    assert_no_raw(english, except_for=("implementation",))  # "In implementation"


def test_person_history_reads_as_words(app, db, make):
    coordinator = make.user(Role.COORDINATOR, name="Marcela Guerrero")
    inamu = make.organization(name="Instituto Nacional de las Mujeres", acronym="INAMU")
    boss = make.person(name="Ana Solís")
    person = make.person(name="Carla Mora")
    update_record(
        person,
        coordinator,
        organization=inamu,
        supervisor=boss,
        position="Analista",
        language="en",
        wants_due_soon=False,
    )
    db.session.commit()

    spanish = rendered(app, history_of(person), "es")
    assert "Editado · Marcela Guerrero" in spanish
    assert "Institución: — → Instituto Nacional de las Mujeres (INAMU)" in spanish
    assert "Jefatura inmediata: — → Ana Solís" in spanish
    assert "Cargo: — → Analista" in spanish
    assert "Idioma: Español → English" in spanish
    assert "Avisos de vencimiento próximo: Sí → No" in spanish
    assert_no_raw(spanish)

    english = rendered(app, history_of(person), "en")
    assert "Edited · Marcela Guerrero" in english
    assert "Line manager: — → Ana Solís" in english
    assert "Language: Español → English" in english
    assert_no_raw(english)


def test_institution_history_reads_as_words(app, db, make):
    coordinator = make.user(Role.COORDINATOR, name="Marcela Guerrero")
    org = create_record(
        Organization, coordinator, name="INAMU", kind=OrganizationKind.GOVERNMENT, is_own=True
    )
    update_record(org, coordinator, kind=OrganizationKind.UN_AGENCY, is_own=False)
    db.session.commit()

    spanish = rendered(app, history_of(org), "es")
    # A first state reads as values, without arrows from nothing.
    assert (
        "Creado · Marcela Guerrero Nombre: INAMU Tipo: Gobierno Institución propia: Sí" in spanish
    )
    assert "Tipo: Gobierno → Agencia de la ONU Institución propia: Sí → No" in spanish
    assert_no_raw(spanish)

    english = rendered(app, history_of(org), "en")
    assert "Created · Marcela Guerrero Name: INAMU Type: Government" in english
    assert "Type: Government → UN agency" in english
    assert_no_raw(english)


def test_old_events_with_raw_values_ids_and_unknown_fields_still_read(app, db, make):
    coordinator = make.user(Role.COORDINATOR, name="Marcela Guerrero")
    owner = make.person(name="Ana Solís")
    followup = make.followup()
    followup.events.append(
        FollowUpEvent(
            actor=coordinator,
            action="bulk_moved",
            changes={
                "status": ["FollowUpStatus.OPEN", "blocked"],
                "owner_id": [None, str(owner.id)],
                "budget_total_amount": ["10", "20"],
                "completed_on": ["2026-01-31", "not a date"],
            },
        )
    )
    db.session.commit()
    client = app.test_client()
    client.login(coordinator)

    text = page(client, f"/seguimientos/{followup.id}", "es")
    assert "Bulk moved · Marcela Guerrero" in text
    assert "Estado: Abierto → Bloqueado" in text
    assert "Responsable: — → Ana Solís" in text
    assert "Budget total amount: 10 → 20" in text
    assert "Fecha de cumplimiento: 31 ene 2026 → not a date" in text
    assert "owner_id" not in text and "budget_total" not in text


def test_history_pages_read_the_same_statements_with_few_or_many_entries(app, db, make):
    """Names are resolved for the whole page at once, never per entry."""
    followup = make.followup()
    project = make.project()
    org = make.organization()
    viewer = make.user(Role.COORDINATOR)

    def add_entries(count: int) -> None:
        for _n in range(count):
            actor = make.user(Role.COORDINATOR)
            person = make.person()
            followup_ops.update_followup(followup, actor, owner=person, organization=org)
            followup.events.append(
                FollowUpEvent(
                    actor=actor, action="updated", changes={"owner_id": [None, str(person.id)]}
                )
            )
            db.session.add(
                AuditEvent(
                    entity_type="projects",
                    entity_id=project.id,
                    actor=actor,
                    action="updated",
                    changes={"lead_id": [None, str(person.id)], "sdgs": ["[]", "[5]"]},
                )
            )
        db.session.commit()

    def statements(url: str) -> int:
        client = app.test_client()
        client.login(viewer)
        client.get(url)
        seen: list[str] = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    urls = [f"/seguimientos/{followup.id}", f"/proyectos/{project.id}"]
    add_entries(2)
    few = {url: statements(url) for url in urls}
    add_entries(20)
    many = {url: statements(url) for url in urls}
    assert few == many


def test_an_edit_conflict_shows_the_other_change_in_words(app, db, make):
    coordinator = make.user(Role.COORDINATOR, name="Marcela Guerrero")
    owner = make.person(name="Ana Solís")
    followup = make.followup(owner=owner)
    followup_ops.update_followup(followup, coordinator, priority=Priority.HIGH)
    db.session.commit()
    client = app.test_client()
    client.login(coordinator)

    stale = client.submit(
        f"/seguimientos/{followup.id}/editar",
        {"kind": "task", "title": "Otro", "owner": owner.id, "priority": "low", "version": "1"},
    )
    assert stale.status_code == 409
    html = stale.get_data(as_text=True)
    card = html[html.index('class="card conflict"') :]
    card = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", card[: card.index("</div>")]))
    assert "Prioridad: Normal → Alta" in card and "high" not in card


def test_person_and_institution_pages_show_their_history(app, db, make):
    coordinator = make.user(Role.COORDINATOR, name="Marcela Guerrero")
    org = create_record(Organization, coordinator, name="INAMU", kind=OrganizationKind.GOVERNMENT)
    update_record(org, coordinator, kind=OrganizationKind.UN_AGENCY)
    person = create_record(Person, coordinator, name="Laura Núñez", email="laura@example.org")
    update_record(person, coordinator, position="Enlace técnico")
    db.session.commit()
    client = app.test_client()
    client.login(coordinator)

    institution = page(client, f"/instituciones/{org.id}", "es")
    assert "Tipo: Gobierno → Agencia de la ONU" in institution
    person_page = page(client, f"/personas/{person.id}", "es")
    assert "Cargo: — → Enlace técnico" in person_page
