from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class InviteRecord:
    code: str
    role: str
    team_id: int | None
    created_by: int | None
    expires_at: datetime
    used_by: int | None
