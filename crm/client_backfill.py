"""Backfill: every existing card without a client gets one, a batch per transaction."""

from __future__ import annotations

from collections.abc import Callable

from crm.client_links import LinkResult, link_posts
from db.repositories.client_keys import ClientKeyRepo
from db.uow import UnitOfWork
from identity.ner import Finder, no_ner

BATCH = 500


async def backfill(
    uow: UnitOfWork, ner: Finder = no_ner, batch: int = BATCH,
    progress: Callable[[LinkResult], None] | None = None,
) -> LinkResult:
    """Resolves the posts of cards with no client, oldest post first; resumable (a card that
    got its client is not read again), and a crash loses at most one batch."""
    total, after = LinkResult(), 0
    while True:
        async with uow:
            post_ids = await uow.repo(ClientKeyRepo).unlinked_posts(after, batch)
            if not post_ids:
                return total
            done = await link_posts(uow, post_ids, ner=ner)
            await uow.commit()
        after = post_ids[-1]
        total = LinkResult(*(a + b for a, b in zip(
            (total.posts, total.linked_cards, total.new_clients, total.nobody),
            (done.posts, done.linked_cards, done.new_clients, done.nobody), strict=True)))
        if progress:
            progress(total)
