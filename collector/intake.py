"""Read → store: history batches move the cursor in the same transaction; live events only store.

Live updates do not move the cursor because a live message says nothing about the ones missed
before it; the periodic gap fill re-reads from the cursor (cheap: stored posts are no-ops).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from collector import metrics
from collector.drafts import to_draft
from collector.reader import ChatFloodWait, ChatLost, RawMessage, Reader
from crm import deletions, posts, sources
from crm.sources import parse_ref
from db.records.posts import StoreResult
from db.records.sources import SourceRecord
from db.signals import POSTS_STORED, wake
from db.uow import UnitOfWork

log = logging.getLogger(__name__)

# Posts per transaction when reading history: big enough to be fast, small enough that a
# crash loses little work and holds no long lock.
HISTORY_BATCH = 100
# On start and after a reconnect this much of each chat is re-read and compared, so edits and
# deletions made while the collector was down are caught (COLLECTOR_RECENT_WINDOW_HOURS).
RECENT_WINDOW = timedelta(hours=48)


@dataclass(frozen=True)
class FillReport:
    read: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0


class Collector:
    """Stores what a Reader yields for the sources of one account (or all when account=None)."""

    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], redis: Any, reader: Reader, *,
        account: str | None = None, batch_size: int = HISTORY_BATCH,
        recent_window: timedelta = RECENT_WINDOW,
    ) -> None:
        self.session_factory = session_factory
        self.redis = redis
        self.reader = reader
        self.account = account
        self.batch_size = batch_size
        self.recent_window = recent_window
        self.by_chat: dict[int, SourceRecord] = {}

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)

    async def load_sources(self) -> list[SourceRecord]:
        if self.account is not None:
            await sources.claim_unassigned(self.uow(), self.account)
        found = await sources.list_sources(self.uow(), account=self.account, enabled_only=True)
        # Updated in place: the reader's live subscription holds a view of these keys.
        self.by_chat.clear()
        self.by_chat.update({s.tg_id: s for s in found if s.tg_id is not None})
        return found

    async def store(
        self, source: SourceRecord, messages: Sequence[RawMessage], *, advance: bool
    ) -> StoreResult:
        cursor = max((m.message_id for m in messages), default=None) if advance else None
        result = await posts.store(
            self.uow(), source.id, [to_draft(m) for m in messages], cursor=cursor
        )
        if result.changed:
            metrics.POSTS_STORED.inc(result.changed)
            if self.redis is not None:
                await wake(self.redis, POSTS_STORED)
        return result

    async def resolve(self, source: SourceRecord) -> SourceRecord:
        if source.tg_id is not None:
            return source
        ref = parse_ref(source.ref)
        chat = await sources.cached_username(self.uow(), ref.value) if (
            ref.kind == "username") else None
        chat = chat or await self.reader.resolve(ref)
        log.info("resolved %s to chat %s (%s)", source.ref, chat.tg_id, chat.title)
        return await sources.record_resolved(self.uow(), source.id, chat)

    async def fill_source(self, source: SourceRecord) -> int:
        """Read one chat from its cursor to now; each batch commits with its cursor."""
        source = await self.resolve(source)
        chat = source.chat()
        assert chat is not None
        self.by_chat[chat.tg_id] = source
        batch: list[RawMessage] = []
        stored = batches = 0
        async for message in self.reader.history(chat, source.read_cursor):
            batch.append(message)
            if len(batch) >= self.batch_size:
                stored += (await self.store(source, batch, advance=True)).changed
                batch, batches = [], batches + 1
        if batch:
            stored += (await self.store(source, batch, advance=True)).changed
        elif batches == 0:
            # Nothing new: still a successful read (a stored batch records that itself).
            await sources.record_read(self.uow(), source.id)
        return stored

    async def fill_gaps(self) -> FillReport:
        """Every enabled source from its cursor; one chat's failure never stops the others."""
        now = datetime.now(UTC)
        counts = {"read": 0, "stored": 0, "skipped": 0, "failed": 0}
        for source in await self.load_sources():
            if source.retry_after is not None and source.retry_after > now:
                counts["skipped"] += 1
                continue
            try:
                counts["stored"] += await self.fill_source(source)
                counts["read"] += 1
            except ChatFloodWait as exc:
                await self._failed(source, f"flood wait {exc.seconds} s", "flood",
                                   retry_in=timedelta(seconds=exc.seconds))
                counts["failed"] += 1
            except ChatLost as exc:
                await self._failed(source, f"chat lost: {exc}", "lost")
                counts["failed"] += 1
            except Exception as exc:
                # Anything else (network, a bug) is logged with the chat and retried next pass.
                log.exception("chat %s [%s]: read failed", source.label, source.ref)
                await sources.record_error(self.uow(), source.id, f"{type(exc).__name__}: {exc}")
                counts["failed"] += 1
        return FillReport(**counts)

    async def _failed(
        self, source: SourceRecord, error: str, reason: str, retry_in: timedelta | None = None
    ) -> None:
        metrics.CHAT_ERRORS.labels(reason).inc()
        when = f", retrying after {retry_in}" if retry_in else ""
        log.warning("chat %s [%s]: %s%s", source.label, source.ref, error, when)
        await sources.record_error(self.uow(), source.id, error, retry_in=retry_in)

    # LiveSink: what the reader calls for live updates.
    async def on_messages(self, messages: Sequence[RawMessage]) -> None:
        by_source: dict[int, list[RawMessage]] = {}
        for message in messages:
            source = self.by_chat.get(message.chat_id)
            if source is None:
                log.debug("update from chat %s that is not a source: ignored", message.chat_id)
                continue
            by_source.setdefault(source.id, []).append(message)
        for source_id, batch in by_source.items():
            await self.store(self.by_chat[batch[0].chat_id], batch, advance=False)
            log.debug("stored %d live message(s) of source %s", len(batch), source_id)

    async def on_deleted(self, chat_id: int | None, message_ids: Sequence[int]) -> None:
        if chat_id is None:
            # Deletions in basic groups name no chat (Telegram's API), but there message ids
            # are unique across this account's basic groups: the posts carrying them are it.
            targets = [s for s in self.by_chat.values() if s.kind == "group"]
        else:
            source = self.by_chat.get(chat_id)
            targets = [source] if source is not None else []
        if not targets:
            log.debug("deletion of %s in chat %s (not a source) ignored", list(message_ids),
                      chat_id)
            return
        for source in targets:
            result = await deletions.mark_deleted(self.uow(), source.id, message_ids)
            metrics.POSTS_DELETED.inc(result.posts)
            if result.withdrawn:
                log.info("chat %s: %d card(s) withdrawn, all their posts deleted",
                         source.label, result.withdrawn)

    async def reread_recent(self, window: timedelta | None = None) -> int:
        """Re-read what each chat holds from the last `window` and compare with what is stored:
        edits and deletions made while nobody listened are caught. Returns posts found gone."""
        recent = getattr(self.reader, "recent", None)
        if recent is None:
            return 0
        since, gone = datetime.now(UTC) - (window or self.recent_window), 0
        for source in list(self.by_chat.values()):
            chat = source.chat()
            if chat is None or not source.enabled:
                continue
            try:
                held = [m async for m in recent(chat, since)]
                if held:
                    await self.store(source, held, advance=False)  # newer edits replace text
                result = await deletions.reconcile_window(
                    self.uow(), source.id, [m.message_id for m in held], since)
            except (ChatFloodWait, ChatLost) as exc:
                log.warning("chat %s: recent window not re-read: %s", source.label, exc)
                continue
            gone += result.posts
            metrics.POSTS_DELETED.inc(result.posts)
        return gone

    async def on_reconnect(self) -> None:
        await self.fill_gaps()
        await self.reread_recent()
