"""The two seed forms, as the demo loads them, against the reminder rules; and the command line."""

import json
import re
from datetime import date

import pytest

from jobs.run import plan_notices
from tests.reminders.helpers import rows
from tracker.demo import load_seeds
from tracker.models import FollowUp, NotificationStatus, Project
from tracker.models.enums import FollowUpKind

MARCELA = "marcela.guerrero@seguimiento.demo"
FOCAL_POINT = "mcig@seguimiento.demo"
UNIT = "cooperacion@example.org"


@pytest.fixture
def demo(db):
    load_seeds("una-clave-de-demo")
    db.session.commit()


def test_the_informes_commitment_reminds_its_owner_seven_days_before(demo, db):
    commitment = db.session.scalars(
        db.select(FollowUp).filter_by(kind=FollowUpKind.COMMITMENT)
    ).one()
    assert commitment.is_due_estimated and commitment.due_on == date(2021, 7, 14)
    notices = [
        n
        for n in plan_notices(date(2021, 7, 7))
        if (n.item_type, n.item_id) == ("followup", commitment.id)
    ]
    [notice] = notices
    assert (notice.rule, notice.slot, notice.recipient.email) == (
        "due_soon",
        date(2021, 7, 7),
        MARCELA,
    )


def test_the_mcig_project_is_past_its_planned_end_on_2025_04_10(demo, db):
    project = db.session.scalars(db.select(Project)).one()
    notices = [n for n in plan_notices(date(2025, 4, 10)) if n.item_type == "project"]
    assert [(n.rule, n.item_id, n.due_date) for n in notices] == [
        ("project_overrun", project.id, date(2024, 10, 31))
    ]
    [overrun] = notices
    assert overrun.recipient.email == FOCAL_POINT and [c.email for c in overrun.cc] == [UNIT]


def test_and_its_sheet_is_stale_on_2025_10_11(demo, db):
    rules = sorted(n.rule for n in plan_notices(date(2025, 10, 11)) if n.item_type == "project")
    assert rules == ["project_overrun", "project_sheet_stale"]
    assert not [n for n in plan_notices(date(2025, 10, 10)) if n.rule == "project_sheet_stale"]


LINE = re.compile(r"^planned=(\d+) enqueued=(\d+) sent=(\d+) failed=(\d+)$")


def test_cli_run_delivers_the_expected_digests_and_a_second_run_nothing(demo, runner, smtp, db):
    first = runner.invoke(args=["reminders", "run", "--today", "2024-11-15"])
    assert first.exit_code == 0, first.output
    planned, enqueued, sent, failed = map(int, LINE.match(first.output.strip()).groups())
    assert planned == enqueued == sent > 0 and failed == 0
    assert sorted(m.recipients[0] for m in smtp.received) == sorted([MARCELA, FOCAL_POINT, UNIT])

    marcela = smtp.to(MARCELA)[0]
    assert marcela.subject == "Seguimiento: 2 vencidos"
    assert "Apoyar la Alianza Regional por la Digitalización de las Mujeres" in marcela.text
    assert "Venció el 14 jul 2021 (1220 días de atraso)." in marcela.text
    focal = smtp.to(FOCAL_POINT)[0]
    assert "1 proyecto por revisar" in focal.subject
    assert (
        "Su fin previsto era el 31 oct 2024 y sigue en ejecución (15 días después)." in focal.text
    )
    unit = smtp.to(UNIT)[0]
    assert "Copia: a cargo de Marcela Guerrero Campos." in unit.text
    assert {r.status for r in rows()} == {NotificationStatus.SENT}

    second = runner.invoke(args=["reminders", "run", "--today", "2024-11-15"])
    assert second.exit_code == 0, second.output
    assert second.output.strip() == f"planned={planned} enqueued=0 sent=0 failed=0"
    assert len(smtp.received) == 3


def test_cli_dry_run_json_prints_the_planned_notices_and_writes_nothing(demo, runner, db):
    result = runner.invoke(
        args=["reminders", "run", "--today", "2024-11-15", "--dry-run", "--json"]
    )
    assert result.exit_code == 0, result.output
    notices = json.loads(result.output)
    assert notices and all(
        set(n) == {"recipient", "cc", "rule", "item_type", "item_id", "title", "due_date", "slot"}
        for n in notices
    )
    overrun = next(n for n in notices if n["rule"] == "project_overrun")
    assert overrun["recipient"] == FOCAL_POINT and overrun["cc"] == [UNIT]
    assert (overrun["due_date"], overrun["slot"]) == ("2024-10-31", "2024-11-15")
    assert rows() == []

    plain = runner.invoke(args=["reminders", "run", "--today", "2024-11-15", "--dry-run"])
    assert LINE.match(plain.output.strip().splitlines()[-1]).group(2, 3, 4) == ("0", "0", "0")


def test_cli_refuses_a_malformed_date(runner, db):
    result = runner.invoke(args=["reminders", "run", "--today", "15/11/2024"])
    assert result.exit_code == 2 and "--today" in result.output
    assert rows() == []
