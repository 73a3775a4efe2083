"""Pairwise precision/recall of the client merge against the hand-checked posts."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Mapping
from pathlib import Path

from identity.memory import MemoryIndex
from identity.ner import Finder, no_ner
from identity.resolve import resolve

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "tg_jobs_wudmc"
GOLD = Path(__file__).with_name("data") / "merge_gold.json"


def gold() -> dict[str, str | None]:
    return dict(json.loads(GOLD.read_text(encoding="utf-8"))["posts"])


def posts() -> list[dict[str, object]]:
    rows = [json.loads(line) for line in (DATA / "records.jsonl").open(encoding="utf-8")]
    return sorted(rows, key=lambda r: (str(r["datetime"]), int(str(r["chat_id"])),
                                       int(str(r["id"]))))


def boards() -> set[str]:
    rows = [json.loads(line) for line in (DATA / "channels.jsonl").open(encoding="utf-8")]
    return {str(r["username"]).lower() for r in rows if r.get("username")}


def replay(rows: list[dict[str, object]], ner: Finder = no_ner,
           keep: Callable[[str], bool] = lambda _: True) -> dict[str, int | None]:
    """Every post in time order through the merge; the client of each kept post."""
    index, known, assigned = MemoryIndex(), boards(), {}
    for row in rows:
        key = f"{row['chat_id']}:{row['id']}"
        client = index.assign(resolve(str(row["text"] or ""), boards=known, ner=ner,
                                      source_username=str(row["channel_username"] or "")))
        if keep(key):
            assigned[key] = client
    return assigned


def score(assigned: Mapping[str, int | None], truth: Mapping[str, str | None]) -> dict[str, float]:
    labelled = [k for k, v in truth.items() if v is not None]
    same_true = same_pred = both = 0
    for a, b in itertools.combinations(labelled, 2):
        t = truth[a] == truth[b]
        p = assigned.get(a) is not None and assigned.get(a) == assigned.get(b)
        same_true += t
        same_pred += p
        both += t and p
    nobody = [k for k, v in truth.items() if v is None]
    return {
        "precision": both / same_pred if same_pred else 1.0,
        "recall": both / same_true if same_true else 1.0,
        "resolved": sum(assigned.get(k) is not None for k in labelled) / len(labelled),
        "nobody_right": sum(assigned.get(k) is None for k in nobody) / max(1, len(nobody)),
    }
