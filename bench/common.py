"""What every benchmark shares: where the data is, and how figures are written and shown."""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
from collections.abc import Callable, Coroutine
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SHARED_DATA = ROOT.parent / "shared" / "data"
# The seeding benchmarks create and drop a throwaway database through this one.
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    goal: str
    commit: str = ""


def commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{out}+dirty" if dirty else out


def peak_rss_mb() -> float:
    """Peak resident memory of this process (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def require_shared(relative: str) -> Path:
    path = SHARED_DATA / relative
    if not path.exists():
        print(f"SKIP: {path} is absent (the shared data sets live in ../shared/data)")
        sys.exit(0)
    return path


def write_results(bench_name: str, figures: list[Figure]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    head = commit()
    rows = [asdict(Figure(f.name, f.value, f.unit, f.goal, f.commit or head)) for f in figures]
    path = RESULTS / f"{bench_name}.json"
    path.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(rows)
    return path


def print_table(rows: list[dict[str, object]]) -> None:
    width = max((len(str(r["name"])) for r in rows), default=10)
    for row in rows:
        value = row["value"]
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{row['name']:<{width}}  {shown:>12} {row['unit']:<10} goal {row['goal']}")


Main = Callable[..., Coroutine[Any, Any, object]]


def run_seeded(main: Main, doc: str | None, **sizes: int) -> None:
    """The command line of a benchmark that seeds a throwaway database: each size becomes an
    int option (--cards, --runs …), then --admin-url; `main` takes them in that order."""
    parser = argparse.ArgumentParser(description=doc)
    for name, default in sizes.items():
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--admin-url", default=ADMIN_URL)
    args = parser.parse_args()
    asyncio.run(main(*(getattr(args, name) for name in sizes), args.admin_url))
