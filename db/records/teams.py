from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TeamRecord:
    id: int
    name: str
    members: int = 0
