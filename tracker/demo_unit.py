"""The unit around the seed forms: people, activities, reports and follow-ups dated from today,
so that a fresh demo shows every dashboard figure, has reminders to send and a year of trends.

Everything goes through the operations, as the unit would have typed it. Only the timestamps
are then moved back (created_at, the history's dates, a report's submission and visto bueno):
the operations stamp "now", and a demo whose whole history happened this minute would draw
its trends as one spike. Nothing here is random: the same day gives the same data.
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from tracker.demo_unit_data import ACCOUNTS, FOLLOWUPS, ORGANIZATIONS, PEOPLE
from tracker.extensions import db
from tracker.models import ActivitySeries, Organization, ParticipationReport, Person, User
from tracker.models.enums import (
    ActivityKind,
    FollowUpKind,
    FollowUpStatus,
    InstitutionRole,
    Modality,
    ProjectStatus,
    ReportStatus,
    ResultOutcome,
)
from tracker.operations.activities import create_activity
from tracker.operations.followups import change_status, create_followup, reschedule
from tracker.operations.history import record_audit
from tracker.operations.project_extensions import record_extension
from tracker.operations.projects import create_project, set_institution, set_result_outcome
from tracker.operations.records import create_record, update_record
from tracker.operations.reports import add_participant, submit_report
from tracker.operations.users import create_user

K, S = FollowUpKind, FollowUpStatus


def _at(day: date, hour: int = 16) -> datetime:
    """An instant of that day in office hours (16:00 UTC is 10:00 in Costa Rica)."""
    return datetime.combine(day, time(hour), tzinfo=UTC)


def load_unit(coordinator: User, member: User, password: str, today: date) -> None:
    """The unit's people, accounts, activities, reports and follow-ups; flushes only."""
    ours = coordinator.person.organization
    orgs = {key: _organization(coordinator, *values) for key, values in ORGANIZATIONS.items()}
    people = {"marcela": member.person}
    for key, (name, position, unit, boss, org, email) in PEOPLE.items():
        people[key] = create_record(
            Person,
            coordinator,
            name=name,
            position=position,
            unit=unit,
            email=email,
            organization=orgs[org] if org else ours,
            supervisor=people[boss] if boss else None,
        )
    update_record(
        member.person,
        coordinator,
        unit="Presidencia Ejecutiva",
        organization=ours,
        supervisor=people["ana"],
    )
    users = {key: create_user(people[key].email, password, role, person=people[key])
             for key, role in ACCOUNTS.items()}  # fmt: skip
    sources = _activities(coordinator, orgs, people, users, today)
    for row in FOLLOWUPS:
        _followup(coordinator, people, orgs, sources, today, *row)
    _blocked_and_moved(coordinator, people["sofia"], today)
    _extended_project(coordinator, people["natalia"], orgs["amexcid"], today)
    db.session.flush()


def _organization(actor, name, acronym, country, kind) -> Organization:
    found = db.session.scalar(select(Organization).where(Organization.name == name))
    return found or create_record(
        Organization, actor, name=name, acronym=acronym, country=country, kind=kind
    )


def _activities(actor, orgs, people, users, today) -> dict:
    """One past activity (report approved, another overdue), one just ended (reports owed and
    one waiting for the visto bueno), one upcoming in the seed's series; what follow-ups hang
    from, by key."""
    day = lambda n: today + timedelta(days=n)  # noqa: E731
    cepal = create_activity(
        actor,
        name="Reunión de la Mesa Directiva de la Conferencia Regional sobre la Mujer",
        kind=ActivityKind.MEETING,
        modality=Modality.HYBRID,
        start_on=day(-120),
        end_on=day(-118),
        place="Santiago, Chile",
        series_name="Conferencia Regional sobre la Mujer de América Latina y el Caribe",
        organizers=[orgs["cepal"]],
    )
    luis = add_participant(cepal, people["luis"], actor, role="Delegado técnico")
    _backdate_report(luis, submitted=day(-110), approved=day(-104), approver=users["gabriela"])
    add_participant(cepal, people["gabriela"], actor, role="Jefa de delegación")

    commca = create_activity(
        actor,
        name="Reunión Ordinaria del Consejo de Ministras de la Mujer de Centroamérica (COMMCA)",
        kind=ActivityKind.MEETING,
        modality=Modality.IN_PERSON,
        start_on=day(-5),
        end_on=day(-4),
        place="San Salvador, El Salvador",
        series_name="COMMCA-SICA",
        organizers=[orgs["commca"]],
    )
    add_participant(commca, people["marcela"], actor, role="Ministra de la Condición de la Mujer")
    sofia = add_participant(commca, people["sofia"], actor, role="Asesora de la delegación")
    sofia.achievements = "Acuerdo para una hoja de ruta regional sobre cuidados"
    # Not announced: the demo's history is not news, and an unread notice would be one.
    submit_report(sofia, users["sofia"], notify=False)
    sofia.submitted_at = _at(day(-1))

    # The seed's series, so that its observations reach the next representative as a briefing.
    series = db.session.scalar(select(ActivitySeries).order_by(ActivitySeries.id))
    foro = create_activity(
        actor,
        name="Foro Generación Igualdad – Reunión de las Coaliciones de Acción",
        kind=ActivityKind.FORUM,
        modality=Modality.VIRTUAL,
        start_on=day(20),
        end_on=day(22),
        place="Ciudad de México, México (virtual)",
        series_name=series.name if series else "Foro Generación Igualdad",
        organizers=[orgs["onu"], orgs["amexcid"]],
    )
    add_participant(foro, people["carolina"], actor, role="Representante del INAMU")
    return {"cepal_luis": luis, "commca": commca, "foro": foro}


