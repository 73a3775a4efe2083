"""Faults the sandbox can inject into Bot API calls, for tests of what a flaky Telegram does.

Each fault applies to one method (e.g. sendMessage) until cleared or until its count runs out:
`5xx` answers 502, `hang` waits before answering, `429` asks to retry after a pause, `reset`
drops the connection. `deliver=True` runs the call first (the message is in the chat) and then
misbehaves: what a reply lost on the way back looks like.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Literal

FaultKind = Literal["5xx", "hang", "429", "reset"]


@dataclass
class Fault:
    kind: FaultKind
    deliver: bool = False
    seconds: float = 0.0  # hang: how long; 429: retry_after
    remaining: int | None = None  # None: until cleared


class FaultPlan:
    def __init__(self) -> None:
        self._by_method: dict[str, Fault] = {}
        self.injected = 0

    def inject(self, method: str, fault: Fault) -> None:
        self._by_method[method] = fault

    def clear(self, method: str | None = None) -> None:
        if method is None:
            self._by_method.clear()
        else:
            self._by_method.pop(method, None)

    def take(self, method: str) -> Fault | None:
        """The fault to apply to this call of `method`, if any (counts it down)."""
        fault = self._by_method.get(method)
        if fault is None:
            return None
        if fault.remaining is not None:
            fault.remaining -= 1
            if fault.remaining <= 0:
                del self._by_method[method]
        self.injected += 1
        return fault

    @staticmethod
    async def delay(fault: Fault) -> None:
        if fault.kind == "hang":
            await asyncio.sleep(fault.seconds)
