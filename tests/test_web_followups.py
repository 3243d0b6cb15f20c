"""The follow-up screens, used as a person would: log in, create, move, reschedule, read history."""

from datetime import date

from tracker.models import FollowUp
from tracker.models.enums import FollowUpStatus, Role


def test_login_page_posts_email_and_password(client, make):
    user = make.user(Role.COORDINATOR)
    page = client.get("/login").get_data(as_text=True)
    assert 'name="email"' in page and 'name="password"' in page
    wrong = client.submit("/login", {"email": user.email, "password": "nope"})
    assert wrong.status_code == 401
    assert "Correo o contraseña incorrectos" in wrong.get_data(as_text=True)
    assert client.login(user).headers["Location"] == "/"


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/seguimientos/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_post_without_csrf_token_is_refused(client, make):
    user = make.user(Role.COORDINATOR)
    client.login(user)
    response = client.post("/seguimientos/nuevo", data={"title": "x"})
    assert response.status_code == 400
    assert db_count() == 0


def db_count() -> int:
    from tracker.extensions import db

    return db.session.scalar(db.select(db.func.count()).select_from(FollowUp))


def test_project_followup_round_trip(client, make, db):
    coordinator = make.user(Role.COORDINATOR)
    owner = make.person(name="Enlace MCIG")
    project = make.project(name="MCIG", planned_start_on=date(2023, 11, 1), duration_months=12)
    client.login(coordinator)

    page = client.get(f"/proyectos/{project.id}").get_data(as_text=True)
    assert "MCIG" in page and "Añadir seguimiento" in page

    created = client.submit(
        f"/seguimientos/nuevo?project={project.id}",
        {
            "kind": "task",
            "title": "Preparar informe de copresidencia",
            "owner": owner.id,
            "priority": "high",
            "due_on": "2026-12-15",
            "project": project.id,
        },
    )
    assert created.status_code == 302
    followup = db.session.scalars(db.select(FollowUp)).one()
    assert followup.project_id == project.id and followup.owner_id == owner.id
    url = f"/seguimientos/{followup.id}"

    assert client.submit(f"{url}/estado", {"status": "in_progress"}).status_code == 302
    moved = client.submit(
        f"{url}/reprogramar", {"due_on": "2027-01-20", "reason": "Se movió la reunión"}
    )
    assert moved.status_code == 302
    client.submit(f"{url}/comentar", {"text": "Borrador enviado a la embajada"})

    page = client.get(url).get_data(as_text=True)
    assert "En curso" in page
    # The history reads dates as people do, in the page's language.
    assert "Se movió la reunión" in page and "15 dic 2026" in page and "20 ene 2027" in page
    assert "Borrador enviado a la embajada" in page
    assert "reprogramado 1 vez" in page
    db.session.refresh(followup)
    assert followup.status == FollowUpStatus.IN_PROGRESS
    assert followup.original_due_on == date(2026, 12, 15)
    assert [e.action for e in followup.events] == ["created", "status", "rescheduled", "comment"]
    assert all(e.actor_id == coordinator.id for e in followup.events)

    listed = client.get(f"/proyectos/{project.id}").get_data(as_text=True)
    assert "Preparar informe de copresidencia" in listed


def test_list_filters_and_search(client, make, db):
    user = make.user(Role.VIEWER)
    ana, luis = make.person(name="Ana"), make.person(name="Luis")
    make.followup(owner=ana, title="Enviar carta a ONU Mujeres", due_on=date(2020, 1, 1))
    make.followup(owner=luis, title="Agenda de la misión", due_on=date(2099, 1, 1))
    client.login(user)

    def titles(query: str) -> str:
        return client.get(f"/seguimientos/?{query}").get_data(as_text=True)

    assert "Agenda de la misión" not in titles(f"owner={ana.id}")
    assert "Enviar carta" in titles(f"owner={ana.id}")
    assert "Agenda" in titles("q=agenda") and "Enviar carta" not in titles("q=agenda")
    overdue = titles("overdue=y")
    assert "Enviar carta" in overdue and "Agenda de la misión" not in overdue
    ranged = titles("due_from=2098-01-01&due_to=2100-01-01")
    assert "Agenda de la misión" in ranged and "Enviar carta" not in ranged


def test_list_paginates(client, make, app):
    user = make.user(Role.VIEWER)
    owner = make.person()
    for n in range(app.config["ITEMS_PER_PAGE"] + 3):
        make.followup(owner=owner, title=f"Tarea {n:03d}", due_on=date(2026, 1, 1))
    client.login(user)
    first = client.get("/seguimientos/").get_data(as_text=True)
    assert "Página 1 de 2" in first and "53 resultados" in first
    second = client.get("/seguimientos/?page=2").get_data(as_text=True)
    assert second.count("Tarea 0") == 3


def test_stale_edit_is_a_conflict_not_an_overwrite(client, make, db, app):
    coordinator = make.user(Role.COORDINATOR, name="Carla")
    owner = make.person()
    followup = make.followup(owner=owner, title="Original")
    client.login(coordinator)
    form = {"kind": "task", "owner": owner.id, "priority": "normal", "version": "1"}

    other = app.test_client()
    other.login(make.user(Role.COORDINATOR, name="Diego"))
    assert (
        other.submit(
            f"/seguimientos/{followup.id}/editar", {**form, "title": "De Diego"}
        ).status_code
        == 302
    )

    stale = client.submit(f"/seguimientos/{followup.id}/editar", {**form, "title": "De Carla"})
    assert stale.status_code == 409
    page = stale.get_data(as_text=True)
    assert "Diego" in page and "De Diego" in page
    db.session.refresh(followup)
    assert followup.title == "De Diego"


def test_delete_asks_first_then_hides_and_coordinator_restores(client, make, db):
    coordinator = make.user(Role.COORDINATOR)
    followup = make.followup(title="Borrar esto")
    client.login(coordinator)
    url = f"/seguimientos/{followup.id}"
    confirm = client.get(f"{url}/eliminar")
    assert confirm.status_code == 200 and "¿Eliminar" in confirm.get_data(as_text=True)
    assert client.submit(f"{url}/eliminar", {"reason": "duplicado"}).status_code == 302
    assert "Borrar esto" not in client.get("/seguimientos/").get_data(as_text=True)
    assert "está eliminado" in client.get(url).get_data(as_text=True)
    client.submit(f"{url}/restaurar")
    assert "Borrar esto" in client.get("/seguimientos/").get_data(as_text=True)


def test_status_select_starts_at_the_current_status(client, make, db):
    from tracker.operations.followups import change_status

    coordinator = make.user(Role.COORDINATOR)
    followup = make.followup()
    change_status(followup, coordinator, FollowUpStatus.BLOCKED, date(2026, 1, 5))
    db.session.commit()
    client.login(coordinator)
    page = client.get(f"/seguimientos/{followup.id}").get_data(as_text=True)
    select = page[page.index('name="status"') :].split("</select>")[0]
    assert 'selected value="blocked"' in select or 'value="blocked" selected' in select
    assert 'selected value="open"' not in select and 'value="open" selected' not in select
