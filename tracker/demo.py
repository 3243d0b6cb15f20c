"""Demo data: the people, activity, report, project and follow-ups of the two seed forms."""

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import func, select

from tracker.extensions import db
from tracker.models import HandoverNote, Organization, Person, User
from tracker.models.enums import (
    ActivityKind,
    FollowUpKind,
    InstitutionRole,
    Modality,
    OrganizationKind,
    ProjectStatus,
    Role,
)
from tracker.operations import reports
from tracker.operations.activities import create_activity
from tracker.operations.followups import create_followup
from tracker.operations.projects import create_project, set_institution
from tracker.operations.records import create_record
from tracker.operations.users import create_user

DEMO_EMAIL = "coordinacion@seguimiento.demo"


def database_is_empty() -> bool:
    return not db.session.scalar(select(func.count()).select_from(User))


def load_demo(password: str) -> None:
    """Enter the seed forms' content; flushes, the caller commits."""
    orgs = {
        key: create_record(Organization, None, name=name, acronym=acr, country=country, kind=kind)
        for key, name, acr, country, kind in [
            ("inamu", "Instituto Nacional de las Mujeres", "INAMU", "Costa Rica", "government"),
            ("mx", "Gobierno de México", None, "México", "government"),
            ("fr", "Gobierno de Francia", None, "Francia", "government"),
            ("onu", "ONU Mujeres", None, None, "un_agency"),
            (
                "inmujeres",
                "Instituto Nacional de las Mujeres (México)",
                "INMUJERES",
                "México",
                "government",
            ),
            ("cl", "Embajada de Chile en México", None, "Chile", "embassy"),
            ("de", "Embajada de Alemania en México", None, "Alemania", "embassy"),
        ]
    }
    orgs["inamu"].is_own = True
    for org in orgs.values():
        org.kind = OrganizationKind(org.kind)

    coordinator = create_user(
        DEMO_EMAIL, password, Role.ADMIN, name="Unidad de Cooperación Internacional"
    )
    coordinator.person.organization = orgs["inamu"]
    marcela = Person(
        name="Marcela Guerrero Campos",
        position="Presidenta Ejecutiva y Ministra de la Condición de la Mujer",
        email="marcela.guerrero@seguimiento.demo",
        organization=orgs["inamu"],
    )
    focal_point = Person(
        name="Punto focal MCIG",
        position="Encargada de cooperación",
        email="mcig@seguimiento.demo",
        organization=orgs["cl"],
    )
    db.session.add_all([marcela, focal_point])
    create_user("marcela.guerrero@seguimiento.demo", password, Role.MEMBER, person=marcela)

    activity = create_activity(
        None,
        name="Foro Generación Igualdad – Reunión México",
        series_name="Foro Generación Igualdad",
        kind=ActivityKind.FORUM,
        modality=Modality.VIRTUAL,
        start_on=date(2021, 3, 29),
        end_on=date(2021, 3, 31),
        place="Ciudad de México (virtual)",
        organizers=[orgs["mx"], orgs["fr"], orgs["onu"]],
    )
    report = reports.add_participant(
        activity, marcela, None, "Ministra de la Condición de la Mujer de Costa Rica"
    )
    reports.update_report(
        report,
        None,
        contribution="Esta reunión se enmarca en las acciones ligadas a Asegurar la participación "
        "del INAMU en espacios internacionales de derechos humanos de las mujeres",
        motive="El Foro Generación Igualdad es un encuentro mundial centrado en la sociedad civil "
        "y con múltiples partes interesadas en la igualdad de género, convocado por ONU Mujeres y "
        "coorganizado por los gobiernos de México y Francia.",
        achievements="\n".join(
            [
                "Posicionar el liderazgo del país en la Coalición de Acción Feminista por la "
                "Justicia Climática.",
                "Sensibilizar sobre la necesidad urgente de invertir en igualdad de género y el "
                "imperativo de una agenda de igualdad de género interseccional e "
                "intergeneracional.",
                "Coordinar con sociedad civil global y juventudes globales el impulso de los "
                "compromisos.",
                "Aportar ideas para reforzar la justicia de género y los movimientos juveniles.",
                "Poner en marcha los proyectos de las Coaliciones de Acción del Foro Generación "
                "Igualdad.",
            ]
        ),
        comments="La documentación del evento está disponible en: https://forogeneracionigualdad.mx",
    )
    reports.submit_report(report, None)
    estimated_due = report.due_on + timedelta(days=current_app.config["IMPORT_DEFAULT_DUE_DAYS"])
    for kind, title in [
        (
            FollowUpKind.COMMITMENT,
            "Apoyar la Alianza Regional por la Digitalización de las Mujeres, impulsada por el "
            "Gobierno de Chile",
        ),
        (
            FollowUpKind.ACTION,
            "Fortalecer trabajo dentro de la Coalición de Acción Feminista por la Justicia "
            "Climática",
        ),
    ]:
        followup = create_followup(
            None,
            kind=kind,
            title=title,
            owner=marcela,
            organization=orgs["inamu"],
            activity=activity,
            report=report,
            due_on=estimated_due,
        )
        followup.is_due_estimated = True
    db.session.add(
        HandoverNote(
            series=activity.series,
            report=report,
            text="Continuar el posicionamiento de temas de cambio climático y género como asuntos "
            "clave para las mujeres de la región",
        )
    )

    project = create_project(
        None,
        sdgs=[5, 10],
        name="Copresidencia de la mesa de cooperación para la igualdad de género en México (MCIG)",
        thematic_area="Desarrollo social",
        country="México",
        beneficiaries="Beneficiarios directos de cada uno de los proyectos de cooperación de los "
        "países que integran la mesa",
        planned_start_on=date(2023, 11, 1),
        duration_months=12,
        status=ProjectStatus.IMPLEMENTATION,
        general_objective="Materializar, tanto en el ámbito de la cooperación internacional para "
        "el desarrollo como en el de la asociación política entre Chile y México, el compromiso "
        "del Gobierno de Chile con la igualdad de género.",
        specific_objectives="Liderar una agenda progresista sur-sur para la igualdad de género en "
        "México.\nVisibilizar en una mesa de cooperantes integrada principalmente de países "
        "desarrollados, temas de interés propios del Sur Global.",
        description="La Mesa de Cooperación Internacional para la Igualdad de Género en México "
        "(MCIG) es un espacio de intercambio y coordinación estratégica entre actores de la "
        "comunidad internacional.",
        information_updated_on=date(2025, 4, 10),
        lead=focal_point,
    )
    for key, role in [
        ("cl", InstitutionRole.LEAD),
        ("inmujeres", InstitutionRole.COUNTERPART),
        ("onu", InstitutionRole.PARTICIPANT),
        ("de", InstitutionRole.PARTICIPANT),
    ]:
        set_institution(project, None, orgs[key], role)
    for title in [
        "Ser el primer país latinoamericano que presida esta instancia.",
        "Instalar en este espacio de diálogo y cooperación temas de interés respecto de la agenda "
        "de género desde una perspectiva del sur.",
        "Dinamizar la cooperación sobre género con México.",
    ]:
        create_followup(
            None,
            kind=FollowUpKind.RESULT,
            title=title,
            owner=focal_point,
            organization=orgs["cl"],
            project=project,
            due_on=project.planned_end_on,
        )
    for title, due in [
        ("Inicio del proyecto", date(2023, 11, 1)),
        ("Revisión de medio término", date(2024, 5, 1)),
        ("Fin previsto", project.planned_end_on),
        ("Informe final", project.planned_end_on + timedelta(days=60)),
    ]:
        create_followup(
            None,
            kind=FollowUpKind.MILESTONE,
            title=title,
            owner=focal_point,
            organization=orgs["cl"],
            project=project,
            due_on=due,
        )
    db.session.flush()
