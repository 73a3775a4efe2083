"""`radar import` and `radar replay`: an export through the same storing path as live reading."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from collector.export import ExportFile, read_export
from collector.intake import HISTORY_BATCH, Collector
from collector.reader import RawMessage
from crm import sources
from db.records.sources import SourceRecord

log = logging.getLogger(__name__)

# A replay never sleeps longer than this between two posts, whatever the speed: a quiet
# weekend in the export should not stall a demo.
MAX_REPLAY_SLEEP = 60.0


@dataclass(frozen=True)
class ImportStats:
    chats: int
    messages: int
    stored: int
    problems: tuple[str, ...]


async def _sources(collector: Collector, export: ExportFile) -> dict[int, SourceRecord]:
    chats = [chat.chat for chat in export.chats]
    found = await sources.ensure_chats(collector.uow(), chats)
    return {chat.tg_id: source for chat, source in zip(chats, found, strict=True)}


def _report(export: ExportFile, refused: list[str]) -> tuple[str, ...]:
    problems = [str(p) for p in export.problems] + refused
    for problem in problems:
        log.warning("export problem: %s", problem)
    return tuple(problems)


async def _store(
    collector: Collector, source: SourceRecord, batch: list[RawMessage], refused: list[str]
) -> int:
    """Stores a batch; if the database refuses it, message by message, so a message it cannot
    hold is reported and skipped while the rest of the batch is kept."""
    try:
        return (await collector.store(source, batch, advance=True)).changed
    except Exception:
        if len(batch) == 1:
            raise
    stored = 0
    for message in batch:
        try:
            stored += (await collector.store(source, [message], advance=True)).changed
        except Exception as exc:
            refused.append(f"chat {message.chat_id} message id={message.message_id}: not stored: "
                           f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
    return stored


def _bar(total: int, progress: bool, unit: str) -> tqdm[None]:
    return tqdm(total=total, unit=unit, disable=not progress, dynamic_ncols=True)


def _batches(messages: Iterable[RawMessage], size: int) -> Iterable[list[RawMessage]]:
    batch: list[RawMessage] = []
    for message in messages:
        batch.append(message)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


async def import_file(collector: Collector, path: Path, *, progress: bool = False) -> ImportStats:
    """Store every valid message of the export, chat by chat, cursor moving with each batch."""
    export = read_export(path)
    by_chat = await _sources(collector, export)
    stored, refused = 0, list[str]()
    total = sum(len(c.messages) for c in export.chats)
    with _bar(total, progress, "msg") as bar:
        for chat in export.chats:
            ordered = sorted(chat.messages, key=lambda m: m.message_id)
            for batch in _batches(ordered, HISTORY_BATCH):
                stored += await _store(collector, by_chat[chat.chat.tg_id], batch, refused)
                bar.update(len(batch))
    return ImportStats(len(export.chats), total, stored, _report(export, refused))


async def replay_file(
    collector: Collector, path: Path, *, speed: float = 0.0, progress: bool = False
) -> ImportStats:
    """Feed messages in date order, one at a time as if live; sleeps are real gaps / speed."""
    export = read_export(path)
    by_chat = await _sources(collector, export)
    ordered = sorted(export.messages(), key=lambda pair: (pair[1].date, pair[1].message_id))
    stored, previous, refused = 0, None, list[str]()
    with _bar(len(ordered), progress, "msg") as bar:
        for chat, message in ordered:
            if speed > 0 and previous is not None:
                gap = (message.date - previous).total_seconds() / speed
                await asyncio.sleep(min(max(gap, 0.0), MAX_REPLAY_SLEEP))
            previous = message.date
            try:
                stored += await _store(collector, by_chat[chat.chat.tg_id], [message], refused)
            except Exception as exc:
                refused.append(f"chat {message.chat_id} message id={message.message_id}: not "
                               f"stored: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
            bar.update(1)
    return ImportStats(len(export.chats), len(ordered), stored, _report(export, refused))
