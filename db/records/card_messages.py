from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CardMessageRecord:
    """A bot message showing a request card on one of the bot's card screens."""

    request_id: int
    user_id: int
    chat_id: int
    message_id: int
    screen: str
