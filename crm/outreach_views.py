"""What the bot shows of follow-up chains: a card's chains, a client's request to reach."""

from __future__ import annotations

from crm.access import can_see_client, managed_card
from crm.errors import AccessDenied, CrmInputError
from db.models.enums import OPEN_STAGES
from db.records.outreach import RunRecord
from db.records.users import UserRecord
from db.repositories.clients import ClientRepo
from db.repositories.outreach import OutreachRepo
from db.uow import UnitOfWork


async def runs_of_card(uow: UnitOfWork, user: UserRecord, card_id: int) -> list[RunRecord]:
    """The card's chains, newest first; only for who may change the card (or take it: a
    request nobody owns yet, reached from a search's push)."""
    async with uow:
        await managed_card(uow, user, card_id, claim=True)
        return await uow.repo(OutreachRepo).runs_of(request_id=card_id)


async def card_of_client(uow: UnitOfWork, user: UserRecord, client_id: int) -> int:
    """The client's newest open request: what "Reach out" on a client writes about."""
    async with uow:
        repo = uow.repo(ClientRepo)
        client = await repo.get(client_id)
        if client is None or not can_see_client(user, client):
            raise AccessDenied(f"client {client_id}")
        requests = await repo.requests(client_id)
    open_ones = [r for r in requests if r.stage in OPEN_STAGES]
    if not open_ones:
        raise CrmInputError("outreach_no_open_request")
    return max(open_ones, key=lambda r: r.first_seen_at).id
