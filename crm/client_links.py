"""Posts → their client, inside the caller's transaction (ingest's, or backfill's).

The text work (contacts, company names, NER) is identity's; this applies its decision to the
database: keys, evidence, a new client where nobody is known, the card's link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from db.repositories.client_keys import ClientKeyRepo, PostFacts
from db.repositories.clients import ClientRepo
from db.uow import UnitOfWork
from identity import companies
from identity.merge import Owner, decide
from identity.ner import Finder, no_ner
from identity.resolve import COMPANY, resolve

CONTACT_KINDS = ("telegram", "email", "phone")


@dataclass(frozen=True)
class LinkResult:
    posts: int = 0
    linked_cards: int = 0
    new_clients: int = 0
    nobody: int = 0  # posts naming no one: their cards keep no client, and say so


async def link_posts(
    uow: UnitOfWork, post_ids: Sequence[int], ner: Finder = no_ner
) -> LinkResult:
    """Gives the cards of these posts their client; call inside an open `async with uow`."""
    repo = uow.repo(ClientKeyRepo)
    facts = [f for f in await repo.post_facts(post_ids) if f.card_ids]
    if not facts:
        return LinkResult()
    boards = await repo.boards()
    linked = created = nobody = 0
    for post in facts:
        client, new = await _link(uow, post, boards, ner)
        linked += len(post.card_ids) if client else 0
        created += new
        nobody += client is None
    return LinkResult(len(facts), linked, created, nobody)


async def _link(
    uow: UnitOfWork, post: PostFacts, boards: set[str], ner: Finder
) -> tuple[int | None, bool]:
    repo = uow.repo(ClientKeyRepo)
    resolution = resolve(post.text, author_id=post.author_id, author_name=post.author_name,
                         source_username=post.source_username, boards=boards, ner=ner)
    if resolution.empty:
        return None, False
    found = await repo.owners((k.kind, k.value) for k in resolution.keys)
    owners = {(o.kind, o.value): Owner(o.client_id, o.shared) for o in found}
    companies_of = await repo.companies_of(o.client_id for o in found)
    decision = decide(resolution, owners, companies_of)
    client = decision.client_id
    if decision.create:
        key = next((k.value for k in resolution.companies), None)
        name = companies.display(resolution.name or key or "—")
        client = await repo.add_client(name, key)
    if client is None:
        return None, False
    await repo.mark_shared((k.kind, k.value) for k in decision.shared_keys)
    await repo.add_keys(client, ((k.kind, k.value) for k in decision.new_keys))
    await repo.add_evidence(client, post.post_id,
                            ((k.kind, k.value, k.how) for k in decision.evidence))
    shown = [(k.kind, k.value) for k in decision.new_keys if k.kind in CONTACT_KINDS]
    await uow.repo(ClientRepo).add_contacts(client, shown)
    await repo.link_cards(post.card_ids, client)
    return client, decision.create


def company_key(name: str) -> str | None:
    """The merge key a manager's rename or a typed company gets (None: names nobody)."""
    return companies.normalise(name) if name else None


__all__ = ["COMPANY", "LinkResult", "company_key", "link_posts"]
