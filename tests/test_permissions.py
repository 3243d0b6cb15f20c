"""The permission matrix: every role (and an anonymous visitor) against every screen action.

"ok" means the action went through (200, or 302 after a successful POST); 403 is the app's
forbidden page; "login" is the redirect to the login form.
"""

from datetime import date

import pytest

from tracker.models.enums import ReportStatus, Role

ROLES = ["anonymous", "viewer", "member_other", "member_owner", "coordinator", "admin"]
OK, FORBIDDEN, LOGIN = "ok", 403, "login"


@pytest.fixture
def world(make, db):
    """Records owned by `member_owner`; `member_other` supervises nobody and owns nothing."""
    users = {
        role: make.user(role=r)
        for role, r in [
            ("viewer", Role.VIEWER),
            ("member_other", Role.MEMBER),
            ("member_owner", Role.MEMBER),
            ("coordinator", Role.COORDINATOR),
            ("admin", Role.ADMIN),
        ]
    }
    owner = users["member_owner"].person
    return {
        "users": users,
        "followup": make.followup(owner=owner, due_on=date(2026, 12, 1)),
        "report": make.report(person=owner),
        "project": make.project(lead=owner, planned_start_on=date(2024, 1, 1), duration_months=6),
        "activity": make.activity(),
        "organization": make.organization(),
        "person": make.person(),
    }


def _everyone(outcome):
    return dict.fromkeys(ROLES[1:], outcome) | {"anonymous": LOGIN}


def _only(*roles):
    return {r: (OK if r in roles else FORBIDDEN) for r in ROLES[1:]} | {"anonymous": LOGIN}


EDITORS = ("coordinator", "admin")
OWNER_AND_EDITORS = ("member_owner", *EDITORS)
NOT_VIEWER = ("member_other", "member_owner", *EDITORS)

# (name, method, url template, form data, expected outcome by role)
MATRIX = [
    ("home", "GET", "/", None, _everyone(OK)),
    ("followup list", "GET", "/seguimientos/", None, _everyone(OK)),
    ("followup page", "GET", "/seguimientos/{followup}", None, _everyone(OK)),
    ("activity list", "GET", "/actividades/", None, _everyone(OK)),
    ("activity page", "GET", "/actividades/{activity}", None, _everyone(OK)),
    ("report list", "GET", "/informes/", None, _everyone(OK)),
    ("report page", "GET", "/informes/{report}", None, _everyone(OK)),
    ("project list", "GET", "/proyectos/", None, _everyone(OK)),
    ("project page", "GET", "/proyectos/{project}", None, _everyone(OK)),
    ("organization list", "GET", "/instituciones/", None, _everyone(OK)),
    ("person list", "GET", "/personas/", None, _everyone(OK)),
    ("profile", "GET", "/perfil", None, _everyone(OK)),
    ("new followup form", "GET", "/seguimientos/nuevo", None, _only(*NOT_VIEWER)),
    (
        "create followup",
        "POST",
        "/seguimientos/nuevo",
        {"kind": "task", "title": "Nuevo", "owner": "{person}", "priority": "normal"},
        _only(*NOT_VIEWER),
    ),
    (
        "edit followup form",
        "GET",
        "/seguimientos/{followup}/editar",
        None,
        _only(*OWNER_AND_EDITORS),
    ),
    (
        "change followup status",
        "POST",
        "/seguimientos/{followup}/estado",
        {"status": "in_progress"},
        _only(*OWNER_AND_EDITORS),
    ),
    (
        "reschedule followup",
        "POST",
        "/seguimientos/{followup}/reprogramar",
        {"due_on": "2027-02-01", "reason": "motivo"},
        _only(*OWNER_AND_EDITORS),
    ),
    (
        "comment followup",
        "POST",
        "/seguimientos/{followup}/comentar",
        {"text": "hola"},
        _only(*OWNER_AND_EDITORS),
    ),
    ("delete followup", "POST", "/seguimientos/{followup}/eliminar", {}, _only(*OWNER_AND_EDITORS)),
    ("restore followup", "POST", "/seguimientos/{followup}/restaurar", {}, _only(*EDITORS)),
    ("edit report form", "GET", "/informes/{report}/editar", None, _only(*OWNER_AND_EDITORS)),
    ("submit report", "POST", "/informes/{report}/entregar", {}, _only(*OWNER_AND_EDITORS)),
    ("approve report", "POST", "/informes/{report}/aprobar", {}, _only(*EDITORS)),
    ("new project form", "GET", "/proyectos/nuevo", None, _only(*EDITORS)),
    ("edit project form", "GET", "/proyectos/{project}/editar", None, _only(*OWNER_AND_EDITORS)),
    (
        "add institution to project",
        "POST",
        "/proyectos/{project}/instituciones",
        {"organization": "{organization}", "role": "participant"},
        _only(*OWNER_AND_EDITORS),
    ),
    ("new activity form", "GET", "/actividades/nueva", None, _only(*EDITORS)),
    ("edit activity form", "GET", "/actividades/{activity}/editar", None, _only(*EDITORS)),
    (
        "add participant",
        "POST",
        "/actividades/{activity}/participantes",
        {"person": "{person}", "role": "Delegada"},
        _only(*EDITORS),
    ),
    ("new organization form", "GET", "/instituciones/nueva", None, _only(*EDITORS)),
    ("delete organization", "POST", "/instituciones/{organization}/eliminar", {}, _only(*EDITORS)),
    ("new person form", "GET", "/personas/nueva", None, _only(*EDITORS)),
    ("edit person form", "GET", "/personas/{person}/editar", None, _only(*EDITORS)),
    ("user list", "GET", "/usuarios/", None, _only("admin")),
    ("new user form", "GET", "/usuarios/nuevo", None, _only("admin")),
]


def _fill(template: str, ids: dict) -> str:
    return template.format(**ids)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "url", "data", "expected"), MATRIX, ids=[m[0] for m in MATRIX]
)
def test_permission_matrix(app, world, role, name, method, url, data, expected):
    client = app.test_client()
    if role != "anonymous":
        client.login(world["users"][role])
    if name == "approve report":
        world["report"].status = ReportStatus.SUBMITTED
        from tracker.extensions import db

        db.session.commit()
    ids = {key: record.id for key, record in world.items() if key != "users"}
    target = _fill(url, ids)
    if method == "GET":
        response = client.get(target)
    else:
        form = {k: _fill(v, ids) for k, v in (data or {}).items()}
        if role == "anonymous":
            response = client.post(target, data=form)
        else:
            response = client.submit(target, form)
    outcome = expected[role]
    if outcome == LOGIN:
        # Anonymous POSTs are stopped by CSRF (400) or sent to log in; never performed.
        assert response.status_code in (302, 400)
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/login")
    elif outcome == FORBIDDEN:
        assert response.status_code == 403
        assert "Acceso denegado" in response.get_data(as_text=True)
    else:
        assert response.status_code in (200, 302), response.get_data(as_text=True)[:400]
        if response.status_code == 302:
            assert not response.headers["Location"].startswith("/login")


def test_supervisor_approves_the_report_of_a_person_they_supervise(app, make, db):
    boss = make.user(Role.MEMBER, name="Jefa")
    author = make.person(supervisor_id=boss.person_id)
    report = make.report(person=author)
    report.status = ReportStatus.SUBMITTED
    db.session.commit()
    client = app.test_client()
    client.login(boss)
    assert client.submit(f"/informes/{report.id}/aprobar").status_code == 302
    db.session.refresh(report)
    assert report.status == ReportStatus.APPROVED
