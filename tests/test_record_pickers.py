"""Record fields beyond PICKER_ABOVE records: a search box instead of a select of thousands.

Without script the box submits a name, which must name one record; with static/js/picker.js
(tests/browser/test_record_picker.py) it submits the id of the name chosen from /opciones/.
"""

import re

import pytest

from tracker.forms.common import PICKER_ABOVE
from tracker.models import FollowUp, Person
from tracker.models.enums import Role


@pytest.fixture
def many_people(db):
    """More people than a select lists, in one commit."""
    people = [
        Person(name=f"Gente {n:03d}", email=f"gente{n}@example.org")
        for n in range(PICKER_ABOVE + 1)
    ]
    db.session.add_all(people)
    db.session.commit()
    return people


def _owner_field(page: str) -> str:
    """The list filter's owner control, as served."""
    found = re.search(r'<(select|input)[^>]*name="owner"[^>]*>', page)
    assert found, "no owner field"
    return found.group(0)


def test_a_few_people_are_a_select(client, make):
    client.login(make.user(Role.COORDINATOR))
    page = client.get("/seguimientos/").get_data(as_text=True)
    assert _owner_field(page).startswith("<select")


def test_many_people_are_a_search_box_with_no_option_each(client, make, many_people):
    client.login(make.user(Role.COORDINATOR))
    page = client.get("/seguimientos/").get_data(as_text=True)
    field = _owner_field(page)
    assert field.startswith("<input") and 'type="search"' in field
    assert 'data-picker="/opciones/personas"' in field
    assert "Gente 000" not in page  # no option per person
    # The bulk change's owner is a picker too (it shares the filter's reading).
    assert 'name="bulk-owner"' in page and page.count('data-picker="/opciones/personas"') == 2


def test_the_chosen_person_shows_by_name_and_filters(client, make, many_people):
    coordinator = make.user(Role.COORDINATOR)
    chosen, other = many_people[7], many_people[8]
    make.followup(owner=chosen, title="Del elegido")
    make.followup(owner=other, title="De otra persona")
    client.login(coordinator)
    page = client.get(f"/seguimientos/?owner={chosen.id}").get_data(as_text=True)
    field = _owner_field(page)
    assert f'value="{chosen.name}"' in field and f'data-value="{chosen.id}"' in field
    assert "Del elegido" in page and "De otra persona" not in page


def test_a_name_typed_without_script_finds_its_person(client, make, many_people):
    chosen = many_people[12]
    make.followup(owner=chosen, title="Del elegido")
    make.followup(owner=many_people[13], title="De otra persona")
    client.login(make.user(Role.COORDINATOR))
    response = client.get("/seguimientos/", query_string={"owner": "gente 012"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Del elegido" in page and "De otra persona" not in page
    assert f'data-value="{chosen.id}"' in _owner_field(page)


@pytest.mark.parametrize("typed", ["Nadie Conocido", "Gente"])
def test_a_name_that_names_no_one_person_is_refused_and_kept(client, make, many_people, typed):
    make.person(name="Gente")  # "Gente" is then one person; two below make it ambiguous
    make.person(name="gente")
    client.login(make.user(Role.COORDINATOR))
    response = client.get("/seguimientos/", query_string={"owner": typed})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Elija una opción de la lista." in page
    assert f'value="{typed}"' in _owner_field(page)


def test_a_follow_up_is_saved_with_an_owner_from_a_picker(client, make, db, many_people):
    client.login(make.user(Role.COORDINATOR))
    owner = many_people[40]
    response = client.submit(
        "/seguimientos/nuevo",
        {"kind": "task", "title": "Con responsable", "owner": owner.id, "priority": "normal"},
    )
    assert response.status_code == 302
    followup = db.session.scalars(db.select(FollowUp)).one()
    assert followup.owner_id == owner.id
    edit = client.get(f"/seguimientos/{followup.id}/editar").get_data(as_text=True)
    assert f'value="{owner.name}"' in _owner_field(edit)
    # A deleted person's id is not a choice.
    many_people[41].deleted_at = many_people[41].created_at
    db.session.commit()
    refused = client.submit(
        "/seguimientos/nuevo",
        {"kind": "task", "title": "Sin", "owner": many_people[41].id, "priority": "normal"},
    )
    assert refused.status_code == 400
    assert "Elija una opción de la lista." in refused.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(FollowUp)) == 1


def test_suggestions_are_live_names_that_match_the_words(client, make, db, many_people):
    make.person(name="Ana Pérez Solís")
    gone = make.person(name="Ana Pereira")
    gone.deleted_at = gone.created_at
    db.session.commit()
    client.login(make.user(Role.VIEWER))
    response = client.get("/opciones/personas", query_string={"q": "perez"})
    assert response.status_code == 200 and response.is_json
    assert [row["name"] for row in response.get_json()] == ["Ana Pérez Solís"]
    names = [row["name"] for row in client.get("/opciones/personas?q=gente").get_json()]
    assert names == sorted(names) and len(names) == 20  # the first ones by name
    assert client.get("/opciones/personas?q=").get_json() == []
    assert client.get("/opciones/nada?q=ana").status_code == 404


def test_suggestions_need_a_login(client):
    response = client.get("/opciones/personas?q=ana")
    assert response.status_code in (302, 401)


def test_the_report_rows_pick_their_owner_and_flag_one_without_email(client, make, db, many_people):
    from tests.test_report_form import _items, _member_with_report, row, sections

    member, report = _member_with_report(make)
    no_email = make.person(name="Sin Correo Alguno", email=None)
    client.login(member)
    page = client.get(f"/informes/{report.id}/editar").get_data(as_text=True)
    owner_box = re.search(r'<(select|input)[^>]*name="commitments-0-owner"[^>]*>', page).group(0)
    assert owner_box.startswith("<input") and "data-picker" in owner_box
    assert "Gente 000" not in page
    data = {**sections(), **row("commitments", 0, "Enviar la agenda", no_email)}
    assert client.submit(f"/informes/{report.id}/editar", data).status_code == 302
    assert [f.owner_id for f in _items(db, report)] == [no_email.id]
    page = client.get(f"/informes/{report.id}/editar").get_data(as_text=True)
    assert 'value="Sin Correo Alguno"' in page
    assert "sin correo: no recibe recordatorios" in page


@pytest.mark.parametrize(
    "value", ["99999999999999999999", "9223372036854775808", "2147483648", "²"]
)
def test_a_number_no_record_can_have_is_refused_not_an_error(client, make, many_people, value):
    client.login(make.user(Role.COORDINATOR))
    response = client.get("/seguimientos/", query_string={"owner": value})
    assert response.status_code == 400
    assert "Elija una opción de la lista." in response.get_data(as_text=True)
