"""Clients: the author or company behind requests, with contacts found in the posts."""

from __future__ import annotations

from crm import contacts
from crm.access import can_see_client, managed_card
from crm.errors import AccessDenied, CrmInputError
from db.models.enums import CONTACT_KINDS
from db.records.clients import ClientCardRecord, ClientRecord
from db.records.users import UserRecord
from db.repositories.activities import ActivityRepo
from db.repositories.clients import ClientRepo
from db.repositories.pipeline import PipelineRepo
from db.uow import UnitOfWork

NAME_MAX = 255
LOG_SIZE = 30


async def from_card(
    uow: UnitOfWork, user: UserRecord, card_id: int, name: str | None = None
) -> ClientRecord:
    """Links the card to its client, creating one from the post's author, company line and
    contacts; a client already holding any of those contacts is reused."""
    async with uow:
        card = await managed_card(uow, user, card_id, lock=True)
        repo = uow.repo(ClientRepo)
        authors = await repo.card_authors(card_id)
        texts = [a.text for a in authors]
        found = contacts.extract("\n".join(texts))
        client = await repo.get(card.client_id) if card.client_id else None
        client = client or await repo.by_contacts(found)
        if client is None:
            company = next(filter(None, map(contacts.company_name, texts)), None)
            author = next((a.author_name for a in authors if a.author_name), None)
            fallback = f"@{found[0][1]}" if found and found[0][0] == "telegram" else None
            label = (name or company or author or fallback or card.title or "—").strip()
            client = await repo.add(label[:NAME_MAX], user.team_id, user.id)
        elif not can_see_client(user, client):
            raise AccessDenied(f"client {client.id}")
        await repo.add_contacts(client.id, found)
        if card.client_id != client.id:
            await uow.repo(PipelineRepo).update(card_id, client_id=client.id)
            await uow.repo(ActivityRepo).add(
                "client_linked", user_id=user.id, request_id=card_id, client_id=client.id,
                payload={"client": client.name},
            )
        await uow.commit()
    return client


async def for_card(uow: UnitOfWork, user: UserRecord, card_id: int) -> ClientCardRecord:
    """The client card of a request, linking (or creating) the client first if needed."""
    client = await from_card(uow, user, card_id)
    return await card(uow, user, client.id)


async def card(uow: UnitOfWork, user: UserRecord, client_id: int) -> ClientCardRecord:
    """The client with contacts, requests and their outcomes, notes and history."""
    async with uow:
        repo = uow.repo(ClientRepo)
        client = await repo.get(client_id)
        if client is None or not can_see_client(user, client):
            raise AccessDenied(f"client {client_id}")
        log = uow.repo(ActivityRepo)
        return ClientCardRecord(
            client=client,
            contacts=tuple(await repo.contacts(client_id)),
            requests=tuple(await repo.requests(client_id)),
            notes=tuple(await log.log(client_id=client_id, kinds=("note",), limit=LOG_SIZE)),
            history=tuple(await log.log(client_id=client_id, limit=LOG_SIZE)),
        )


async def add_contact(
    uow: UnitOfWork, user: UserRecord, client_id: int, kind: str, value: str
) -> bool:
    """Adds a contact typed by a manager; False if some client already has it."""
    normalised = _normalise(kind, value)
    async with uow:
        repo = uow.repo(ClientRepo)
        client = await repo.get(client_id)
        if client is None or not can_see_client(user, client):
            raise AccessDenied(f"client {client_id}")
        added = await repo.add_contacts(client_id, [(kind, normalised)]) > 0
        await uow.commit()
    return added


def _normalise(kind: str, value: str) -> str:
    if kind not in CONTACT_KINDS:
        raise CrmInputError("bad_contact_kind", kind)
    text = value.strip()
    handle = text if "@" in text or "/" in text else "@" + text
    found = {
        "telegram": contacts.telegram_usernames(handle),
        "email": contacts.emails(text),
        "phone": [p for p in [contacts.normalise_phone(text)] if p],
    }[kind]
    if len(found) != 1:
        raise CrmInputError(f"bad_{kind}", value)
    return found[0]
