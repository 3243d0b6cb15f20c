"""The import layer is pure: no app, no database."""

from pathlib import Path

import pytest

SEEDS = Path(__file__).parents[2] / "tracker" / "demo_data"
REPORT_SEED = SEEDS / "informe-participacion-inamu-2021.txt"
PROJECT_SEED = SEEDS / "ficha-proyecto-mcig-chile.txt"


@pytest.fixture(scope="session")
def db() -> None:
    """Replaces the suite's autouse database fixture: these tests need no app or database.

    Session scope also keeps Hypothesis from flagging a function-scoped fixture.
    """
    return None


@pytest.fixture(scope="session")
def report_text() -> str:
    return REPORT_SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def project_text() -> str:
    return PROJECT_SEED.read_text(encoding="utf-8")
