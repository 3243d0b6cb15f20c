"""A generated corpus of participation reports and project sheets, each with its expected fields.

`build_corpus(seed, size)` returns `Case`s: a real file (bytes and a name: .txt, .docx or .pdf,
built in memory, nothing committed) and the `to_json()` the importer must return for it. Content,
label phrasing, layout and the ways dates, deadlines and lists are written vary independently,
drawn from one `random.Random` per document, so a seed always gives the same corpus.

The expected fields follow tests/importers/expected.py, with the contract of issue #12:

- each entry of `commitments` and `actions` is ``{"text", "due_date", "responsible"}``;
- every result also carries ``"warnings": [...]`` (not scored, so not in the expected dicts).

How a commitment is read (the parser must match this):

- ``text`` keeps the commitment's own wording, **including its deadline** ("Remitir la hoja de
  ruta a la Secretaría Técnica a más tardar el 15 de marzo de 2024"). Only a trailing
  *responsible annotation* is removed: a final parenthesised group that starts with "responsable"
  ("(responsable: Despacho Ministerial)", "(Responsable: …)"), or a final "Responsable: X"
  written after a period. Prose such as ", a cargo de la Dirección de Planificación" stays in the
  text. The bullet and trailing punctuation are not part of the text (the scorer trims ``.,;:``).
- ``responsible`` is the name as written, without the article of "a cargo de la/del …"
  ("Dirección de Planificación", "Despacho Ministerial"); null when none is named. The importer
  falls back to the participant when saving, not in the parse result.
- ``due_date`` (ISO) is what the text states, null when it states nothing:
  a day ("a más tardar el 15 de marzo de 2024", "antes del 30 de junio", "hasta el 10/05/2024")
  is that day — without a year, its first occurrence on or after the activity's last day;
  a period is its last day ("a fines/finales de marzo de 2025" → 2025-03-31, "en el primer
  trimestre de 2025" → 2025-03-31, "en el segundo semestre de 2024" → 2024-12-31,
  "durante 2025" → 2025-12-31); a delay counts from the activity's last day ("en un plazo de 30
  días" → end + 30 days, "en un plazo de 3 meses" → the same day 3 months later, clamped).

Other choices the expectations make:

- Activity dates: "agosto 2023" is the whole month; "14 y 15 de marzo, 2023" and "8-10/05/2024"
  are ranges. Empty markers ("N/A", "No aplica", "Ninguno", "-", "No se adquirieron
  compromisos.") give ``[]`` for a list and ``null`` for a text. Signature and stamp lines are not
  part of the comments. `links` are the URLs of the form's body, joined when a PDF wrapped them.
- Motive and description paragraphs are joined with one space.
- Project sheets: ``planned_end_date`` is ``planned_end(start, months)``; when the sheet gives
  start and end dates instead, ``duration_months`` is the whole months between them. A sheet that
  states no status, or none that can be read, has ``status`` null.
- Institution roles from the words of a bulleted list: ejecutora/ejecutor → ``lead``;
  socia, contraparte → ``counterpart``; cooperante, financiadora, donante → ``funder``;
  participante, colaboradora → ``participant``. In the seed's country-block layout the last
  country block is the ``lead``, the other blocks ``counterpart``, "Otras instituciones" are
  ``participant`` (country from a trailing "en <país>", else null).
"""

from dataclasses import dataclass
from random import Random

from tests.importers.corpus.layouts import LAYOUTS, render
from tests.importers.corpus.reports import generate_report
from tests.importers.corpus.sheets import generate_sheet

DEFAULT_SEED = 12
DEFAULT_SIZE = 300


@dataclass(frozen=True)
class Case:
    name: str  #: file name, e.g. "r017-pdf_spaces.pdf"
    kind: str  #: "participation_report" or "project_sheet"
    layout: str  #: one of LAYOUTS
    data: bytes
    expected: dict

    @property
    def family(self) -> str:
        """txt, docx or pdf."""
        return self.layout.split("_")[0]


def build_corpus(seed: int = DEFAULT_SEED, size: int = DEFAULT_SIZE) -> list[Case]:
    """`size` documents, alternating reports and sheets, spread evenly over the layouts."""
    cases = []
    layouts = sorted(LAYOUTS)
    for index in range(size):
        rng = Random(f"{seed}:{index}")
        is_report = index % 2 == 0
        form, expected = generate_report(rng) if is_report else generate_sheet(rng)
        layout = layouts[(index // 2) % len(layouts)]
        data, extension = render(layout, form, rng)
        prefix = "r" if is_report else "s"
        cases.append(
            Case(f"{prefix}{index:03d}-{layout}{extension}", form.kind, layout, data, expected)
        )
    return cases
