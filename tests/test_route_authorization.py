"""Authorization from the URL map: every route of the app (web and API), for every role and an
anonymous visitor, against one table of expected outcomes. A route added without a decision in
ROUTES fails `test_every_route_has_a_decision`.

Outcomes: "ok" (2xx, or a redirect that is not to the login page), 403, or the visitor is sent
to log in (web: redirect to /login, or 400 when an anonymous POST has no CSRF token; API: 401).
"owner" is a member who owns the records (follow-up owner, report author, project lead).
"""

from datetime import date

import pytest

from tracker.models import (
    Attachment,
    Notification,
    NotificationStatus,
    ParticipationReport,
    SavedView,
    UserNotice,
)
from tracker.models.enums import FollowUpKind, InstitutionRole, ReportStatus, Role
from tracker.operations.notifications import issue_action_tokens
from tracker.operations.report_links import issue_report_link
from tracker.operations.tokens import issue_token

ROLES = ("anonymous", "viewer", "member", "owner", "coordinator", "admin")
LOGGED_IN = ROLES[1:]

EVERYONE = "everyone"  # anonymous too
READERS = LOGGED_IN
WRITERS = ("member", "owner", "coordinator", "admin")
OWNERS = ("owner", "coordinator", "admin")
COORDINATION = ("coordinator", "admin")
ADMIN = ("admin",)
TOKEN = "token"  # the secret in the URL is the credential: same answer whoever asks

