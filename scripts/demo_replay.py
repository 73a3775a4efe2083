"""Plays the demo history (scripts/demo_history.py) through the collector's storing path.

Dates are shifted to the moment the demo starts: what is older is stored at once, dated that
many minutes ago, so the feed's default period sees it; the newest events then arrive one by
one during the first minutes, as live posts, edits and deletions do.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from collector.intake import Collector
from collector.reader import RawMessage
from crm import sources
from db.records.sources import ChatInfo, SourceRecord
from scripts.demo_history import CHATS, DemoChat, DemoEvent

log = logging.getLogger("radar.demo")

# The newest events held back to arrive live, one every `interval` seconds.
LIVE_EVENTS = 40
# How old the newest post stored at start is: the history ends just before the demo begins.
NEWEST_AGE_MINUTES = 2.0
_BY_KEY = {chat.key: chat for chat in CHATS}


def _chat_info(chat: DemoChat) -> ChatInfo:
    return ChatInfo(tg_id=chat.tg_id, kind=chat.kind, title=chat.title, username=chat.username)


async def demo_sources(collector: Collector) -> dict[str, SourceRecord]:
    found = await sources.ensure_chats(collector.uow(), [_chat_info(c) for c in CHATS])
    await collector.load_sources()
    return {chat.key: source for chat, source in zip(CHATS, found, strict=True)}


async def already_played(collector: Collector) -> bool:
    """True once a run stored the history: a second `make demo` keeps what the user did."""
    by_id = {chat.tg_id for chat in CHATS}
    known = await sources.list_sources(collector.uow())
    return any(s.tg_id in by_id and s.read_cursor > 0 for s in known)


class _Player:
    def __init__(self, collector: Collector, by_key: dict[str, SourceRecord]) -> None:
        self.collector, self.by_key = collector, by_key
        self.posted: dict[tuple[str, int], datetime] = {}

    def _raw(self, event: DemoEvent, at: datetime) -> RawMessage:
        chat = _BY_KEY[event.chat]
        posted = self.posted.setdefault((event.chat, event.message_id), at)
        forward = _BY_KEY[event.forward_of[0]] if event.forward_of else None
        return RawMessage(
            chat_id=chat.tg_id, message_id=event.message_id, date=posted, text=event.text,
            author_name=chat.title if chat.kind == "channel" else "Demo Member",
            edit_date=at if event.action == "edit" else None,
            fwd_chat_id=forward.tg_id if forward else None,
            fwd_message_id=event.forward_of[1] if event.forward_of else None,
            permalink=f"https://t.me/{chat.username}/{event.message_id}",
        )

    async def play(self, event: DemoEvent, at: datetime) -> None:
        source = self.by_key[event.chat]
        if event.action == "delete":
            await self.collector.on_deleted(source.tg_id, [event.message_id])
            return
        await self.collector.store(source, [self._raw(event, at)], advance=event.action == "post")


async def replay(
    collector: Collector, events: Sequence[DemoEvent], *, interval: float,
    now: datetime | None = None, live: int = LIVE_EVENTS,
) -> int:
    """Stores the history, then plays the newest `live` events `interval` seconds apart."""
    start = now or datetime.now(UTC)
    player = _Player(collector, await demo_sources(collector))
    held = list(events[-live:]) if live and interval > 0 else []
    stored = events[:len(events) - len(held)]
    shift = (stored[-1].minutes_ago if stored else 0.0) - NEWEST_AGE_MINUTES
    for event in stored:
        await player.play(event, start - timedelta(minutes=event.minutes_ago - shift))
    log.info("demo history stored: %d events; %d more arrive live", len(events) - len(held),
             len(held))
    for event in held:
        await asyncio.sleep(interval)
        await player.play(event, datetime.now(UTC))
    return len(events)
