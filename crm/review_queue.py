"""Admins' review queue: cards whose labels the classifier was unsure of (needs_review), one at
a time; a confirmation or a correction takes a card out and is kept as training data."""

from __future__ import annotations

from crm.access import require_admin, visible_card
from db.records.feed import CardRecord
from db.records.users import UserRecord
from db.repositories.corrections import CorrectionRepo
from db.repositories.feed import FeedRepo
from db.uow import UnitOfWork

# A confirmation is a correction that changed nothing: every correctable field was checked.
CONFIRMED = "confirmed"


async def next_card(uow: UnitOfWork, user: UserRecord, after_id: int = 0
                    ) -> tuple[CardRecord | None, int]:
    """The first card to review after `after_id` (wrapping round), and how many wait."""
    require_admin(user)
    async with uow:
        repo = uow.repo(CorrectionRepo)
        card_id = await repo.next_to_review(after_id) or await repo.next_to_review(0)
        waiting = await repo.review_count()
        card = await uow.repo(FeedRepo).card(card_id) if card_id else None
    return card, waiting


async def confirm(uow: UnitOfWork, user: UserRecord, card_id: int) -> CardRecord:
    """The labels are right as they are: out of the queue, and kept as a labelled post."""
    require_admin(user)
    async with uow:
        await visible_card(uow, user, card_id, lock=True)
        repo = uow.repo(FeedRepo)
        await repo.update_card(card_id, needs_review=False)
        await repo.add_correction(card_id, user.id, CONFIRMED, None, True)
        updated = await repo.card(card_id)
        await uow.commit()
    assert updated is not None
    return updated