def _backdate_report(report: ParticipationReport, submitted: date, approved: date, approver):
    """Handed in and approved months ago. Set here rather than through approve_report, which
    would mail the author today that her old report was just approved."""
    report.achievements = "Intercambio de metodologías de registro de femicidio"
    submit_report(report, approver, notify=False)
    report.submitted_at = _at(submitted)
    report.status = ReportStatus.APPROVED
    report.approved_at = _at(approved)
    report.approved_by = approver
    record_audit(report, approver, "approved", {"status": ["submitted", "approved"]})


def _followup(actor, people, orgs, sources, today, title, kind, owner, org, source,
              opened, due, status, done, priority):  # fmt: skip
    day = lambda n: today + timedelta(days=n)  # noqa: E731
    origin = sources.get(source)
    link = {}
    if isinstance(origin, ParticipationReport):
        link = {"report": origin, "activity": origin.activity}
    elif origin is not None:
        link = {"activity": origin}
    owner_org = orgs[org] if org else people[owner].organization
    followup = create_followup(
        actor,
        kind=kind,
        title=title,
        owner=people[owner],
        organization=owner_org,
        priority=priority,
        due_on=day(due),
        **link,
    )
    followup.created_at = _at(day(opened))
    followup.events[0].created_at = followup.created_at
    if status == S.DONE:
        change_status(followup, actor, S.DONE, day(done))
        if done < 0:  # closed today stays stamped now, not later today
            followup.events[-1].created_at = _at(day(done), 22)
    elif status != S.OPEN:
        change_status(followup, actor, status, day(opened + 1))
        followup.events[-1].created_at = _at(day(opened + 1))


def _blocked_and_moved(actor, owner, today) -> None:
    """A follow-up that waited on another institution, was moved once with its reason, and is
    blocked again: the history a reschedule leaves."""
    day = lambda n: today + timedelta(days=n)  # noqa: E731
    followup = create_followup(
        actor,
        kind=K.TASK,
        title="Obtener el aval de MIDEPLAN para el proyecto de cooperación con la AECID",
        owner=owner,
        organization=owner.organization,
        due_on=day(-5),
    )
    followup.created_at = followup.events[0].created_at = _at(day(-40))
    reschedule(followup, actor, day(18), "MIDEPLAN pidió ajustar el presupuesto del proyecto.")
    followup.events[-1].created_at = _at(day(-6))
    change_status(followup, actor, S.BLOCKED, day(-6), "Esperamos la respuesta de MIDEPLAN.")
    followup.events[-1].created_at = _at(day(-6), 17)


def _extended_project(actor, lead, counterpart, today) -> None:
    """A project that ran past its plan, obtained one approved extension and runs on within it:
    the page shows the original plan, the approved end and "1 prórroga", and no overrun."""
    day = lambda n: today + timedelta(days=n)  # noqa: E731
    start = date(day(-430).year, day(-430).month, 1)
    project = create_project(
        actor,
        name="Red de emprendimientos de mujeres rurales Costa Rica–México",
        thematic_area="Autonomía económica de las mujeres",
        country="Costa Rica",
        planned_start_on=start,
        duration_months=12,
        status=ProjectStatus.IMPLEMENTATION,
        lead=lead,
        general_objective="Fortalecer las redes de emprendedoras rurales con la experiencia "
        "mexicana de comercialización asociativa.",
        information_updated_on=day(-20),
        sdgs=[5, 8],
    )
    set_institution(project, actor, counterpart, InstitutionRole.COUNTERPART)
    common = {"owner": lead, "organization": lead.organization, "project": project}
    started = create_followup(
        actor, kind=K.MILESTONE, title="Inicio del proyecto", due_on=start, **common
    )
    change_status(started, actor, S.DONE, start)
    end = create_followup(
        actor, kind=K.MILESTONE, title="Fin previsto", due_on=project.planned_end_on, **common
    )
    outcomes = (
        ("Dos redes regionales de emprendedoras constituidas", ResultOutcome.ACHIEVED),
        ("Un catálogo común de productos en línea", ResultOutcome.PARTLY),
        ("Primera rueda de negocios binacional realizada", ResultOutcome.NOT_YET),
    )
    for title, outcome in outcomes:
        result = create_followup(actor, kind=K.RESULT, title=title, **common)
        set_result_outcome(result, actor, outcome)
    record_extension(
        project,
        actor,
        new_end_on=day(120),
        reason="La rueda de negocios binacional se aplazó por la temporada de lluvias; "
        "AMEXCID acepta cerrar con ella.",
        approved_on=project.planned_end_on - timedelta(days=10),
        approved_by="Comisión Mixta de Cooperación Costa Rica–México",
        today=today,
    )
    reschedule(end, actor, project.approved_end_on, "Prórroga aprobada por la Comisión Mixta.")
