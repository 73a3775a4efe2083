"""`radar import` and `radar replay`: an export through the same storing path as live reading."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from collector.export import ExportFile, read_export
from collector.pipeline import HISTORY_BATCH, Collector
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


def _report(export: ExportFile) -> tuple[str, ...]:
    for problem in export.problems:
        log.warning("export problem: %s", problem)
    return tuple(str(p) for p in export.problems)


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
    stored = 0
    total = sum(len(c.messages) for c in export.chats)
    with _bar(total, progress, "msg") as bar:
        for chat in export.chats:
            ordered = sorted(chat.messages, key=lambda m: m.message_id)
            for batch in _batches(ordered, HISTORY_BATCH):
                result = await collector.store(by_chat[chat.chat.tg_id], batch, advance=True)
                stored += result.changed
                bar.update(len(batch))
    return ImportStats(len(export.chats), total, stored, _report(export))


async def replay_file(
    collector: Collector, path: Path, *, speed: float = 0.0, progress: bool = False
) -> ImportStats:
    """Feed messages in date order, one at a time as if live; sleeps are real gaps / speed."""
    export = read_export(path)
    by_chat = await _sources(collector, export)
    ordered = sorted(export.messages(), key=lambda pair: (pair[1].date, pair[1].message_id))
    stored, previous = 0, None
    with _bar(len(ordered), progress, "msg") as bar:
        for chat, message in ordered:
            if speed > 0 and previous is not None:
                gap = (message.date - previous).total_seconds() / speed
                await asyncio.sleep(min(max(gap, 0.0), MAX_REPLAY_SLEEP))
            previous = message.date
            result = await collector.store(by_chat[chat.chat.tg_id], [message], advance=True)
            stored += result.changed
            bar.update(1)
    return ImportStats(len(export.chats), len(ordered), stored, _report(export))
