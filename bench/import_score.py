"""Score the importer on the generated corpus: % of fields right per layout, family and form.

    .venv/bin/python bench/import_score.py [--per-layout] [--show-failures N] [--seed S]
                                           [--size N] [--json]

Builds the corpus of tests/importers/corpus (in memory), runs `extract_text` + `parse_document`
in-process on every file and compares `to_json()` with the expected fields (rules in
tests/importers/corpus/scoring.py). A crash or an ImportFormatError scores every field of that
document wrong and is counted apart.
"""

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.importers.corpus import DEFAULT_SEED, DEFAULT_SIZE, build_corpus
from tests.importers.corpus.scoring import Score, score
from tracker.importers import ImportFormatError, extract_text, parse_document


def parse_case(case) -> tuple[dict | None, str | None]:
    """(to_json(), None) or (None, why it failed)."""
    try:
        return parse_document(extract_text(case.data, case.name)).to_json(), None
    except ImportFormatError as error:
        return None, f"refused: {error.message}"
    except Exception as error:  # a crash is what this bench exists to find
        return None, f"crash: {type(error).__name__}: {error}"


def run(seed: int, size: int) -> dict:
    """Every case scored; the totals the report prints."""
    started = time.perf_counter()
    cases = build_corpus(seed, size)
    built = time.perf_counter()
    groups: dict[str, Score] = defaultdict(Score)
    fields: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures: list[tuple[str, str, object, object]] = []
    problems: Counter[str] = Counter()
    problem_cases: list[tuple[str, str]] = []
    for case in cases:
        got, problem = parse_case(case)
        if problem:
            problems[problem.split(":")[0]] += 1
            problem_cases.append((case.name, problem))
        result = score(case.expected, got)
        for key in ("all", f"family:{case.family}", f"layout:{case.layout}", f"kind:{case.kind}",
                    f"family-kind:{case.family}/{case.kind}"):  # fmt: skip
            groups[key].right += result.right
            groups[key].total += result.total
        for path, (right, total) in result.by_field.items():
            counts = fields[f"{case.kind}:{path}"]
            counts[0] += right
            counts[1] += total
        failures += [(case.name, path, want, have) for path, want, have in result.failures]
    return {
        "groups": {key: (s.right, s.total) for key, s in groups.items()},
        "fields": dict(fields),
        "failures": failures,
        "problems": dict(problems),
        "problem_cases": problem_cases,
        "documents": len(cases),
        "seconds_build": round(built - started, 1),
        "seconds_total": round(time.perf_counter() - started, 1),
    }


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:5.1f}%" if total else "   - "


def print_report(result: dict, per_layout: bool, show_failures: int) -> None:
    groups = result["groups"]
    print(f"{result['documents']} documents, built in {result['seconds_build']} s, "
          f"total {result['seconds_total']} s")  # fmt: skip
    prefixes = ["family:", "kind:", "family-kind:"] + (["layout:"] if per_layout else [])
    for prefix in prefixes:
        print(f"\n{prefix.rstrip(':')}")
        for key in sorted(k for k in groups if k.startswith(prefix)):
            right, total = groups[key]
            print(f"  {key[len(prefix) :]:<34} {_pct(right, total)}  ({right}/{total})")
    right, total = groups["all"]
    print(f"\noverall {_pct(right, total)} ({right}/{total})")
    print(f"refused or crashed: {result['problems'] or 'none'}")
    for name, problem in result["problem_cases"][:10]:
        print(f"  {name}: {problem[:150]}")
    print("\nworst fields")
    worst = sorted(result["fields"].items(), key=lambda kv: kv[1][0] / kv[1][1])
    for path, (right, total) in worst[:15]:
        print(f"  {path:<50} {_pct(right, total)}  ({right}/{total})")
    if show_failures:
        print(f"\nfirst {show_failures} failures (file, field, expected, got)")
        for name, path, want, have in result["failures"][:show_failures]:
            print(f"  {name}  {path}\n      expected: {want!r:.200}\n      got:      {have!r:.200}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-layout", action="store_true", help="also print every layout")
    parser.add_argument("--show-failures", type=int, default=0, metavar="N")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE)
    parser.add_argument("--json", action="store_true", help="print the totals as JSON")
    args = parser.parse_args()
    result = run(args.seed, args.size)
    if args.json:
        print(json.dumps({k: result[k] for k in ("groups", "problems", "documents")}, indent=1))
    else:
        print_report(result, args.per_layout, args.show_failures)


if __name__ == "__main__":
    main()
