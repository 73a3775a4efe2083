from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class UserRecord:
    id: int
    tg_user_id: int
    first_name: str
    username: str | None
    language: str
    role: str
    team_id: int | None
    active: bool
    email: str | None
    email_enabled: bool
    timezone: str
    scope_source_ids: tuple[int, ...] | None
    scope_roles: tuple[str, ...] | None
    pushes_paused_at: datetime | None
    digest_enabled: bool = True

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_lead(self) -> bool:
        return self.role in ("admin", "lead")
