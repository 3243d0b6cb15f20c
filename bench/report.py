"""bench/RESULTS.md from bench/results.json: issue 15's targets table (measure | result |
target), then every figure per backend and size, with the command and the machine."""

import contextlib
import os
import platform
import sqlite3
import subprocess


def machine() -> dict:
    cpu = ""
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if "model name" in line), "")
    except OSError:
        pass
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    postgres = ""
    with contextlib.suppress(OSError):
        postgres = subprocess.run(
            ["psql", "--version"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gb": round(memory_gb, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql_client": postgres,
    }


def _run(results: dict, backend: str, size: int) -> dict | None:
    return next((r for r in results["runs"].get(backend, []) if r["followups"] == size), None)


def _first(run: dict | None, name: str = "first run") -> str:
    if run is None:
        return "not run"
    first = run["reminders"][name]
    text = f"{first['seconds']:.2f} s, {first['peak_rss_mb']:.0f} MB"
    return text


def _reached(run: dict | None) -> str:
    if run is None:
        return "not run"
    first = run["reminders"]["first run"]
    return (
        f"{_first(run)}, {first['recipients']:,} recipients reached in {first['messages']:,} "
        f"mails (largest {first['largest_message_kb']:,.0f} KB), "
        f"{first.get('sent', 0):,} rows sent, {first.get('failed', 0):,} failed"
    )


def _pages(run: dict | None, names: list[str]) -> str:
    if run is None:
        return "not run"
    return " / ".join(f"{run['pages'][name]['median_ms']:.0f}" for name in names) + " ms"


def targets(results: dict) -> list[tuple[str, str, str]]:
    sqlite_100k = _run(results, "sqlite", 100_000)
    sqlite_1m = _run(results, "sqlite", 1_000_000)
    pg_100k = _run(results, "postgresql", 100_000)
    lists = ["dashboard", "follow-up list", "follow-up list, filtered", "timeline", "project page"]
    return [
        ("first run, 100k follow-ups / 500 people, SQLite", _first(sqlite_100k), "≤ 2 s, ≤ 150 MB"),
        ("next day's run, 100k", _first(sqlite_100k, "next day"), "≤ 0.5 s"),
        (
            "first run, 1M / 5,000 people, relay with a 10 MB limit",
            _reached(sqlite_1m),
            "≤ 10 s, ≤ 250 MB, everyone reached",
        ),
        ("next day's run, 1M", _first(sqlite_1m, "next day"), "≤ 2 s"),
        ("first run, 100k, PostgreSQL", _first(pg_100k), "≤ 3 s"),
        (
            "dashboard / list / filtered list / timeline / project page at 1M, "
            "median over HTTP, SQLite",
            _pages(sqlite_1m, lists),
            "≤ 50 ms each",
        ),
        _postgresql_pages(results, lists),
        _statements_row(results),
        ("`tracker --help`", f"{results['tracker --help']['seconds']:.2f} s", "≤ 0.3 s"),
    ]


def _postgresql_pages(results: dict, names: list[str]) -> tuple[str, str, str]:
    """PostgreSQL's medians beside SQLite's at the largest size both ran."""
    both = [
        r["followups"]
        for r in results["runs"].get("postgresql", [])
        if _run(results, "sqlite", r["followups"])
    ]
    if not both:
        return ("the same pages on PostgreSQL", "not run", "≤ 1.5 × SQLite's")
    size = max(both)
    pg, lite = _run(results, "postgresql", size), _run(results, "sqlite", size)
    ratios = [pg["pages"][n]["median_ms"] / max(lite["pages"][n]["median_ms"], 0.1) for n in names]
    return (
        f"the same pages on PostgreSQL at {size:,}",
        f"{_pages(pg, names)} ({min(ratios):.1f}–{max(ratios):.1f} × SQLite's)",
        "≤ 1.5 × SQLite's",
    )


def _statements_row(results: dict) -> tuple[str, str, str]:
    """Pages whose statement count differs between the smallest and the largest size."""
    runs = results["runs"].get("sqlite", [])
    label = "statements per page, smallest → largest size (SQLite)"
    if len(runs) < 2:
        return (label, "one size only", "the same")
    small, large = runs[0], runs[-1]
    grown = [
        f"{name} {small['pages'][name]['statements']} → {large['pages'][name]['statements']}"
        for name, figures in small["pages"].items()
        if isinstance(figures, dict)
        and "statements" in figures
        and figures["statements"] != large["pages"][name]["statements"]
    ]
    sizes = f"{small['followups']:,} → {large['followups']:,}"
    return (f"{label}: {sizes}", "; ".join(grown) or "the same on every page", "the same")


def _rows(runs: list[dict]) -> list[tuple[str, list]]:
    first = runs[0]
    rows = [
        ("people", [r["people"] for r in runs]),
        ("seed (s)", [r["seed"]["seconds"] for r in runs]),
        ("seed peak RSS (MB)", [r["seed"]["peak_rss_mb"] for r in runs]),
    ]
    for name in first["reminders"]:
        rows += [
            (f"reminders {name} (s)", [r["reminders"][name]["seconds"] for r in runs]),
            (
                f"reminders {name} peak RSS (MB)",
                [r["reminders"][name]["peak_rss_mb"] for r in runs],
            ),
            (f"reminders {name} mails", [r["reminders"][name]["messages"] for r in runs]),
            (f"reminders {name} recipients", [r["reminders"][name]["recipients"] for r in runs]),
            (f"reminders {name} rows sent", [r["reminders"][name].get("sent") for r in runs]),
            (f"reminders {name} rows failed", [r["reminders"][name].get("failed") for r in runs]),
        ]
    for name, figures in first["pages"].items():
        if not isinstance(figures, dict):
            rows.append((name, [r["pages"][name] for r in runs]))
        elif "median_ms" in figures:
            rows += [
                (f"{name} median (ms)", [r["pages"][name]["median_ms"] for r in runs]),
                (f"{name} p95 (ms)", [r["pages"][name]["p95_ms"] for r in runs]),
                (f"{name} statements", [r["pages"][name]["statements"] for r in runs]),
            ]
        else:
            rows += [
                (f"{name} (s)", [r["pages"][name]["seconds"] for r in runs]),
                (f"{name} (MB)", [round(r["pages"][name]["bytes"] / 1e6, 1) for r in runs]),
            ]
    for name in first["imports"]:
        rows.append((f"import {name} (s)", [r["imports"][name]["seconds"] for r in runs]))
    return rows


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 10 else f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def write_markdown(results: dict) -> str:
    box = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"`.venv/bin/python {results['command']}` — started {results['started']}"
        + (f", {results['minutes']} min" if "minutes" in results else " (still running)"),
        "",
        f"Machine: {box['cpu']} ({box['cpus']} CPUs), {box['memory_gb']} GB, {box['platform']}, "
        f"Python {box['python']}, SQLite {box['sqlite']}"
        + (f", {box['postgresql_client']}" if box.get("postgresql_client") else "")
        + ". Reminder runs deliver to a local relay with a 10 MB SIZE limit; wall time and peak "
        "RSS are each child's, from wait4. Pages: median over HTTP (gunicorn, one worker, one "
        "keep-alive connection, logged in as a coordinator).",
        "",
        "| measure | result | target |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {m} | {r} | {t} |" for m, r, t in targets(results)]
    for backend, runs in results["runs"].items():
        if not runs:
            continue
        lines += [
            "",
            f"## {backend}",
            "",
            "| follow-ups | " + " | ".join(f"{r['followups']:,}" for r in runs) + " |",
            "| --- |" + " ---: |" * len(runs),
        ]
        lines += [
            f"| {label} | " + " | ".join(_cell(v) for v in values) + " |"
            for label, values in _rows(runs)
        ]
    return "\n".join(lines) + "\n"
