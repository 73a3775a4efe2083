"""The client list, the client card, and a manager's edits: owner, rename, merge."""

from __future__ import annotations

from dataclasses import replace

from crm.access import can_see_client
from crm.client_links import company_key
from crm.client_needs import next_needs
from crm.errors import AccessDenied, CrmInputError
from db.records.client_profiles import ClientPageRecord, ClientProfileRecord, ClientRowRecord
from db.records.clients import ClientRecord
from db.records.users import UserRecord
from db.repositories.activities import ActivityRepo
from db.repositories.client_keys import ClientKeyRepo
from db.repositories.client_profiles import ClientProfileRepo
from db.repositories.clients import ClientRepo
from db.uow import UnitOfWork

PAGE_SIZE = 8
NAME_MAX = 255
SEGMENTS = ("champion", "loyal", "big_spender", "promising", "need_attention", "hibernating",
            "lost")
LIFECYCLES = ("new", "active", "returning", "dormant", "lost")


async def _client(uow: UnitOfWork, user: UserRecord, client_id: int) -> ClientRecord:
    client = await uow.repo(ClientRepo).get(client_id)
    if client is None or not can_see_client(user, client):
        raise AccessDenied(f"client {client_id}")
    return client


async def listing(
    uow: UnitOfWork, user: UserRecord, *, segment: str | None = None,
    lifecycle: str | None = None, page: int = 0,
) -> ClientPageRecord:
    """Clients the user may see, at-risk first, then by requests; one page of PAGE_SIZE."""
    if segment not in (None, *SEGMENTS) or lifecycle not in (None, *LIFECYCLES):
        raise CrmInputError("bad_filter", f"{segment}/{lifecycle}")
    page = max(page, 0)
    async with uow:
        repo = uow.repo(ClientProfileRepo)

        async def rows_of(at: int) -> tuple[list[ClientRowRecord], int]:
            return await repo.page(
                team_id=user.team_id, everyone=user.is_admin, segment=segment,
                lifecycle=lifecycle, offset=at * PAGE_SIZE, limit=PAGE_SIZE,
            )

        rows, total = await rows_of(page)
        pages = max(1, -(-total // PAGE_SIZE))
        if page >= pages:  # a page past the end (the Mini App's URL) shows the last one
            page = pages - 1
            rows, total = await rows_of(page)
    return ClientPageRecord(tuple(rows), total, page, pages)


async def profile(uow: UnitOfWork, user: UserRecord, client_id: int) -> ClientProfileRecord:
    """The client card as one record (the bot and the Mini App render the same)."""
    async with uow:
        await _client(uow, user, client_id)
        repo = uow.repo(ClientProfileRepo)
        found = await repo.profile(client_id)
        requests = await repo.labelled_requests(client_id)
    if found is None:
        raise AccessDenied(f"client {client_id}")
    source, needs = next_needs(requests)
    return replace(found, next_needs=needs, needs_source=source)


async def assign_owner(
    uow: UnitOfWork, user: UserRecord, client_id: int, owner_id: int | None = None
) -> ClientProfileRecord:
    """The user takes the client (a lead may name someone else); churn tasks go to the owner."""
    owner = owner_id or user.id
    if owner != user.id and not (user.is_lead or user.is_admin):
        raise AccessDenied(f"client {client_id}")
    async with uow:
        client = await _client(uow, user, client_id)
        await uow.repo(ClientProfileRepo).update(
            client_id, owner_user_id=owner, team_id=client.team_id or user.team_id)
        await uow.repo(ActivityRepo).add("client_owner", user_id=user.id, client_id=client_id,
                                         payload={"owner_id": owner})
        await uow.commit()
    return await profile(uow, user, client_id)


async def rename(uow: UnitOfWork, user: UserRecord, client_id: int, name: str) -> ClientRecord:
    """A manager's name for the client; it also becomes a merge key for later posts."""
    text = " ".join(name.split())[:NAME_MAX]
    if not text:
        raise CrmInputError("empty_name")
    async with uow:
        client = await _client(uow, user, client_id)
        await uow.repo(ClientProfileRepo).update(client_id, name=text)
        key = company_key(text)
        if key:
            await uow.repo(ClientKeyRepo).add_keys(client_id, [("company", key)])
        await uow.repo(ActivityRepo).add("client_renamed", user_id=user.id, client_id=client_id,
                                         payload={"from": client.name, "to": text})
        await uow.commit()
    return ClientRecord(**{**client.__dict__, "name": text})


async def merge(uow: UnitOfWork, user: UserRecord, keep_id: int, other_id: int) -> ClientRecord:
    """`other_id`'s cards, keys and evidence move to `keep_id`; `other_id` stays, marked merged
    (its evidence rows say which posts came from where, so the merge can be told apart later)."""
    if keep_id == other_id:
        raise CrmInputError("merge_self", str(keep_id))
    async with uow:
        keep = await _client(uow, user, keep_id)
        other = await _client(uow, user, other_id)
        await uow.repo(ClientKeyRepo).move_client(other_id, keep_id)
        # Last night's figures no longer describe the merged client: counted live until the next.
        await uow.repo(ClientProfileRepo).update(keep_id, stats=None)
        await uow.repo(ActivityRepo).add("client_merged", user_id=user.id, client_id=keep_id,
                                         payload={"merged": other_id, "name": other.name})
        await uow.commit()
    return keep


async def split_keys(uow: UnitOfWork, user: UserRecord, client_id: int) -> list[tuple[str, str]]:
    """The (kind, value) keys a client can be split by, in the split picker's order."""
    async with uow:
        await _client(uow, user, client_id)
        return [(k.kind, k.value) for k in await uow.repo(ClientKeyRepo).keys_of(client_id)]


async def split(uow: UnitOfWork, user: UserRecord, client_id: int, key_index: int) -> int:
    """A wrong merge undone: the key at `key_index`, with the posts it was found in and their
    cards, becomes a client of its own (named after the key). Returns the new client's id."""
    async with uow:
        client = await _client(uow, user, client_id)
        repo = uow.repo(ClientKeyRepo)
        keys = await repo.keys_of(client_id)
        if not 0 <= key_index < len(keys) or len(keys) < 2:
            raise CrmInputError("bad_split", str(key_index))
        key = keys[key_index]
        new_id = await repo.add_client(key.value, key.value if key.kind == "company" else None)
        await uow.repo(ClientProfileRepo).update(new_id, team_id=client.team_id)
        moved = await repo.split_off(client_id, key.kind, key.value, new_id)
        await uow.repo(ClientProfileRepo).update(client_id, stats=None)
        await uow.repo(ActivityRepo).add(
            "client_split", user_id=user.id, client_id=client_id,
            payload={"new_client": new_id, "kind": key.kind, "value": key.value, "cards": moved})
        await uow.commit()
    return new_id
