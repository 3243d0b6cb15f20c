"""Country names as the forms write them (in Spanish), matched without accents or case."""

import re

from tracker.importers._normalize import collapse, fold

COUNTRIES = (
    "Alemania", "Argentina", "Australia", "Austria", "Bélgica", "Belice", "Bolivia", "Brasil",
    "Canadá", "Chile", "China", "Colombia", "Corea", "Corea del Sur", "Costa Rica", "Cuba",
    "Dinamarca", "Ecuador", "Egipto", "El Salvador", "Emiratos Árabes Unidos", "España",
    "Estados Unidos", "Filipinas", "Finlandia", "Francia", "Guatemala", "Haití", "Honduras",
    "India", "Indonesia", "Irlanda", "Israel", "Italia", "Jamaica", "Japón", "Luxemburgo",
    "Marruecos", "México", "Nicaragua", "Noruega", "Nueva Zelanda", "Países Bajos", "Panamá",
    "Paraguay", "Perú", "Polonia", "Portugal", "Reino Unido", "República Dominicana",
    "Rusia", "Sudáfrica", "Suecia", "Suiza", "Trinidad y Tobago", "Turquía", "Uruguay",
    "Venezuela",
)  # fmt: skip
_BY_FOLDED = {fold(name): name for name in COUNTRIES}
# Longest first, so that "Corea del Sur" wins over "Corea".
COUNTRY_PATTERN = "|".join(
    re.escape(name).replace(r"\ ", " ") for name in sorted(_BY_FOLDED, key=len, reverse=True)
)


def canonical_country(text: str | None) -> str | None:
    """ "mexico" → "México"; None for a name that is not in the list."""
    if not text:
        return None
    return _BY_FOLDED.get(collapse(fold(text)).strip(" .,;:()-"))


def split_place(text: str | None) -> tuple[str | None, str | None]:
    """A "País/ciudad" cell → (country, city): "México", "Chile / Santiago", "Lima, Perú"."""
    if not text:
        return None, None
    parts = [part.strip(" .") for part in re.split(r"\s*[/,;]\s*|\s+[-–]\s+", text)]
    parts = [part for part in parts if part]
    if not parts:
        return None, None
    if len(parts) == 1:
        return canonical_country(parts[0]) or parts[0], None
    first, second = parts[0], ", ".join(parts[1:])
    if canonical_country(second) and not canonical_country(first):
        # The city came first: "Lima, Perú".
        return canonical_country(second), first
    return canonical_country(first) or first, second
