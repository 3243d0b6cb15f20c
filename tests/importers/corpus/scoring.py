"""Field-by-field comparison of a parse result with the expected `to_json()`.

- Scalars (strings, numbers, ISO dates): equal after collapsing whitespace and trimming the
  trailing punctuation ``. , ; :``; one field each.
- Lists of strings or numbers: compared as sets of normalised items. Each item of the union is a
  field (right when it is in both); two empty lists count as one right field.
- `commitments` / `actions` (objects ``{"text", "due_date", "responsible"}``) and
  `project.institutions` (``{"name", "acronym", "country", "role"}``): items are paired by their
  normalised text / name. A paired item scores each of its keys; an expected item not found
  scores all its keys wrong; an extra item found scores one wrong field. A plain string where an
  object is expected (the old contract) pairs by text and scores its other keys wrong.
- Not scored: `warnings`, `missing`, and `milestones` (derived from the dates already scored).
"""

import unicodedata
from dataclasses import dataclass, field
from typing import Any

NOT_SCORED = {"warnings", "missing", "milestones", "kind"}
OBJECT_LISTS = {
    "commitments": ("text", "due_date", "responsible"),
    "actions": ("text", "due_date", "responsible"),
    "project.institutions": ("name", "acronym", "country", "role"),
}


class _Absent:
    """A key the parse result does not have at all (shown in failure listings)."""

    def __repr__(self) -> str:
        return "<absent>"


_ABSENT = _Absent()


@dataclass
class Score:
    right: int = 0
    total: int = 0
    #: field path -> [right, total]
    by_field: dict[str, list[int]] = field(default_factory=dict)
    failures: list[tuple[str, Any, Any]] = field(default_factory=list)

    def add(self, path: str, ok: bool, expected: Any = None, got: Any = None) -> None:
        self.right += ok
        self.total += 1
        counts = self.by_field.setdefault(path, [0, 0])
        counts[0] += ok
        counts[1] += 1
        if not ok:
            self.failures.append((path, expected, got))


def norm(value: Any) -> Any:
    if isinstance(value, str):
        text = " ".join(unicodedata.normalize("NFC", value).split()).rstrip(".,;: ")
        return text or None
    return value


def score(expected: dict, got: dict | None) -> Score:
    """The fields of `got` that match `expected`; `got` None (a crash) scores every field wrong."""
    result = Score()
    _walk(expected, got if isinstance(got, dict) else {}, "", result)
    return result


def _walk(expected: dict, got: dict, prefix: str, result: Score) -> None:
    for key, want in expected.items():
        path = f"{prefix}{key}"
        if key in NOT_SCORED:
            continue
        have = got.get(key, _ABSENT) if isinstance(got, dict) else _ABSENT
        if isinstance(want, dict):
            _walk(want, have if isinstance(have, dict) else {}, f"{path}.", result)
        elif path in OBJECT_LISTS:
            _objects(path, want, have, result)
        elif isinstance(want, list):
            _set(path, want, have, result)
        else:
            result.add(path, have is not _ABSENT and norm(have) == norm(want), want, have)


def _set(path: str, want: list, have: Any, result: Score) -> None:
    wanted = {norm(item) for item in want}
    found = {norm(item) for item in have} if isinstance(have, list) else set()
    if not wanted and not found:
        result.add(path, isinstance(have, list), want, have)
        return
    for item in wanted | found:
        result.add(path, item in wanted and item in found, item if item in wanted else None,
                   item if item in found else None)  # fmt: skip


def _objects(path: str, want: list[dict], have: Any, result: Score) -> None:
    keys = OBJECT_LISTS[path]
    pair_key = keys[0]
    found: dict[Any, dict] = {}
    for item in have if isinstance(have, list) else []:
        if isinstance(item, str):  # the old contract: the text alone
            item = {pair_key: item}
        if isinstance(item, dict):
            found.setdefault(norm(item.get(pair_key)), item)
    if not want and not found:
        result.add(path, isinstance(have, list), want, have)
        return
    for item in want:
        name = norm(item[pair_key])
        match = found.pop(name, None)
        for key in keys:
            ok = match is not None and key in match and norm(match[key]) == norm(item[key])
            result.add(f"{path}.{key}", ok, item[key], match.get(key, _ABSENT) if match else None)
    for name in found:
        result.add(f"{path}.{pair_key}", False, None, name)
