"""Demo data: the two seed forms, loaded through the importer as a coordinator would, and the
unit around them dated from today (tracker.demo_unit)."""

from pathlib import Path

from sqlalchemy import func, select

from tracker.clock import local_today
from tracker.demo_unit import load_unit
from tracker.extensions import db
from tracker.models import Organization, Person, User
from tracker.models.enums import OrganizationKind, Role
from tracker.operations.imports import import_file
from tracker.operations.records import create_record
from tracker.operations.users import create_user

DEMO_EMAIL = "coordinacion@seguimiento.demo"
MEMBER_EMAIL = "marcela.guerrero@seguimiento.demo"
SEEDS = Path(__file__).parent / "demo_data"
REPORT_SEED = SEEDS / "informe-participacion-inamu-2021.txt"
PROJECT_SEED = SEEDS / "ficha-proyecto-mcig-chile.txt"


def database_is_empty() -> bool:
    return not db.session.scalar(select(func.count()).select_from(User))


def load_demo(password: str) -> None:
    """The seed forms, then the unit around them; flushes, the caller commits."""
    coordinator, member = load_seeds(password)
    load_unit(coordinator, member, password, local_today())


def load_seeds(password: str) -> tuple[User, User]:
    """Our institution, two accounts, and the seed forms imported: (coordinator, member)."""
    inamu = create_record(
        Organization,
        None,
        name="Instituto Nacional de las Mujeres",
        acronym="INAMU",
        country="Costa Rica",
        kind=OrganizationKind.GOVERNMENT,
        is_own=True,
    )
    coordinator = create_user(
        DEMO_EMAIL, password, Role.ADMIN, name="Unidad de Cooperación Internacional"
    )
    coordinator.person.organization = inamu

    report = import_file(REPORT_SEED.read_bytes(), REPORT_SEED.name, coordinator).record
    participant = report.person
    participant.email = MEMBER_EMAIL
    member = create_user(MEMBER_EMAIL, password, Role.MEMBER, person=participant)

    focal_point = Person(
        name="Punto focal MCIG",
        position="Encargada de cooperación",
        email="mcig@seguimiento.demo",
    )
    db.session.add(focal_point)
    db.session.flush()
    project = import_file(
        PROJECT_SEED.read_bytes(), PROJECT_SEED.name, coordinator, lead=focal_point
    ).record
    focal_point.organization = next(
        (i.organization for i in project.institutions if i.role.value == "lead"), None
    )
    db.session.flush()
    return coordinator, member
