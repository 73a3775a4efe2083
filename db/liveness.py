"""Heartbeats of a process's worker loops, so /healthz sees a dead or stuck one.

Each loop beats once per pass (a pass ends within its sweep interval, outages included, since
the loops back off in bounded steps); a loop whose task ended or whose last beat is older than
its limit makes the health check fail, and compose's restart policy or a monitor acts on it.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class _Loop:
    stale_after: float
    beat_at: float = field(default_factory=time.monotonic)
    task: asyncio.Task[Any] | None = None


class Liveness:
    def __init__(self) -> None:
        self._loops: dict[str, _Loop] = {}

    def register(self, name: str, stale_after: float, task: asyncio.Task[Any] | None = None
                 ) -> None:
        self._loops[name] = _Loop(stale_after, task=task)

    def beat(self, name: str) -> None:
        loop = self._loops.get(name)
        if loop is not None:
            loop.beat_at = time.monotonic()

    def forget(self, name: str) -> None:
        self._loops.pop(name, None)

    def problems(self) -> dict[str, str]:
        """Loop name → what is wrong with it; empty when every loop is alive and beating."""
        now, found = time.monotonic(), {}
        for name, loop in self._loops.items():
            if loop.task is not None and loop.task.done():
                found[name] = "stopped"
            elif now - loop.beat_at > loop.stale_after:
                found[name] = f"no progress for {now - loop.beat_at:.0f} s"
        return found

    async def check(self) -> None:
        """A HealthCheck: raises naming every dead or stuck loop."""
        if problems := self.problems():
            raise RuntimeError("; ".join(f"{n}: {p}" for n, p in sorted(problems.items())))


# One per process: the loops register themselves, the health endpoint reads it.
WORKERS = Liveness()
