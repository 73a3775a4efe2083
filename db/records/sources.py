from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

RefKind = Literal["username", "invite", "id"]


@dataclass(frozen=True)
class SourceRef:
    """What an operator typed, parsed: a public @username, an invite hash or a numeric chat id."""

    kind: RefKind
    value: str

    @property
    def text(self) -> str:
        return {"username": "@", "invite": "+", "id": ""}[self.kind] + self.value


@dataclass(frozen=True)
class ChatInfo:
    """A chat as Telegram describes it once resolved; `tg_id` is the marked peer id (-100…)."""

    tg_id: int
    kind: str
    title: str | None = None
    username: str | None = None
    access_hash: int | None = None


@dataclass(frozen=True)
class AccountRecord:
    id: int
    name: str
    max_sources: int
    heartbeat_at: datetime | None
    source_count: int = 0


@dataclass(frozen=True)
class SourceRecord:
    id: int
    tg_id: int | None
    ref: str
    kind: str
    username: str | None
    title: str | None
    enabled: bool
    account_id: int | None
    account_name: str | None
    read_cursor: int
    last_post_at: datetime | None
    last_read_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    retry_after: datetime | None

    @property
    def label(self) -> str:
        """How log lines and screens name the chat."""
        name = f"@{self.username}" if self.username else (self.title or self.ref)
        return f"{name} (source {self.id})"

    def health(self, now: datetime) -> str:
        if not self.enabled:
            return "disabled"
        if self.retry_after is not None and self.retry_after > now:
            return "flood_wait"
        if self.last_error is not None:
            return "error"
        if self.tg_id is None:
            return "unresolved"
        return "ok"

    def chat(self) -> ChatInfo | None:
        if self.tg_id is None:
            return None
        return ChatInfo(self.tg_id, self.kind, self.title, self.username)
