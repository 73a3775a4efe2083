"""The bench-fit precision set: 100 real requests and a bench of real offer/CV posts, both as
their hand labels in ../shared/data/annotations/train.jsonl, scored by crm's matcher rules.

tests/data/bench_fit_judged.jsonl keeps a person's verdict on every pair the rules pushed
(post keys only, never the posts), so precision can be recomputed against the current scorer.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from crm.fit_rules import is_fit
from crm.fit_settings import FitSettings
from crm.matching import DeveloperProfile, MatchScore, RequestProfile, Scorer, spellings
from crm.money import to_rub_hour
from db.records.feed import GRADES

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT.parent / "shared" / "data" / "annotations" / "train.jsonl"
JUDGED = ROOT / "tests" / "data" / "bench_fit_judged.jsonl"
REQUESTS = 100
SEED = 21
START = date(2026, 1, 1)  # any fixed day: offers carry no availability date (free now)


@dataclass(frozen=True)
class Pair:
    request_key: str
    developer_key: str
    match: MatchScore


def _rub(rate: Mapping[str, Any] | None, side: str) -> Decimal | None:
    if not rate or rate.get(side) is None:
        return None
    return to_rub_hour(Decimal(str(rate[side])), rate.get("currency"), rate.get("period"))


def request_profile(row: Mapping[str, Any]) -> RequestProfile:
    return RequestProfile(
        stack=tuple(row["stack"]), grades=tuple(row["grades"]),
        rate_min=_rub(row["rate"], "min"), rate_max=_rub(row["rate"], "max"),
        formats=tuple(row["format"]), start=START,
    )


def developer_profile(row: Mapping[str, Any]) -> DeveloperProfile:
    """As crm.bench.from_offer stores an offer: the highest grade named, the lower rate."""
    grades = [g for g in GRADES if g in row["grades"]]
    rate = _rub(row["rate"], "min") or _rub(row["rate"], "max")
    return DeveloperProfile(stack=tuple(row["stack"]), grade=grades[-1] if grades else None,
                            rate=rate, available_from=None, formats=tuple(row["format"]))


def _rows() -> list[dict[str, Any]]:
    with ANNOTATIONS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _shares(row: Mapping[str, Any], known: set[str]) -> bool:
    return any(not known.isdisjoint(spellings(item)) for item in row["stack"])


def dataset() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """(the bench: every labelled offer with a stack; 100 requests sharing some of it), by key.
    The requests are a seeded sample of the labelled ones: the others could push nothing."""
    rows = _rows()
    bench = {r["key"]: r for r in rows if r["kind"] == "offer" and r["stack"]}
    known = {v for r in bench.values() for item in r["stack"] for v in spellings(item)}
    candidates = sorted((r for r in rows if r["kind"] == "request" and _shares(r, known)),
                        key=lambda r: r["key"])
    chosen = random.Random(SEED).sample(candidates, REQUESTS)
    return {r["key"]: r for r in chosen}, bench


def pushed_pairs(threshold: float | None = None, *, roles: bool = True) -> Iterator[Pair]:
    """Every (request, developer) pair the current rules would push, best first per request;
    `roles` False drops the role-family rule (what the score alone would push)."""
    threshold = FitSettings.model_construct().threshold if threshold is None else threshold
    requests, bench = dataset()
    for key, row in sorted(requests.items()):
        profile = request_profile(row)
        scorer = Scorer(profile)
        found = [Pair(key, dev_key, scorer.match(developer_profile(dev)))
                 for dev_key, dev in sorted(bench.items())]
        wanted = row["roles"] if roles else ()
        yield from sorted((p for p in found if is_fit(profile, p.match, threshold, wanted,
                                                      bench[p.developer_key]["roles"])),
                          key=lambda p: -p.match.score)


def judged() -> dict[tuple[str, str], dict[str, Any]]:
    with JUDGED.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return {(r["request"], r["developer"]): r for r in rows}


@dataclass(frozen=True)
class Precision:
    pushed: int
    sensible: int
    unjudged: int

    @property
    def value(self) -> float:
        return self.sensible / self.pushed if self.pushed else float("nan")


def precision(threshold: float | None = None, *, roles: bool = True) -> Precision:
    verdicts = judged()
    pairs = [(p.request_key, p.developer_key) for p in pushed_pairs(threshold, roles=roles)]
    sensible = sum(1 for pair in pairs if verdicts.get(pair, {}).get("verdict") == "sensible")
    return Precision(len(pairs), sensible, sum(1 for pair in pairs if pair not in verdicts))
