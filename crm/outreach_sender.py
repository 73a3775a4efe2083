"""What a follow-up chain needs from the userbot: one private message, and the outcome in
plain words. The collector implements it over Telethon; tests use a fake."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol


class DmOutcome(Enum):
    SENT = "sent"
    UNREACHABLE = "unreachable"  # privacy settings, blocked, deleted account, unknown peer
    PEER_FLOOD = "peer_flood"  # Telegram thinks this account spams: stop writing to strangers
    FLOOD_WAIT = "flood_wait"  # wait `seconds`
    TRANSIENT = "transient"  # no connection: try again soon
    UNCERTAIN = "uncertain"  # timed out: it may have left, so it is never sent again


@dataclass(frozen=True)
class DmResult:
    outcome: DmOutcome
    seconds: int = 0
    error: str | None = None


class DmSender(Protocol):
    @property
    def account(self) -> str:
        """The userbot account the messages go out from (caps and pauses are per account)."""
        ...

    async def send(self, tg_user_id: int, text: str) -> DmResult: ...
