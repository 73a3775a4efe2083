"""Card reads and moves for the bot; every one re-checks access on the server."""

from __future__ import annotations

from crm.access import managed_card, visible_card
from crm.pipeline import apply_move
from db.records.feed import CardRecord
from db.records.users import UserRecord
from db.repositories.feed import FeedRepo
from db.uow import UnitOfWork


async def get(uow: UnitOfWork, user: UserRecord, card_id: int) -> CardRecord:
    """The card with its sources, or AccessDenied."""
    async with uow:
        return await visible_card(uow, user, card_id)


async def take(uow: UnitOfWork, user: UserRecord, card_id: int) -> CardRecord:
    """Takes a new request into work, the pipeline's way (owner, team, stage history).

    A card someone else owns is refused; one already past `new` is left where it is, since
    pressing Take on the feed must never move a deal backwards.
    """
    async with uow:
        card = await managed_card(uow, user, card_id, lock=True, claim=True)
        if card.stage == "new":
            await apply_move(uow, user, card, "in_work")
        taken = await uow.repo(FeedRepo).card(card_id)
        await uow.commit()
    assert taken is not None  # locked above, so it cannot have vanished
    return taken


async def hide(uow: UnitOfWork, user: UserRecord, card_id: int) -> None:
    """Hides the card from this user's feed only."""
    async with uow:
        await visible_card(uow, user, card_id)
        await uow.repo(FeedRepo).hide(card_id, user.id)
        await uow.commit()


async def unhide(uow: UnitOfWork, user: UserRecord, card_id: int) -> CardRecord:
    """Undoes `hide`: the card is back in this user's feed."""
    async with uow:
        card = await visible_card(uow, user, card_id)
        await uow.repo(FeedRepo).unhide(card_id, user.id)
        await uow.commit()
    return card
