"""Private messages to the userbot: the answers (and refusals) of the people our follow-up
chains wrote to. The collector only hands them to crm, which decides what they answer."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm.outreach_replies import ReplySeen, record_private_message
from db.uow import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrivateMessage:
    sender_id: int
    text: str
    date: datetime


class PrivateSink(Protocol):
    async def on_private(self, message: PrivateMessage) -> None: ...


class ReplyRecorder:
    """A PrivateSink that records replies and opt-outs; a failure is logged, never raised
    into Telethon's update loop."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession],
                 reply_window: timedelta) -> None:
        self._session_factory = session_factory
        self._window = reply_window
        self.seen: list[ReplySeen] = []

    async def on_private(self, message: PrivateMessage) -> None:
        try:
            seen = await record_private_message(
                UnitOfWork(self._session_factory), message.sender_id, message.text,
                message.date, self._window)
        except Exception:
            log.exception("private message from %s not recorded", message.sender_id)
            return
        if seen.run is not None or seen.opted_out:
            log.info("private message from %s: run %s, opt-out %s", message.sender_id,
                     seen.run.id if seen.run else None, seen.opted_out)
        self.seen.append(seen)
