"""Values the parsers return."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    min: int | None
    max: int | None
    currency: str | None
    period: str | None