# (endpoint, method) → (url, form or JSON body, who may)
ROUTES = {
    ("static", "GET"): ("/static/css/app.css", None, EVERYONE),
    ("auth.login", "GET"): ("/login", None, EVERYONE),
    ("auth.login", "POST"): ("/login", {"email": "x@example.org", "password": "x"}, "login-form"),
    ("auth.logout", "POST"): ("/logout", {}, READERS),
    ("auth.set_language", "GET"): ("/idioma/en", None, EVERYONE),
    ("auth.profile", "GET"): ("/perfil", None, READERS),
    ("auth.profile", "POST"): ("/perfil", {"language": "es", "wants_due_soon": "1"}, READERS),
    ("auth.change_password", "POST"): (
        "/perfil/contrasena",
        {
            "current_password": "correct-horse-battery",
            "new_password": "another-long-password",
            "confirm_password": "another-long-password",
        },
        READERS,
    ),
    ("home.index", "GET"): ("/", None, READERS),
    ("home.mine", "GET"): ("/mi-trabajo", None, READERS),
    ("home.unit", "GET"): ("/unidad", None, READERS),
    ("home.trends", "GET"): ("/tendencias", None, READERS),
    ("followups.index", "GET"): ("/seguimientos/", None, READERS),
    ("followups.export_csv", "GET"): ("/seguimientos/exportar.csv", None, READERS),
    ("followups.export_xlsx", "GET"): ("/seguimientos/exportar.xlsx", None, READERS),
    ("followups.show", "GET"): ("/seguimientos/{followup}", None, READERS),
    ("followups.new", "GET"): ("/seguimientos/nuevo", None, WRITERS),
    ("followups.new", "POST"): (
        "/seguimientos/nuevo",
        {"kind": "task", "title": "Nuevo", "owner": "{owner_person}", "priority": "normal"},
        WRITERS,
    ),
    ("followups.edit", "GET"): ("/seguimientos/{followup}/editar", None, OWNERS),
    ("followups.edit", "POST"): (
        "/seguimientos/{followup}/editar",
        {
            "kind": "task",
            "title": "Otro",
            "owner": "{owner_person}",
            "priority": "normal",
            "version": "1",
        },
        OWNERS,
    ),
    ("followups.change_status", "POST"): (
        "/seguimientos/{followup}/estado",
        {"status": "in_progress"},
        OWNERS,
    ),
    ("followups.reschedule", "POST"): (
        "/seguimientos/{followup}/reprogramar",
        {"due_on": "2027-02-01", "reason": "r"},
        OWNERS,
    ),
    ("followups.comment", "POST"): ("/seguimientos/{followup}/comentar", {"text": "c"}, OWNERS),
    ("followups.delete", "GET"): ("/seguimientos/{followup}/eliminar", None, OWNERS),
    ("followups.delete", "POST"): ("/seguimientos/{followup}/eliminar", {}, OWNERS),
    ("followups.restore", "POST"): ("/seguimientos/{followup}/restaurar", {}, COORDINATION),
    # Members may send a bulk change; the rows they may not change are refused one by one.
    ("followup_bulk.apply", "POST"): (
        "/seguimientos/lote",
        {"bulk-ids": "{followup}", "bulk-action": "status", "bulk-status": "in_progress"},
        WRITERS,
    ),
    ("activities.index", "GET"): ("/actividades/", None, READERS),
    ("activities.show", "GET"): ("/actividades/{activity}", None, READERS),
    ("activities.edit", "GET"): ("/actividades/{activity}/editar", None, COORDINATION),
    ("activities.edit", "POST"): (
        "/actividades/nueva",
        {
            "name": "A",
            "kind": "forum",
            "modality": "virtual",
            "start_on": "2026-01-01",
            "end_on": "2026-01-02",
        },
        COORDINATION,
    ),
    ("activities.add_participant_view", "POST"): (
        "/actividades/{activity}/participantes",
        {"person": "{other_person}"},
        COORDINATION,
    ),
    ("activities.delete", "GET"): ("/actividades/{activity}/eliminar", None, COORDINATION),
    ("activities.delete", "POST"): ("/actividades/{activity}/eliminar", {}, COORDINATION),
    ("reports.index", "GET"): ("/informes/", None, READERS),
    ("reports.show", "GET"): ("/informes/{report}", None, READERS),
    ("reports.printable", "GET"): ("/informes/{report}/imprimir", None, READERS),
    ("report_documents.docx", "GET"): ("/informes/{report}/documento.docx", None, READERS),
    ("report_documents.pdf", "GET"): ("/informes/{report}/documento.pdf", None, READERS),
    ("briefing.show", "GET"): ("/actividades/{activity}/briefing", None, READERS),
    ("notices.index", "GET"): ("/novedades/", None, READERS),
    ("notices.open_notice", "GET"): ("/novedades/{own_notice}", None, READERS),
    ("notices.mark_all", "POST"): ("/novedades/leidas", {}, READERS),
    ("notices.mark_one", "POST"): ("/novedades/{own_notice}/leida", {}, READERS),
    ("watchers.watch", "POST"): ("/seguimientos/{followup}/seguir", {}, READERS),
    ("watchers.unwatch", "POST"): ("/seguimientos/{followup}/dejar-de-seguir", {}, READERS),
    ("report_form.edit", "GET"): ("/informes/{report}/editar", None, OWNERS),
    ("report_form.edit", "POST"): ("/informes/{report}/editar", {"comments": "c"}, OWNERS),
    ("report_form.new", "GET"): ("/informes/nuevo", None, WRITERS),
    ("report_form.new", "POST"): ("/informes/nuevo", {"activity": "{activity}"}, WRITERS),
    ("report_form.write_mine", "POST"): ("/actividades/{activity}/mi-informe", {}, WRITERS),
    ("report_form.create_link", "POST"): ("/informes/{report}/enlace", {}, COORDINATION),
    ("report_form.revoke_link", "POST"): (
        "/informes/{report}/enlace/{report_link}/revocar",
        {},
        COORDINATION,
    ),
    # The private link's secret is the credential: it opens the report without an account.
    ("report_form.private", "GET"): ("/informe-privado/{report}/{report_link_secret}", None, TOKEN),
    ("report_form.private", "POST"): (
        "/informe-privado/{report}/{report_link_secret}",
        {"comments": "c", "save": "Guardar"},
        TOKEN,
    ),
    ("reports.submit", "POST"): ("/informes/{report}/entregar", {}, OWNERS),
    ("reports.approve", "POST"): ("/informes/{submitted_report}/aprobar", {}, COORDINATION),
    ("reports.send_back", "POST"): (
        "/informes/{submitted_report}/devolver",
        {"reason": "falta"},
        COORDINATION,
    ),
    ("reports.delete", "GET"): ("/informes/{report}/eliminar", None, COORDINATION),
    ("reports.delete", "POST"): ("/informes/{report}/eliminar", {}, COORDINATION),
    ("projects.index", "GET"): ("/proyectos/", None, READERS),
    ("projects.timeline", "GET"): ("/proyectos/cronograma", None, READERS),
    ("projects.show", "GET"): ("/proyectos/{project}", None, READERS),
    ("projects.edit", "GET"): ("/proyectos/{project}/editar", None, OWNERS),
    ("projects.edit", "POST"): (
        "/proyectos/nuevo",
        {"name": "P", "status": "pipeline", "update_interval_months": "6"},
        COORDINATION,
    ),
    ("projects.add_institution", "POST"): (
        "/proyectos/{project}/instituciones",
        {"organization": "{organization}", "role": "participant"},
        OWNERS,
    ),
    ("projects.remove_institution", "POST"): (
        "/proyectos/{project}/instituciones/{organization}/quitar",
        {},
        OWNERS,
    ),
    ("projects.delete", "GET"): ("/proyectos/{project}/eliminar", None, COORDINATION),
    ("projects.delete", "POST"): ("/proyectos/{project}/eliminar", {}, COORDINATION),
    ("projects.extend", "GET"): ("/proyectos/{project}/prorroga", None, OWNERS),
    ("projects.extend", "POST"): (
        "/proyectos/{project}/prorroga",
        {
            "new_end_on": "2030-01-31",
            "approved_on": "2025-06-01",
            "reason": "r",
            "approved_by": "c",
        },
        OWNERS,
    ),
    ("projects.undo_extension", "GET"): (
        "/proyectos/{project}/prorrogas/{extension}/deshacer",
        None,
        OWNERS,
    ),
    ("projects.undo_extension", "POST"): (
        "/proyectos/{project}/prorrogas/{extension}/deshacer",
        {},
        OWNERS,
    ),
    ("projects.set_outcome", "POST"): (
        "/proyectos/{project}/resultados/{result}/logro",
        {"outcome": "partly"},
        OWNERS,
    ),
    ("organizations.index", "GET"): ("/instituciones/", None, READERS),
    ("organizations.show", "GET"): ("/instituciones/{organization}", None, READERS),
    ("organizations.edit", "GET"): ("/instituciones/nueva", None, COORDINATION),
    ("organizations.edit", "POST"): (
        "/instituciones/nueva",
        {"name": "N", "kind": "other"},
        COORDINATION,
    ),
    ("organizations.delete", "GET"): ("/instituciones/{organization}/eliminar", None, COORDINATION),
    ("organizations.delete", "POST"): ("/instituciones/{organization}/eliminar", {}, COORDINATION),
    ("people.index", "GET"): ("/personas/", None, READERS),
    ("people.show", "GET"): ("/personas/{other_person}", None, READERS),
    ("people.edit", "GET"): ("/personas/{other_person}/editar", None, COORDINATION),
    ("people.edit", "POST"): ("/personas/nueva", {"name": "N", "language": "es"}, COORDINATION),
    ("people.delete", "GET"): ("/personas/{other_person}/eliminar", None, COORDINATION),
    ("people.delete", "POST"): ("/personas/{other_person}/eliminar", {}, COORDINATION),
    ("calendar.month", "GET"): ("/calendario/", None, READERS),
    ("calendar.feeds", "GET"): ("/calendario/enlaces", None, READERS),
    ("calendar.renew_feed", "POST"): ("/calendario/enlace", {}, READERS),
    ("calendar.revoke_feed", "POST"): ("/calendario/enlace/revocar", {}, READERS),
    ("calendar.feed", "GET"): ("/calendario/feed/{feed_secret}.ics", None, TOKEN),
    ("imports.index", "GET"): ("/importar", None, COORDINATION),
    ("imports.upload", "POST"): ("/importar", "upload", COORDINATION),
    ("imports.save", "POST"): ("/importar/{pending_upload}", "preview", COORDINATION),
    ("imports.discard", "POST"): ("/importar/{pending_upload}/descartar", {}, COORDINATION),
    ("imports.download", "GET"): ("/adjuntos/{attachment}", None, READERS),
    ("notifications.index", "GET"): ("/avisos/", None, READERS),
    ("notifications.resend", "POST"): ("/avisos/{failed_notice}/reenviar", {}, COORDINATION),
    ("notifications.action", "GET"): ("/avisos/accion/{action_secret}", None, TOKEN),
    ("notifications.action", "POST"): ("/avisos/accion/{action_secret}", {}, TOKEN),
    ("tokens.index", "GET"): ("/perfil/tokens/", None, READERS),
    ("tokens.create", "POST"): ("/perfil/tokens/", {"name": "Integración"}, READERS),
    ("tokens.revoke", "POST"): ("/perfil/tokens/{own_token}/revocar", {}, READERS),
    ("search.index", "GET"): ("/buscar/?q=acta", None, READERS),
    ("options.suggest", "GET"): ("/opciones/personas?q=ana", None, READERS),
    ("saved_views.index", "GET"): ("/seguimientos/vistas/", None, READERS),
    ("saved_views.save", "POST"): (
        "/seguimientos/vistas/",
        {"name": "Vista", "query": "status=all"},
        READERS,
    ),
    ("saved_views.pin", "POST"): ("/seguimientos/vistas/{own_view}/fijar", {}, READERS),
    ("saved_views.delete", "GET"): ("/seguimientos/vistas/{own_view}/eliminar", None, READERS),
    ("saved_views.delete", "POST"): ("/seguimientos/vistas/{own_view}/eliminar", {}, READERS),
    ("trash.index", "GET"): ("/papelera/", None, COORDINATION),
    ("trash.restore", "POST"): (
        "/papelera/seguimientos/{deleted_followup}/restaurar",
        {},
        COORDINATION,
    ),
    ("users.index", "GET"): ("/usuarios/", None, ADMIN),
    ("users.new", "GET"): ("/usuarios/nuevo", None, ADMIN),
    ("users.new", "POST"): (
        "/usuarios/nuevo",
        {
            "name": "N",
            "email": "nuevo@example.org",
            "role": "viewer",
            "password": "una-clave-larga",
        },
        ADMIN,
    ),
    ("users.edit", "GET"): ("/usuarios/{viewer_user}/editar", None, ADMIN),
    ("users.edit", "POST"): (
        "/usuarios/{viewer_user}/editar",
        {"role": "viewer", "is_enabled": "1"},
        ADMIN,
    ),
    # The API: a bearer token of the role's user; no token → 401.
    ("api.openapi_document", "GET"): ("/api/v1/openapi.json", None, EVERYONE),
    ("api.list_followups", "GET"): ("/api/v1/followups", None, READERS),
    ("api.get_followup", "GET"): ("/api/v1/followups/{followup}", None, READERS),
    ("api.create_followup", "POST"): (
        "/api/v1/followups",
        {"title": "T", "kind": "task", "owner_id": "{self_person}"},
        WRITERS,
    ),
    ("api.update_followup", "PATCH"): (
        "/api/v1/followups/{followup}",
        {"title": "Otro", "version": 1},
        OWNERS,
    ),
    ("api.change_followup_status", "POST"): (
        "/api/v1/followups/{followup}/status",
        {"status": "in_progress"},
        OWNERS,
    ),
    ("api.reschedule_followup", "POST"): (
        "/api/v1/followups/{followup}/reschedule",
        {"due_on": "2027-03-01", "reason": "r"},
        OWNERS,
    ),
    ("api.comment_followup", "POST"): (
        "/api/v1/followups/{followup}/comments",
        {"text": "c"},
        OWNERS,
    ),
    ("api.list_activities", "GET"): ("/api/v1/activities", None, READERS),
    ("api.get_activity", "GET"): ("/api/v1/activities/{activity}", None, READERS),
    ("api.list_reports", "GET"): ("/api/v1/reports", None, READERS),
    ("api.get_report", "GET"): ("/api/v1/reports/{report}", None, READERS),
    ("api.list_projects", "GET"): ("/api/v1/projects", None, READERS),
    ("api.get_project", "GET"): ("/api/v1/projects/{project}", None, READERS),
    ("api.bulk_change_followups", "POST"): (
        "/api/v1/followups/bulk",
        {"ids": ["{followup}"], "action": "status", "status": "in_progress"},
        WRITERS,
    ),
    ("api.search_records", "GET"): ("/api/v1/search?q=informe", None, READERS),
    ("api_docs.page", "GET"): ("/api/v1/docs", None, EVERYONE),
}

