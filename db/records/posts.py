from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

Json = Mapping[str, Any]


@dataclass(frozen=True)
class PostDraft:
    """One message (or a merged album) ready to store; keyed by (source, message_id)."""

    message_id: int
    posted_at: datetime
    text: str = ""
    grouped_id: int | None = None
    album_message_ids: tuple[int, ...] = ()
    entities: tuple[Json, ...] = ()
    media: tuple[Json, ...] = ()
    author_id: int | None = None
    author_name: str | None = None
    reply_to_message_id: int | None = None
    fwd_chat_id: int | None = None
    fwd_message_id: int | None = None
    edited_at: datetime | None = None
    permalink: str | None = None


@dataclass(frozen=True)
class StoredPost:
    """What storing needs to know of a post that is already there."""

    id: int
    message_id: int
    grouped_id: int | None
    album_message_ids: tuple[int, ...]
    text: str
    version: int
    edited_at: datetime | None


@dataclass(frozen=True)
class StoreResult:
    inserted: int = 0
    edited: int = 0
    merged: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.inserted + self.edited + self.merged


@dataclass(frozen=True)
class PendingPost:
    """A post claimed for classification, with what card ingest needs."""

    id: int
    source_id: int
    version: int
    text: str
    posted_at: datetime
    fwd_chat_id: int | None
    fwd_message_id: int | None


@dataclass(frozen=True)
class PostRecord:
    id: int
    source_id: int
    message_id: int
    grouped_id: int | None
    album_message_ids: tuple[int, ...]
    text: str
    entities: tuple[Json, ...]
    media: tuple[Json, ...]
    author_id: int | None
    author_name: str | None
    reply_to_message_id: int | None
    fwd_chat_id: int | None
    fwd_message_id: int | None
    posted_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None
    permalink: str | None
    version: int
    classify_state: str
