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