ROUTE_METHODS = {"GET", "POST", "PATCH", "PUT", "DELETE"}


def test_every_route_has_a_decision(app):
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods & ROUTE_METHODS
    }
    missing = sorted(routes - set(ROUTES))
    stale = sorted(set(ROUTES) - routes)
    assert not missing, f"routes without an authorization decision in ROUTES: {missing}"
    assert not stale, f"ROUTES lists routes the app no longer has: {stale}"


def make_upload_dir() -> str:
    from flask import current_app

    return current_app.config["UPLOAD_FOLDER"]


@pytest.fixture
def world(make, db):
    users = {
        "viewer": make.user(Role.VIEWER),
        "member": make.user(Role.MEMBER),
        "owner": make.user(Role.MEMBER),
        "coordinator": make.user(Role.COORDINATOR),
        "admin": make.user(Role.ADMIN),
    }
    owner = users["owner"].person
    followup = make.followup(owner=owner, due_on=date(2026, 12, 1))
    deleted = make.followup(owner=owner)
    deleted.deleted_at = deleted.created_at
    report = make.report(person=owner)
    submitted = make.report(person=make.person())
    submitted.status = ReportStatus.SUBMITTED
    project = make.project(lead=owner, planned_start_on=date(2025, 1, 1), duration_months=6)
    organization = make.organization()
    from tracker.operations.projects import set_institution

    set_institution(project, None, organization, InstitutionRole.PARTICIPANT)
    from tracker.operations.project_extensions import record_extension

    extension = record_extension(
        project, None, new_end_on=date(2025, 9, 1), reason="r", approved_on=date(2025, 6, 1),
        approved_by="c", today=date(2026, 1, 1),
    )  # fmt: skip
    result = make.followup(owner=owner, project=project, kind=FollowUpKind.RESULT)
    attachment = Attachment(
        report_id=report.id,
        filename="informe.txt",
        stored_name="x" * 32,
        content_type="text/plain",
        size_bytes=4,
        sha256="0" * 64,
    )
    failed = Notification(
        item_type="followup",
        item_id=followup.id,
        rule="overdue",
        slot_on=date(2026, 12, 2),
        recipient_email=owner.email,
        title="t",
        status=NotificationStatus.FAILED,
    )
    db.session.add_all([attachment, failed])
    db.session.commit()
    with open(f"{make_upload_dir()}/{attachment.stored_name}", "wb") as handle:
        handle.write(b"informe")
    return {
        "users": users,
        "ids": {
            "followup": followup.id,
            "deleted_followup": deleted.id,
            "report": report.id,
            "submitted_report": submitted.id,
            "project": project.id,
            "extension": extension.id,
            "result": result.id,
            "activity": report.activity_id,
            "organization": organization.id,
            "owner_person": owner.id,
            "other_person": make.person().id,
            "attachment": attachment.id,
            "failed_notice": failed.id,
            "viewer_user": users["viewer"].id,
        },
    }


