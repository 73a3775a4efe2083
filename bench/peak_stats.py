"""What bench/peak_hour.py reads back: queue depths over time, each push's latency (matched to
its card through the card button's callback data), the outgoing rate the sandbox saw, and the
time spent per stage from the rows' own timestamps."""

from __future__ import annotations

import itertools
import json
import re
import time
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from bench.common import Figure
from bench.load_common import percentile
from sandbox.emulator import BotApiEmulator

CARD_IN_BUTTON = re.compile(r"cd:[a-z_]+:(\d+)")
_DEPTHS = sa.text(
    "SELECT (SELECT count(*) FROM posts WHERE classify_state = 'pending'),"
    " (SELECT count(*) FROM request_cards WHERE matched_at IS NULL),"
    " (SELECT count(*) FROM notifications WHERE status = 'pending')")
# Per card, each post it was seen in: where the post came from and when each step touched it.
_TIMELINE = sa.text(
    "SELECT rs.request_id, s.tg_id, p.message_id, p.stored_at,"
    " (SELECT min(c.created_at) FROM classifications c WHERE c.post_id = p.id), rc.matched_at"
    " FROM request_sources rs JOIN posts p ON p.id = rs.post_id"
    " JOIN sources s ON s.id = p.source_id JOIN request_cards rc ON rc.id = rs.request_id")
_NOTIFICATIONS = sa.text(
    "SELECT count(*), count(DISTINCT request_id) FROM notifications WHERE channel = 'telegram'")
_CARDS = sa.text("SELECT count(*) FROM request_cards WHERE kind = 'request'")
Handed = dict[tuple[int, int], float]


@dataclass(frozen=True)
class Sample:
    at: float
    classify: int
    unmatched: int
    outbox: int

    @property
    def empty(self) -> bool:
        return self.classify == 0 and self.unmatched == 0 and self.outbox == 0


async def queue_depths(engine: Any) -> Sample:
    async with engine.connect() as conn:
        classify, unmatched, outbox = (await conn.execute(_DEPTHS)).one()
    return Sample(time.time(), classify, unmatched, outbox)


@dataclass(frozen=True)
class Latencies:
    p50: float
    p95: float
    worst: float
    count: int
    expected: int


def _pushes(emu: BotApiEmulator) -> list[tuple[int, float]]:
    """(card id, received at) of every accepted push."""
    out = []
    for call in emu.calls_of("sendMessage"):
        markup = call.params.get("reply_markup")
        found = CARD_IN_BUTTON.search(markup if isinstance(markup, str) else json.dumps(markup))
        if call.ok and found:
            out.append((int(found.group(1)), call.at))
    return out


async def first_posts(engine: Any, handed: Handed) -> dict[int, tuple[float, tuple[Any, ...]]]:
    """Per card: when its first post was handed over, and that post's timeline row."""
    first: dict[int, tuple[float, tuple[Any, ...]]] = {}
    async with engine.connect() as conn:
        for row in (await conn.execute(_TIMELINE)).all():
            at = handed.get((row[1], row[2]))
            if at is not None and (row[0] not in first or at < first[row[0]][0]):
                first[row[0]] = (at, tuple(row))
    return first


async def push_latencies(
    engine: Any, emu: BotApiEmulator, handed: Handed
) -> tuple[Latencies, float]:
    first = await first_posts(engine, handed)
    values = [at - first[card][0] for card, at in _pushes(emu) if card in first]
    async with engine.connect() as conn:
        staged, _ = (await conn.execute(_NOTIFICATIONS)).one()
        cards = (await conn.execute(_CARDS)).scalar_one()
    latencies = Latencies(percentile(values, 50), percentile(values, 95),
                          max(values, default=float("nan")), len(values), staged)
    return latencies, staged / max(cards, 1)


async def stages(engine: Any, emu: BotApiEmulator, handed: Handed) -> list[Figure]:
    """p50/p95 of each step for every delivered push, from its card's first post."""
    first = await first_posts(engine, handed)
    steps: dict[str, list[float]] = {"store": [], "classify_queue": [], "classify_to_matched": [],
                                     "matched_to_received": []}
    for card, received in _pushes(emu):
        if card not in first:
            continue
        at, (_, _, _, stored, claimed, matched) = first[card]
        if stored is None or claimed is None or matched is None:
            continue
        steps["store"].append(stored.timestamp() - at)
        steps["classify_queue"].append(claimed.timestamp() - stored.timestamp())
        steps["classify_to_matched"].append(matched.timestamp() - claimed.timestamp())
        steps["matched_to_received"].append(received - matched.timestamp())
    return [Figure(f"peak_hour.stage.{name}_p{q}", percentile(values, q), "s", "informational")
            for name, values in steps.items() for q in (50, 95)]


@dataclass(frozen=True)
class Outgoing:
    times: list[float]
    peak_per_second: float
    min_chat_gap: float
    refused: int

    def mean_in(self, samples: list[Sample]) -> float:
        if len(samples) < 2:
            return float("nan")
        start, end = samples[0].at, samples[-1].at
        return sum(1 for t in self.times if start <= t <= end) / max(end - start, 1e-9)


def outgoing(emu: BotApiEmulator) -> Outgoing:
    calls = emu.calls_of("sendMessage")
    accepted = sorted(c.at for c in calls if c.ok)
    peak, low = 0, 0
    for high, at in enumerate(accepted):  # the most accepted messages in any 1 s window
        while at - accepted[low] >= 1.0:
            low += 1
        peak = max(peak, high - low + 1)
    by_chat: dict[Any, list[float]] = {}
    for call in calls:
        if call.ok:
            by_chat.setdefault(call.params.get("chat_id"), []).append(call.at)
    gaps = [b - a for times in by_chat.values() for a, b in itertools.pairwise(times)]
    return Outgoing(accepted, float(peak), min(gaps, default=float("nan")),
                    sum(1 for c in calls if c.error_code == 429))
