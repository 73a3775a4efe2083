"""Where a push's time goes after its card is matched, from bench/peak_trace.py's delivery trace:
the decomposition of the post → push tail that bench/peak_hour.py reports.

Per delivered push: upstream (post handed over → card matched), due → first claim (the row
waited for a worker), bounced (first claim → last claim: the pacer returned it RETRY_LATER, or
Telegram answered 429, and it waited for its next_attempt_at and a sweep), the chat's turn and
the global pacer (sleeps in the last send), the HTTP request (left → sandbox received it). And
how many pushes were due and not yet received when its card was matched (the queue it joined):
a card that matches many managers at once is a burst no pacer sends faster than ~25-30/s.
"""

from __future__ import annotations

import bisect
import json
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench.common import Figure
from bench.load_common import percentile
from bench.peak_stats import CARD_IN_BUTTON, Handed, first_posts
from sandbox.emulator import BotApiEmulator

_ROWS = sa.text(
    "SELECT n.id, u.tg_user_id, n.request_id, rc.matched_at FROM notifications n"
    " JOIN users u ON u.id = n.user_id JOIN request_cards rc ON rc.id = n.request_id"
    " WHERE n.channel = 'telegram' AND n.status = 'sent'")
PARTS = ("upstream", "due_to_claim", "bounced", "chat_wait", "global_wait", "http", "other")


@dataclass
class Push:
    latency: float
    parts: dict[str, float]
    backlog: int
    fan_out: int
    bounces: int
    refused: int


@dataclass
class _Trace:
    claims: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    sends: dict[int, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    fills: list[dict[str, Any]] = field(default_factory=list)


def _read(path: Path) -> _Trace:
    trace = _Trace()
    for line in path.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        if event["e"] == "claim":
            for row_id in event["ids"]:
                trace.claims[row_id].append(event["t"])
        elif event["e"] == "send":
            trace.sends[event["id"]].append(event)
        elif event["e"] == "fill":
            trace.fills.append(event)
    return trace


def _received(emu: BotApiEmulator) -> dict[tuple[int, int], list[float]]:
    out: dict[tuple[int, int], list[float]] = defaultdict(list)
    for call in emu.calls_of("sendMessage"):
        markup = call.params.get("reply_markup")
        found = CARD_IN_BUTTON.search(markup if isinstance(markup, str) else json.dumps(markup))
        if call.ok and found:
            out[(int(call.params["chat_id"]), int(found.group(1)))].append(call.at)
    return out


async def pushes(
    engine: Any, emu: BotApiEmulator, handed: Handed, trace_path: Path
) -> list[Push]:
    trace, received, first = _read(trace_path), _received(emu), await first_posts(engine, handed)
    async with engine.connect() as conn:
        rows = [tuple(r) for r in (await conn.execute(_ROWS)).all()]
    fan_out: dict[int, int] = defaultdict(int)
    for _, _, card, _ in rows:
        fan_out[card] += 1
    # The i-th row (by its sent request) of a (chat, card) is the i-th message received there.
    finals: dict[tuple[int, int], list[tuple[float, tuple[Any, ...], dict[str, Any]]]] = (
        defaultdict(list))
    for row in rows:
        sent = [s for s in trace.sends.get(row[0], ()) if s["outcome"] == "sent"]
        if sent and sent[-1]["req"] is not None:
            finals[(row[1], row[2])].append((sent[-1]["req"], row, sent[-1]))
    matched_times = sorted(r[3].timestamp() for r in rows)
    received_times = sorted(t for times in received.values() for t in times)
    out = []
    for key, items in finals.items():
        for (req, row, send), got in zip(sorted(items, key=lambda i: i[0]),
                                         sorted(received.get(key, ())), strict=False):
            if row[2] not in first or not trace.claims.get(row[0]):
                continue
            matched, claims = row[3].timestamp(), trace.claims[row[0]]
            parts = {"upstream": matched - first[row[2]][0], "due_to_claim": claims[0] - matched,
                     "bounced": claims[-1] - claims[0], "chat_wait": send["chat_wait"],
                     "global_wait": send["global_wait"], "http": got - req}
            parts["other"] = got - first[row[2]][0] - sum(parts.values())
            tries = trace.sends[row[0]][:-1]
            backlog = (bisect.bisect_right(matched_times, matched)
                       - bisect.bisect_right(received_times, matched))
            out.append(Push(got - first[row[2]][0], parts, backlog, fan_out[row[2]],
                            sum(1 for s in tries if s["req"] is None),
                            sum(1 for s in tries if s["req"] is not None)))
    return out


def figures(found: list[Push], trace_path: Path) -> list[Figure]:
    """Each part's mean over the pushes at or past p95, and over the rest, side by side."""
    if not found:
        return []
    p95 = percentile([p.latency for p in found], 95)
    tail = [p for p in found if p.latency >= p95]
    rest = [p for p in found if p.latency < p95]
    out = []
    for name in (*PARTS, "backlog", "fan_out", "bounces", "refused"):
        for group, pushes_in in (("tail", tail), ("rest", rest)):
            values = [p.parts[name] if name in p.parts else float(getattr(p, name))
                      for p in pushes_in]
            out.append(Figure(f"peak_hour.{group}.{name}_mean", statistics.fmean(values or [0]),
                              "pushes" if name in ("backlog", "fan_out") else (
                                  "times" if name in ("bounces", "refused") else "s"),
                              f"informational: {len(pushes_in)} pushes "
                              + ("at or past p95" if group == "tail" else "below p95")))
    fills = _read(trace_path).fills
    took = [fill["t1"] - fill["t0"] for fill in fills]
    out.append(Figure("peak_hour.delivery_claim_p95", percentile(took, 95), "s",
                      f"informational: {len(took)} claims (record + claim transactions), "
                      f"{statistics.fmean([f['n'] for f in fills] or [0]):.1f} rows each"))
    return out