def _prepare(app, world, role, db, tmp_path):
    """Per-role values: the role's own token, its own pending upload, fresh secrets."""
    ids = dict(world["ids"])
    user = world["users"].get(role)
    ids["self_person"] = user.person_id if user else ids["owner_person"]
    if user is not None:
        token, _secret = issue_token(user, "api", "mine")
        ids["own_token"] = token.id
        upload_dir = app.config["UPLOAD_FOLDER"]
        attachment = Attachment(
            filename="f.txt",
            stored_name=f"pending-{role}-{token.id}",
            content_type="text/plain",
            size_bytes=1,
            sha256="1" * 64,
            uploaded_by_id=user.id,
        )
        with open(f"{upload_dir}/{attachment.stored_name}", "wb") as handle:
            handle.write(b"x")
        db.session.add(attachment)
        db.session.flush()
        ids["pending_upload"] = attachment.id
        notice = UserNotice(user_id=user.id, kind="report_approved", item_type="report")
        notice.item_id, notice.details = ids["report"], {"activity": "A"}
        db.session.add(notice)
        db.session.flush()
        ids["own_notice"] = notice.id
        view = SavedView(user_id=user.id, name="Mía", query="status=all")
        db.session.add(view)
        db.session.flush()
        ids["own_view"] = view.id
    else:
        ids["own_view"] = 1
        ids["own_notice"] = 1
        ids["own_token"] = 1
        ids["pending_upload"] = 1
    _token, ids["feed_secret"] = issue_token(world["users"]["owner"], "calendar", "feed")
    report = db.session.get(ParticipationReport, ids["report"])
    link, ids["report_link_secret"] = issue_report_link(report, world["users"]["coordinator"])
    ids["report_link"] = link.id
    ids["action_secret"] = issue_action_tokens(ids["followup"], "x@example.org")["done"]
    db.session.commit()
    return ids


