"""The harder values of a project sheet: SDGs, institutions with country and role, status."""

import re
from random import Random

from tests.importers.corpus import pools
from tests.importers.corpus.forms import bulleted
from tests.importers.corpus.phrasing import BULLETS, EMPTY_LIST_MARKERS

ROLE_WORDS = {
    "lead": ("ejecutora", "entidad ejecutora", "institución ejecutora"),
    "counterpart": ("socia", "contraparte", "contraparte técnica", "institución socia"),
    "funder": ("cooperante", "financiadora", "entidad financiadora", "donante"),
    "participant": ("participante", "colaboradora"),
}
STATUS_PHRASES = {
    "implementation": ("En ejecución", "En curso", "El proyecto aún se encuentra en ejecución.",
                       "Vigente", "En implementación", "Actualmente en ejecución"),
    "closed": ("Finalizado", "Concluido", "El proyecto ha concluido.", "Terminado",
               "El proyecto finalizó según lo previsto."),
    "suspended": ("Suspendido", "Suspendido temporalmente", "En pausa"),
    "cancelled": ("Cancelado",),
    "finalisation": ("En proceso de cierre", "En etapa de cierre"),
    "pipeline": ("En formulación", "Por iniciar"),
}  # fmt: skip
UNREADABLE_STATUS = ("Ver informe de avance", "Según cronograma")
_COUNTRY_SUFFIX = re.compile(r" en (Costa Rica|México|Guatemala|Panamá|Colombia)$")


def sdgs_value(rng: Random) -> tuple[list[str], list[int]]:
    """The SDG cell as written, and the goal numbers."""
    if rng.random() < 0.06:
        return [rng.choice(EMPTY_LIST_MARKERS)], []
    goals = sorted(rng.sample(sorted(pools.SDG_TITLES), rng.randint(1, 3)))
    form = rng.randrange(5)
    if form == 0:  # the seed's way
        return [" ".join(f"Objetivo {g}: {pools.SDG_GOALS[g]}." for g in goals)], goals
    if form == 1:
        return ["; ".join(f"ODS {g} – {pools.SDG_TITLES[g]}" for g in goals)], goals
    if form == 2:
        return [f"{g}. {pools.SDG_TITLES[g]}" for g in goals], goals
    if form == 3:
        return [" y ".join(f"ODS {g} ({pools.SDG_TITLES[g]})" for g in goals)], goals
    return bulleted(rng, [f"ODS {g}: {pools.SDG_TITLES[g]}" for g in goals]), goals


def _entry(name: str, acronym: str | None) -> str:
    return f"{name} ({acronym})" if acronym else name


def institutions_value(rng: Random) -> tuple[list[str], list[dict]]:
    """The institutions cell as written, and the expected institutions."""
    chosen: list[tuple[str, str | None]] = []
    wanted = rng.randint(2, 5)
    for name, acronym in rng.sample(pools.INSTITUTIONS, len(pools.INSTITUTIONS)):
        if all(name != other for other, _ in chosen):
            chosen.append((name, acronym))
        if len(chosen) == wanted:
            break
    if rng.random() < 0.7:
        return _listed_with_roles(rng, chosen)
    return _country_blocks(rng, chosen)


def _listed_with_roles(rng: Random, chosen) -> tuple[list[str], list[dict]]:
    form = rng.randrange(4)
    entries, expected = [], []
    for name, acronym in chosen:
        country = pools.INSTITUTION_COUNTRY[acronym or name]
        role = rng.choice(list(ROLE_WORDS))
        word = rng.choice(ROLE_WORDS[role])
        entry = _entry(name, acronym)
        if form == 0:
            entries.append(f"{entry} – {country} – {word}")
        elif form == 1:
            entries.append(f"{entry}, {country}, {word}")
        elif form == 2:
            entries.append(f"{entry} ({country}): {word}")
        else:
            entries.append(f"{word[0].upper()}{word[1:]}: {entry}, {country}")
        expected.append({"name": name, "acronym": acronym, "country": country, "role": role})
    bullets = [b for b in BULLETS if b.strip() not in "-–"] if form == 0 else BULLETS
    return bulleted(rng, entries, rng.choice(bullets)), expected


def _country_blocks(rng: Random, chosen) -> tuple[list[str], list[dict]]:
    """ "México: … Chile: … Otras Instituciones Participantes: …", as the seed writes it."""
    countries = []
    for name, acronym in chosen:
        country = pools.INSTITUTION_COUNTRY[acronym or name]
        if country not in countries:
            countries.append(country)
    partner_country, own_country = (countries + countries)[:2]
    if partner_country == own_country:
        own_country = "Costa Rica" if partner_country != "Costa Rica" else "Chile"
    partner, own, others = chosen[0], chosen[1], chosen[2:]
    lines = [f"{partner_country}: {_entry(*partner)}", f"{own_country}: {_entry(*own)}"]
    expected = [
        {"name": partner[0], "acronym": partner[1], "country": partner_country,
         "role": "counterpart"},
        {"name": own[0], "acronym": own[1], "country": own_country, "role": "lead"},
    ]  # fmt: skip
    if others:
        lines.append("Otras Instituciones Participantes: " + ", ".join(_entry(*o) for o in others))
        for name, acronym in others:
            suffix = _COUNTRY_SUFFIX.search(name)
            expected.append(
                {"name": name, "acronym": acronym, "country": suffix.group(1) if suffix else None,
                 "role": "participant"}
            )  # fmt: skip
    if rng.random() < 0.4:
        lines = [" ".join(lines)]  # all on one line, as the seed
    return lines, expected


def status_phrase(rng: Random, period: dict) -> tuple[list[str], str | None]:
    """The status as written (maybe split over two lines), and its code; ([], None) if unsaid."""
    choice = rng.random()
    if choice < 0.12:
        return [], None
    if choice < 0.17:
        return [rng.choice(UNREADABLE_STATUS)], None
    code = rng.choices(list(STATUS_PHRASES), weights=[5, 3, 1, 1, 1, 1])[0]
    phrase = rng.choice(STATUS_PHRASES[code])
    words = phrase.split()
    if len(words) >= 3 and rng.random() < 0.4:
        cut = rng.randint(1, len(words) - 1)
        return [" ".join(words[:cut]), " ".join(words[cut:])], code
    return [phrase], code
