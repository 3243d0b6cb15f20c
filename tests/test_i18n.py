"""Spanish by default, English selectable; dates in the chosen language's format."""

from datetime import date

from tracker.models.enums import Role


def test_spanish_by_default_and_english_on_request(app, make):
    make.followup(title="Enviar nota", due_on=date(2026, 12, 1))
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    spanish = client.get("/seguimientos/").get_data(as_text=True)
    assert "Seguimientos" in spanish and "1 dic 2026" in spanish and 'lang="es"' in spanish
    client.get("/idioma/en")
    english = client.get("/seguimientos/").get_data(as_text=True)
    assert "Follow-ups" in english and "Dec 1, 2026" in english and 'lang="en"' in english


def test_browser_language_is_honoured_before_login(client):
    page = client.get("/login", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "Sign in" in page.get_data(as_text=True)


def test_saved_profile_language_applies_at_next_login(app, make):
    user = make.user(Role.MEMBER)
    client = app.test_client()
    client.login(user)
    assert client.submit("/perfil", {"language": "en", "wants_due_soon": "0"}).status_code == 302
    fresh = app.test_client()
    fresh.login(user)
    assert "Pending" in fresh.get("/").get_data(as_text=True)


def test_the_english_catalog_is_complete_and_keeps_placeholders():
    import re
    from pathlib import Path

    from babel.messages.pofile import read_po

    path = Path(__file__).parents[1] / "tracker/translations/en/LC_MESSAGES/messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    placeholder = re.compile(r"%\(\w+\)[sd]")
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
        elif any(set(placeholder.findall(s)) != set(placeholder.findall(ids[-1])) for s in strings):
            problems.append(f"placeholders differ: {ids[0]!r}")
    assert not problems, "\n".join(problems)
