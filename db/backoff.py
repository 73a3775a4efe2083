"""How a worker loop outlives PostgreSQL, Redis or Telegram: log once, back off, resume.

A streak of failures logs one ERROR (with the traceback) when it starts and one INFO when it
ends, instead of a traceback per retry; the pause doubles up to a cap, so an outage costs a
few wake-ups a minute, never a busy loop.
"""

from __future__ import annotations

import logging
import time

BASE_SECONDS = 0.5
CAP_SECONDS = 30.0


class Backoff:
    def __init__(
        self, what: str, log: logging.Logger, *, base: float = BASE_SECONDS,
        cap: float = CAP_SECONDS,
    ) -> None:
        self.what, self._log, self._base, self._cap = what, log, base, cap
        self.failures = 0
        self._since = 0.0

    def failed(self, exc: BaseException) -> float:
        """Records one failure; returns how long to wait before the next try."""
        if self.failures == 0:
            self._since = time.monotonic()
            self._log.error("%s failed; backing off until it recovers", self.what, exc_info=exc)
        else:
            self._log.debug("%s still failing: %s", self.what, exc)
        self.failures += 1
        return float(min(self._base * 2 ** (self.failures - 1), self._cap))

    def succeeded(self) -> None:
        if self.failures:
            self._log.warning("%s recovered after %d failed tries (%.1f s)", self.what,
                              self.failures, time.monotonic() - self._since)
        self.failures = 0
