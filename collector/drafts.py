"""RawMessage → PostDraft: the one place text is made storable."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from collector.reader import RawMessage
from db.records.posts import PostDraft

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _clean(text: str) -> str:
    # PostgreSQL text and JSONB cannot hold NUL, UTF-8 no lone surrogate; input can have both.
    return _UNSTORABLE.sub("", text)


def _clean_json(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _clean(v) if isinstance(v, str) else v for k, v in item.items()}


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def to_draft(raw: RawMessage) -> PostDraft:
    posted_at = _aware(raw.date)
    assert posted_at is not None
    return PostDraft(
        message_id=raw.message_id, posted_at=posted_at, text=_clean(raw.text),
        grouped_id=raw.grouped_id,
        album_message_ids=(raw.message_id,) if raw.grouped_id is not None else (),
        entities=tuple(_clean_json(e) for e in raw.entities),
        media=tuple(_clean_json(m) for m in raw.media), author_id=raw.author_id,
        author_name=_clean(raw.author_name)[:255] if raw.author_name else None,
        reply_to_message_id=raw.reply_to, fwd_chat_id=raw.fwd_chat_id,
        fwd_message_id=raw.fwd_message_id, edited_at=_aware(raw.edit_date),
        permalink=_clean(raw.permalink)[:255] if raw.permalink else None,
    )
