"""The 17 Sustainable Development Goals by name, for selects that must not query the database
(the list filters); the `sdgs` table holds the same names for the records that link to them."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

SDG_NAMES = {
    1: _l("Fin de la pobreza"),
    2: _l("Hambre cero"),
    3: _l("Salud y bienestar"),
    4: _l("Educación de calidad"),
    5: _l("Igualdad de género"),
    6: _l("Agua limpia y saneamiento"),
    7: _l("Energía asequible y no contaminante"),
    8: _l("Trabajo decente y crecimiento económico"),
    9: _l("Industria, innovación e infraestructura"),
    10: _l("Reducción de las desigualdades"),
    11: _l("Ciudades y comunidades sostenibles"),
    12: _l("Producción y consumo responsables"),
    13: _l("Acción por el clima"),
    14: _l("Vida submarina"),
    15: _l("Vida de ecosistemas terrestres"),
    16: _l("Paz, justicia e instituciones sólidas"),
    17: _l("Alianzas para lograr los objetivos"),
}


def sdg_choices() -> list[SelectChoice]:
    """ "Todos" then "5 · Igualdad de género" for each goal."""
    return [SelectChoice("", _l("Todos"))] + [
        SelectChoice(str(number), f"{number} · {name}") for number, name in SDG_NAMES.items()
    ]
