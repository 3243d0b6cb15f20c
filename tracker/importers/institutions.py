"""The institutions of a project sheet, with their country and their role.

Two ways of writing them are read:

- country blocks, as the seed does ("México: Instituto … Chile: Embajada … Otras Instituciones
  Participantes: …"): the institutions of the country that owns the sheet are the ``lead``. The
  sheet lists the partner country first and its own last, so without `owner_country` the *last*
  block is the lead; every other block is a ``counterpart``; "Otras instituciones" (and names
  without a heading) are ``participant``, their country guessed from a trailing "en México",
  "-México" or "(México)";
- a list, one institution per line or bullet, with its country and its role in the words such
  forms use ("▪ PNUD – Panamá – donante", "GIZ, Alemania, socia", "JICA (Japón): cooperante",
  "Ejecutora: INAMU, Costa Rica"): ejecutora → ``lead``; socia, contraparte → ``counterpart``;
  cooperante, financiadora, donante → ``funder``; participante, colaboradora → ``participant``.

A bullet alone or a role word alone is never an institution.
"""

import re
from typing import NamedTuple

from tracker.importers._lists import split_items, strip_bullet
from tracker.importers._normalize import collapse, fold
from tracker.importers._places import COUNTRY_PATTERN, canonical_country

LEAD, COUNTERPART, PARTICIPANT, FUNDER = "lead", "counterpart", "participant", "funder"


class Institution(NamedTuple):
    name: str
    acronym: str | None
    country: str | None
    role: str  #: lead, counterpart, funder or participant (see the module docstring)


_ROLE_WORDS = (
    (LEAD, r"ejecutor[ae]?s?|lider(?:es)?|responsable|coordinador[ae]?s?"),
    (COUNTERPART, r"soci[oa]s?|contrapartes?|aliad[oa]s?"),
    (FUNDER, r"cooperantes?|financiador[ae]?s?|donantes?|financista|fuente de financiamiento"),
    (PARTICIPANT, r"participantes?|colaborador[ae]?s?"),
)
_ROLE = tuple(
    (role, re.compile(
        rf"(?:(?:entidad|institucion|organizacion|agencia|socio|rol|papel)\s+)?(?:{words})"
        rf"(?:\s+(?:tecnic[oa]|principal|nacional|internacional|estrategic[oa]|financier[oa]))?"
    ))
    for role, words in _ROLE_WORDS
)  # fmt: skip
_PARTS = re.compile(r"\s+[–—-]\s+|\s*[|;]\s*|,\s+|:\s+|\s*\(\s*rol\s*:?\s*")


def role_word(text: str) -> str | None:
    """ "entidad ejecutora" → lead, "donante" → funder; None if the text is not a role."""
    folded = collapse(fold(text)).strip(" .,;:()-–")
    return next((role for role, pattern in _ROLE if pattern.fullmatch(folded)), None)


def parse_institutions(
    text: str | list[str], owner_country: str | None = None
) -> list[Institution]:
    """The "Instituciones involucradas" cell (its lines) → institutions with country and role."""
    lines = text.split("\n") if isinstance(text, str) else list(text)
    items = [piece for item in split_items(lines) for piece in _split_semicolons(item)]
    if any(_read_listed(item)[2] for item in items) or (
        len(items) > 1 and not _BLOCK_HEADER.search(fold(" ".join(items)))
    ):
        institutions = [_listed(item) for item in items]
        return [inst for inst in institutions if inst is not None]
    return _country_blocks("\n".join(lines), owner_country)


def _split_semicolons(item: str) -> list[str]:
    """ "Ejecutora: INAMU, Costa Rica; Financiadora: Unión Europea, Bélgica": one per piece.

    Only when every piece names its own role or country; otherwise a semicolon is left to
    separate the parts of one institution.
    """
    pieces = [piece.strip() for piece in item.split(";") if piece.strip()]
    if len(pieces) < 2:
        return [item]
    described = all(_read_listed(piece)[1] or _read_listed(piece)[2] for piece in pieces)
    return pieces if described else [item]


def _read_listed(item: str) -> tuple[list[str], str | None, str | None]:
    """(name parts, country, role) of one listed institution."""
    item = strip_bullet(item).strip(" .;")
    country = role = None
    # "Entidad (País)" and "(País, rol)" in parentheses.
    for group in re.findall(r"\(([^()]*)\)", item):
        pieces = [piece.strip() for piece in re.split(r"[,;/–-]", group)]
        if pieces and all(canonical_country(p) or role_word(p) for p in pieces if p):
            for piece in pieces:
                country = country or canonical_country(piece)
                role = role or role_word(piece)
            item = item.replace(f"({group})", " ")
    names: list[str] = []
    for part in _PARTS.split(item):
        part = part.strip(" .,;:")
        if part.startswith("(") and part.endswith(")"):
            part = part[1:-1].strip()
        if not part:
            continue
        if role is None and role_word(part):
            role = role_word(part)
        elif country is None and canonical_country(part):
            country = canonical_country(part)
        else:
            names.append(part)
    return names, country, role


def _listed(item: str) -> Institution | None:
    names, country, role = _read_listed(item)
    name = ", ".join(names).strip(" ,;:-–")
    if not name or role_word(name) or not re.search(r"\w{2}", name):
        return None
    found = _institution(name, country, role or PARTICIPANT)
    return found if found.name else None


