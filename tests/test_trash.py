"""Deletes are reversible: the trash lists them and a coordinator restores them."""

from tracker.models import AuditEvent, FollowUp, Project
from tracker.models.enums import Role


def test_delete_project_and_report_then_restore_from_the_trash(app, make, db):
    coordinator = make.user(Role.COORDINATOR)
    project = make.project(name="Proyecto borrado")
    report = make.report()
    followup = make.followup(title="Seguimiento borrado")
    client = app.test_client()
    client.login(coordinator)
    assert (
        client.submit(f"/proyectos/{project.id}/eliminar", {"reason": "duplicado"}).status_code
        == 302
    )
    assert client.submit(f"/informes/{report.id}/eliminar").status_code == 302
    assert client.submit(f"/seguimientos/{followup.id}/eliminar").status_code == 302
    assert "Proyecto borrado" not in client.get("/proyectos/").get_data(as_text=True)
    trash = client.get("/papelera/").get_data(as_text=True)
    assert "Proyecto borrado" in trash and "Seguimiento borrado" in trash
    assert report.person.name in trash

    for kind, record_id in [
        ("proyectos", project.id),
        ("informes", report.id),
        ("seguimientos", followup.id),
    ]:
        assert client.submit(f"/papelera/{kind}/{record_id}/restaurar").status_code == 302
    assert "Proyecto borrado" in client.get("/proyectos/").get_data(as_text=True)
    assert db.session.get(Project, project.id).deleted_at is None
    assert db.session.get(FollowUp, followup.id).deleted_at is None
    actions = db.session.scalars(
        db.select(AuditEvent.action).filter_by(entity_type="projects", entity_id=project.id)
    ).all()
    assert actions[-2:] == ["deleted", "restored"]


def test_members_cannot_see_the_trash(app, make):
    client = app.test_client()
    client.login(make.user(Role.MEMBER))
    assert client.get("/papelera/").status_code == 403
