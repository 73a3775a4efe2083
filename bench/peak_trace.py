"""`radar bot run` with a delivery trace, for bench/peak_hour.py only: the product is not touched,
its classes are wrapped in this process before the bot starts.

One JSON line per event, into $PEAK_TRACE_FILE:
- claim: the rows one claim took (id, when) — a row claimed again was bounced or retried;
- send: one TelegramSender call: when it started, the seconds it slept for the chat's turn and
  for the global pacer, when the HTTP request left and when its answer came, and the outcome
  (sent, retry_later = the pacer bounced it or Telegram answered 429);
- fill: one claim of a delivery worker's free send slots: start, end, rows claimed.
bench/peak_stats.delivery_breakdown reads it back.

Run (as peak_hour does): PEAK_TRACE_FILE=… python -m bench.peak_trace bot run
With PEAK_PROFILE=path the whole run is also profiled (cProfile) into that file.
"""

from __future__ import annotations

import contextvars
import json
import os
import sys
import time
from typing import Any

_current: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "peak_trace_send", default=None)


class TraceFile:
    def __init__(self, path: str) -> None:
        self._out = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - process-long

    def write(self, event: dict[str, Any]) -> None:
        self._out.write(json.dumps(event, separators=(",", ":")) + "\n")


def _wrap_claims(trace: TraceFile) -> None:
    from db.repositories.outbox import OutboxRepo

    original = OutboxRepo.claim_due_many

    async def claim_due_many(self: Any, *args: Any, **kwargs: Any) -> Any:
        notes = await original(self, *args, **kwargs)
        if notes:
            trace.write({"e": "claim", "t": time.time(), "ids": [n.id for n in notes]})
        return notes

    OutboxRepo.claim_due_many = claim_due_many  # type: ignore[method-assign]


def _wrap_sender(trace: TraceFile) -> None:
    from bot.delivery.pacing import SendPacer
    from bot.delivery.senders import TelegramSender

    call, wait_turn, reserve = TelegramSender.__call__, SendPacer.wait_turn, SendPacer.reserve_chat

    async def sender_call(self: Any, due: Any) -> Any:
        event = {"e": "send", "id": due.notification.id, "t0": time.time(), "chat_wait": 0.0,
                 "global_wait": 0.0, "req": None}
        token = _current.set(event)
        try:
            result = await call(self, due)
        finally:
            _current.reset(token)
        event.update(t1=time.time(), outcome=result.outcome.value, error=result.error)
        trace.write(event)
        return result

    async def traced_wait_turn(self: Any) -> None:
        started = time.time()
        await wait_turn(self)
        if (event := _current.get()) is not None:
            event["global_wait"] = time.time() - started
            event["req"] = time.time()  # the request is built and sent right after this

    def traced_reserve(self: Any, chat_id: int) -> float:
        wait: float = reserve(self, chat_id)
        if (event := _current.get()) is not None:
            event["chat_wait"] = wait
        return wait

    TelegramSender.__call__ = sender_call  # type: ignore[method-assign]
    SendPacer.wait_turn = traced_wait_turn  # type: ignore[method-assign]
    SendPacer.reserve_chat = traced_reserve  # type: ignore[method-assign]


def _wrap_fills(trace: TraceFile) -> None:
    from crm.outbox_stream import DeliveryStream

    original = DeliveryStream.fill

    async def fill(self: Any) -> int:
        started = time.time()
        claimed: int = await original(self)
        if claimed:
            trace.write({"e": "fill", "t0": started, "t1": time.time(), "n": claimed})
        return claimed

    DeliveryStream.fill = fill  # type: ignore[method-assign]


def install(path: str) -> None:
    trace = TraceFile(path)
    _wrap_claims(trace)
    _wrap_sender(trace)
    _wrap_fills(trace)


def main() -> int:
    install(os.environ["PEAK_TRACE_FILE"])
    from scripts.radar import main as radar_main

    if not (profile_to := os.environ.get("PEAK_PROFILE")):
        return radar_main(sys.argv[1:])
    import cProfile  # where the bot's CPU per push goes (slows it: not for timed runs)

    profiler = cProfile.Profile()
    try:
        return int(profiler.runcall(radar_main, sys.argv[1:]))
    finally:
        profiler.dump_stats(profile_to)


if __name__ == "__main__":
    sys.exit(main())