def _fill(value, ids):
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: (_fill(v, ids) if not isinstance(v, int) else v) for k, v in value.items()}
    return value


def _allowed(who, role) -> bool:
    if who in (EVERYONE, TOKEN):
        return True
    return role in who


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("endpoint", "method"), sorted(ROUTES))
def test_route_for_role(app, world, db, tmp_path, role, endpoint, method):
    url, body, who = ROUTES[(endpoint, method)]
    ids = _prepare(app, world, role, db, tmp_path)
    client = app.test_client()
    user = world["users"].get(role)
    is_api = url.startswith("/api/")
    headers = {}
    if user is not None and not is_api and who != TOKEN:
        client.login(user)
    if is_api and user is not None:
        _token, secret = issue_token(user, "api", "test")
        db.session.commit()
        headers["Authorization"] = f"Bearer {secret}"
    target = _fill(url, ids)
    if method == "GET":
        response = client.get(target, headers=headers)
    elif is_api:
        data = _fill(body, ids)
        response = client.open(target, method=method, json=data, headers=headers)
    elif body == "upload":
        import io

        form = {"files": (io.BytesIO(b"Nombre\nX"), "x.txt")}
        response = _post(client, target, form, user, content_type="multipart/form-data")
    elif body == "preview":
        response = _post(client, target, {}, user)
    else:
        response = _post(client, target, _fill(body, ids), user)

    status = response.status_code
    if who == "login-form":
        assert status in (401, 302, 400)
    elif role == "anonymous" and not _allowed(who, role):
        if is_api:
            assert status == 401
        else:
            assert status in (302, 400)
            if status == 302:
                assert response.headers["Location"].startswith("/login")
    elif _allowed(who, role):
        # Allowed means not refused: the action ran, or said what was wrong with its input.
        assert status not in (401, 403), (status, response.get_data(as_text=True)[:300])
        if status == 302 and endpoint != "auth.logout":
            assert not response.headers["Location"].startswith("/login")
        assert status < 500
    else:
        assert status == 403, (status, response.get_data(as_text=True)[:300])


def _post(client, target, data, user, **kwargs):
    if user is None:
        return client.post(target, data=data, **kwargs)
    return client.submit(target, data, **kwargs)
