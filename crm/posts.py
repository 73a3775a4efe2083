"""Storing what the collector read: one transaction per batch, posts and the cursor together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from crm import deletions
from db.records.posts import PostDraft, PostRecord, StoredPost, StoreResult
from db.repositories.posts import PostRepo, initial_state
from db.repositories.sources import SourceRepo
from db.uow import UnitOfWork


def merge_albums(drafts: Sequence[PostDraft]) -> list[PostDraft]:
    """Messages of one album become one draft keyed by its first message id, caption kept."""
    singles: list[PostDraft] = []
    groups: dict[int, list[PostDraft]] = {}
    for draft in drafts:
        if draft.grouped_id is None:
            singles.append(draft)
        else:
            groups.setdefault(draft.grouped_id, []).append(draft)
    return singles + [_merge(parts) for parts in groups.values()]


def _merge(parts: list[PostDraft]) -> PostDraft:
    parts = sorted(parts, key=lambda d: d.message_id)
    captioned = next((d for d in parts if d.text.strip()), parts[0])
    ids = sorted({i for d in parts for i in (d.album_message_ids or (d.message_id,))})
    edits = [d.edited_at for d in parts if d.edited_at is not None]
    return replace(
        captioned, message_id=parts[0].message_id, posted_at=parts[0].posted_at,
        permalink=parts[0].permalink, album_message_ids=tuple(ids),
        media=tuple(m for d in parts for m in d.media), edited_at=max(edits) if edits else None,
    )


def _is_newer_edit(old: StoredPost, draft: PostDraft) -> bool:
    # Only an edit newer than what we hold replaces text: an old export re-imported after a
    # live edit must not roll the text back.
    if draft.text == old.text or draft.edited_at is None:
        return False
    return old.edited_at is None or draft.edited_at > old.edited_at


async def _stage_album(repo: PostRepo, source_id: int, draft: PostDraft) -> str:
    assert draft.grouped_id is not None
    old = await repo.by_group(source_id, draft.grouped_id)
    if old is None:
        return "inserted" if await repo.insert_new(source_id, [draft]) else "unchanged"
    ids = sorted(set(old.album_message_ids or (old.message_id,)) | set(draft.album_message_ids))
    if not old.text.strip() and draft.text.strip():
        # The caption came in a later part of the album: it is the post's text, not an edit.
        await repo.update(old.id, text=draft.text, entities=[dict(e) for e in draft.entities],
                          album_message_ids=ids, classify_state=initial_state(draft.text))
        return "merged"
    edited = _is_newer_edit(old, draft)
    if edited:
        await repo.replace_text(old, draft)
    elif tuple(ids) == old.album_message_ids:
        return "unchanged"
    await repo.update(old.id, album_message_ids=ids)
    return "edited" if edited else "merged"


async def stage(
    uow: UnitOfWork, source_id: int, drafts: Sequence[PostDraft], *, cursor: int | None = None
) -> StoreResult:
    """Stage a batch in the open unit of work; callers commit (see `store`)."""
    repo = uow.repo(PostRepo)
    await repo.lock_source(source_id)
    merged = merge_albums(drafts)
    singles = [d for d in merged if d.grouped_id is None]
    counts = {"inserted": 0, "edited": 0, "merged": 0, "unchanged": 0}
    inserted = await repo.insert_new(source_id, singles)
    counts["inserted"] = len(inserted)
    drafts_by_id = {d.message_id: d for d in singles if d.message_id not in inserted}
    for old in await repo.existing(source_id, drafts_by_id) if drafts_by_id else ():
        if _is_newer_edit(old, drafts_by_id[old.message_id]):
            await repo.replace_text(old, drafts_by_id[old.message_id])
            counts["edited"] += 1
        else:
            counts["unchanged"] += 1
    for album in (d for d in merged if d.grouped_id is not None):
        counts[await _stage_album(repo, source_id, album)] += 1
    await uow.repo(SourceRepo).advance(
        source_id, cursor=cursor,
        last_post_at=max((d.posted_at for d in drafts), default=None),
        read_at=datetime.now(UTC) if cursor is not None else None,
    )
    return StoreResult(**counts)


async def store(
    uow: UnitOfWork, source_id: int, drafts: Sequence[PostDraft], *, cursor: int | None = None
) -> StoreResult:
    """Store a batch and move the source's cursor to `cursor` in one transaction.

    Idempotent: a message already stored (by any path) is left alone unless this is a newer
    edit, which keeps the old text in post_versions and queues the post for classification.
    """
    async with uow:
        result = await stage(uow, source_id, drafts, cursor=cursor)
        await uow.commit()
    return result


async def mark_deleted(uow: UnitOfWork, source_id: int, message_ids: Sequence[int]) -> int:
    """Deleted in Telegram: marked here, never removed (history points at it); the cards it
    was a source of lose it, and a card left with none is withdrawn (crm.deletions)."""
    return (await deletions.mark_deleted(uow, source_id, message_ids)).posts


async def get(uow: UnitOfWork, source_id: int, message_id: int) -> PostRecord | None:
    async with uow:
        return await uow.repo(PostRepo).get(source_id, message_id)
