"""Selecting outbox rows by id: runs of consecutive ids, a few statement shapes.

Every step after the claim reads or writes a known set of rows (a recipient's, a batch's). A
recipient's rows are mostly one run of consecutive ids (enqueue writes them side by side), so
each run is one BETWEEN: a few numbers bound where IN (…) would bind hundreds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from sqlalchemy import bindparam, or_

#: Most ids bound in one IN (…) (SQLite allows 32,766 parameters per statement).
IN_CHUNK = 5000
#: Most runs of consecutive ids (BETWEEN …) in one statement.
RUNS_PER_STATEMENT = 250


def chunks(values: Sequence, size: int = IN_CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def id_runs(ids: Iterable[int]) -> list[list[int]]:
    """The ids as runs of consecutive integers, [first, last] each, in order."""
    runs: list[list[int]] = []
    for row_id in sorted(ids):
        if runs and row_id == runs[-1][1] + 1:
            runs[-1][1] = row_id
        else:
            runs.append([row_id, row_id])
    return runs


def by_ids(ids: Iterable[int]) -> Iterator[tuple[int, dict[str, int]]]:
    """(n, parameters) pairs that select exactly `ids` with `id_runs_clause(column, n)`,
    one statement's worth each.

    Every integer in a run is one of the ids, so a BETWEEN selects nothing else. The runs are
    padded to a power of two with repeats of the last one: a handful of statement shapes,
    each built and compiled once.
    """
    runs = id_runs(ids)
    for start in range(0, len(runs), RUNS_PER_STATEMENT):
        some = runs[start : start + RUNS_PER_STATEMENT]
        some += [some[-1]] * ((1 << (len(some) - 1).bit_length()) - len(some))
        params = {}
        for n, (first, last) in enumerate(some):
            params[f"first_{n}"], params[f"last_{n}"] = first, last
        yield len(some), params


@cache
def id_runs_clause(column, count: int) -> Any:
    """`column` within any of `count` ranges, bound as first_0, last_0, first_1, …"""
    return or_(
        *(column.between(bindparam(f"first_{n}"), bindparam(f"last_{n}")) for n in range(count))
    )