_BLOCK_HEADER = re.compile(
    rf"(?<!\w)(?:(?P<others>otras instituciones(?: participantes)?|otros participantes)"
    rf"|(?P<country>{COUNTRY_PATTERN}))\s*:"
)
# Words that begin an institution's name: a new institution starts before them.
_INSTITUTION_START = re.compile(
    r"(?<=\s)(?:Embajada|Ministerio|Instituto|Agencia|Secretar[ií]a|Fondo|Programa|"
    r"Organizaci[oó]n|ONU|Naciones Unidas|Banco|Universidad|Gobierno|Comisi[oó]n|Consejo|"
    r"Oficina|Direcci[oó]n|Fundaci[oó]n|Corporaci[oó]n|C[aá]mara|Servicio|Uni[oó]n Europea|"
    r"Centro|Municipalidad|Alcald[ií]a|Defensor[ií]a|Procuradur[ií]a|Asociaci[oó]n|"
    r"Delegaci[oó]n|Cooperaci[oó]n|Sistema|Mecanismo|Foro|Comit[eé]|Observatorio|Alianza|"
    r"Red|Grupo|Mesa|Parlamento|Corte|Federaci[oó]n|Plataforma|PNUD|UNICEF|UNFPA|CEPAL|OEA|BID|OIT|OPS|OMS|FAO|UNESCO|"
    r"ACNUR|OIM|GIZ|AECID|AGCID|AMEXCID|JICA|KOICA|USAID)\b"
)
# After these, a capitalised institution word is part of the same name ("Oficina del Fondo…").
_STARTS = _INSTITUTION_START.pattern.replace("(?<=\\s)", "")
_JOINING_WORDS = {"de", "del", "la", "las", "los", "el", "en", "para", "por", "a", "al", "con",
                  "sobre", "of", "the", "for"}  # fmt: skip
_ACRONYM = re.compile(r"^(?P<name>.*?)\s*\((?P<acronym>[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑa-z0-9&.\-]{1,19})\)$")
_COUNTRY_TAIL = re.compile(
    rf"^(?P<name>.*?)\s*(?P<sep>[-–(]|\ben\s)\s*(?P<country>{COUNTRY_PATTERN})\)?$"
)


def _country_blocks(text: str, owner_country: str | None) -> list[Institution]:
    """ "México: … Chile: … Otras Instituciones Participantes: …", as the seed writes it."""
    flat = collapse(text)
    folded = fold(flat)
    headers = list(_BLOCK_HEADER.finditer(folded))
    blocks: list[tuple[str | None, str]] = []  # (country or None for participants, body)
    if not headers or headers[0].start() > 0:
        blocks.append((None, flat[: headers[0].start() if headers else len(flat)]))
    for index, header in enumerate(headers):
        end = headers[index + 1].start() if index + 1 < len(headers) else len(flat)
        body = flat[header.end() : end]
        country = canonical_country(header.group("country")) if header.group("country") else None
        blocks.append((country, body))
    countries = [country for country, _ in blocks if country]
    lead = canonical_country(owner_country) if owner_country else None
    if lead not in countries:
        lead = countries[-1] if countries else None
    institutions: list[Institution] = []
    for country, body in blocks:
        role = PARTICIPANT if country is None else LEAD if country == lead else COUNTERPART
        institutions.extend(_institution(name, country, role) for name in _split_names(body))
    return institutions


def _split_names(body: str) -> list[str]:
    """ "ONU Mujeres -México Embajada de Alemania en México" → the two names."""
    names: list[str] = []
    # A comma parts names before an institution word, or after an acronym closed a name.
    parts = r"\s*(?:;|\s[·•▪]\s|,(?=\s*" + _STARTS + r")|(?<=\)),(?=\s*[A-ZÁÉÍÓÚÑ]))\s*"
    for chunk in re.split(parts, body):
        start = 0
        for match in _INSTITUTION_START.finditer(chunk):
            previous = chunk[start : match.start()].split()
            if not previous:
                continue
            word = fold(previous[-1])
            if word in _JOINING_WORDS:
                continue
            end = match.start()
            if word in ("y", "e"):
                # "… y Embajada de …": a list conjunction, not part of either name.
                end = chunk.rfind(previous[-1], start, match.start())
            names.append(chunk[start:end])
            start = match.start()
        names.append(chunk[start:])
    cleaned = (name.strip(" ,;.:-–") for name in names)
    return [name for name in cleaned if name]


def _institution(text: str, country: str | None, role: str) -> Institution:
    name, acronym = text, None
    match = _ACRONYM.match(name)
    if match and sum(char.isupper() for char in match.group("acronym")) >= 2:
        name, acronym = match.group("name"), match.group("acronym")
    if country is None:
        tail = _COUNTRY_TAIL.match(fold(name))
        if tail:
            country = canonical_country(tail.group("country"))
            if not tail.group("sep").startswith("en"):
                # "ONU Mujeres -México": the country is a qualifier, not part of the name;
                # "Embajada de Alemania en México" keeps it.
                name = name[: tail.end("name")]
    return Institution(name.strip(" ,;.:-–"), acronym, country, role)
