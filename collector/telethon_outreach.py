"""The userbot's side of follow-up chains over Telethon: one DM, its errors in crm's words,
and incoming private messages handed to a PrivateSink."""

from __future__ import annotations

from typing import Any

from telethon import TelegramClient, errors, events

from collector.inbox import PrivateMessage, PrivateSink
from crm.outreach_sender import DmOutcome, DmResult

# The person cannot be written to by this account: the chain falls back to its next step.
UNREACHABLE: tuple[type[Exception], ...] = (
    errors.UserPrivacyRestrictedError, errors.UserIsBlockedError, errors.YouBlockedUserError,
    errors.InputUserDeactivatedError, errors.UserDeactivatedError, errors.PeerIdInvalidError,
    errors.ChatWriteForbiddenError,
)
TEXT_MAX = 4096


class TelethonDmSender:
    def __init__(self, client: TelegramClient, account: str) -> None:
        self._client = client
        self._account = account

    @property
    def account(self) -> str:
        return self._account

    async def send(self, tg_user_id: int, text: str) -> DmResult:
        try:
            await self._client.send_message(tg_user_id, text, link_preview=False)
        except errors.PeerFloodError as exc:
            return DmResult(DmOutcome.PEER_FLOOD, error=type(exc).__name__)
        except errors.FloodWaitError as exc:
            return DmResult(DmOutcome.FLOOD_WAIT, seconds=exc.seconds, error=type(exc).__name__)
        except UNREACHABLE as exc:
            return DmResult(DmOutcome.UNREACHABLE, error=type(exc).__name__)
        except ValueError as exc:  # an id this session never saw: no access hash to write with
            return DmResult(DmOutcome.UNREACHABLE, error=f"unknown peer: {exc}"[:200])
        except (ConnectionError, OSError) as exc:
            return DmResult(DmOutcome.TRANSIENT, error=f"{type(exc).__name__}: {exc}"[:200])
        return DmResult(DmOutcome.SENT)


def subscribe_private(client: TelegramClient, sink: PrivateSink) -> None:
    """Incoming messages in private chats with people (not bots, not our own)."""

    async def on_private(event: Any) -> None:
        sender = event.sender_id
        if sender is None or sender <= 0:
            return
        await sink.on_private(PrivateMessage(sender, (event.raw_text or "")[:TEXT_MAX],
                                             event.date))

    client.add_event_handler(on_private, events.NewMessage(incoming=True,
                                                           func=lambda e: e.is_private))
