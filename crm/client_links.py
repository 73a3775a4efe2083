"""Posts → their client, inside the caller's transaction (ingest's, or backfill's).

The text work (contacts, company names, NER) is identity's; this applies its decision to the
database: keys, evidence, a new client where nobody is known, the card's link.

A batch is decided post by post in memory and written with one statement per kind of row:
the keys of the whole batch are looked up once, and each decision updates the in-memory owners
as its writes would update the table, so a later post of the batch finds the client an earlier
one made or taught, exactly as if each post had been linked alone, in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from db.repositories.client_keys import KEY_CHARS, ClientKeyRepo, PostFacts
from db.uow import UnitOfWork
from identity import companies
from identity.merge import Owner, decide
from identity.ner import Finder, no_ner
from identity.resolve import COMPANY, Key, Resolution, resolve

CONTACT_KINDS = ("telegram", "email", "phone")
Pair = tuple[str, str]  # (kind, value) as the table stores it


@dataclass(frozen=True)
class LinkResult:
    posts: int = 0
    linked_cards: int = 0
    new_clients: int = 0
    nobody: int = 0  # posts naming no one: their cards keep no client, and say so


@dataclass
class _Batch:
    """The decisions of a batch so far and the rows they write. A client made by the batch
    goes by a stand-in id (-1, -2, ...) until the write gives it its real one."""

    owners: dict[Pair, Owner]
    companies_of: dict[int, frozenset[str]]
    clients: list[tuple[str, str | None]] = field(default_factory=list)
    keys: dict[Pair, int] = field(default_factory=dict)
    shared: dict[Pair, None] = field(default_factory=dict)
    evidence: list[tuple[int, int, str, str, str]] = field(default_factory=list)
    contacts: dict[Pair, int] = field(default_factory=dict)
    cards: dict[int, int] = field(default_factory=dict)

    def link(self, post: PostFacts, resolution: Resolution) -> tuple[int | None, bool]:
        decision = decide(resolution, self.owners, self.companies_of)
        client = decision.client_id
        if decision.create:
            name_key = next((k.value for k in resolution.companies), None)
            self.clients.append(
                (companies.display(resolution.name or name_key or "—"), name_key))
            client = -len(self.clients)
            self.companies_of[client] = frozenset()
        if client is None:
            return None, False
        for key in decision.shared_keys:
            self._share(key)
        for key in decision.new_keys:
            self._own(client, key)
            if key.kind in CONTACT_KINDS:  # the first to show a contact keeps it
                self.contacts.setdefault((key.kind, key.value), client)
        self.evidence += [(client, post.post_id, k.kind, k.value[:KEY_CHARS], k.how)
                          for k in decision.evidence]
        for card in post.card_ids:  # a card two posts of the batch made goes to the first
            self.cards.setdefault(card, client)
        return client, decision.create

    def _own(self, client: int, key: Key) -> None:
        pair = (key.kind, key.value[:KEY_CHARS])
        if pair in self.owners:
            return  # held already: the insert would do nothing
        self.owners[pair] = Owner(client)
        self.keys[pair] = client
        if key.kind == COMPANY:
            self.companies_of[client] = self.companies_of.get(client, frozenset()) | {pair[1]}

    def _share(self, key: Key) -> None:
        pair = (key.kind, key.value[:KEY_CHARS])
        found = self.owners.get(pair)
        if found is None:
            return  # nobody holds it: the update would touch no row
        self.owners[pair] = Owner(found.client_id, shared=True)
        self.shared[pair] = None
        if key.kind == COMPANY:
            self.companies_of[found.client_id] = self.companies_of.get(
                found.client_id, frozenset()) - {pair[1]}

    async def write(self, repo: ClientKeyRepo) -> None:
        made = await repo.add_clients(self.clients)

        def real(client: int) -> int:
            return made[-client - 1] if client < 0 else client

        # Keys before `shared`: a key the batch added and a later post found shared is marked.
        await repo.add_owned_keys([(k, v, real(c)) for (k, v), c in self.keys.items()])
        await repo.mark_shared(self.shared)
        await repo.add_evidence([(real(c), post, kind, value, how)
                                 for c, post, kind, value, how in self.evidence])
        await repo.add_contacts([(real(c), k, v) for (k, v), c in self.contacts.items()])
        await repo.link_cards({card: real(c) for card, c in self.cards.items()})


async def link_posts(
    uow: UnitOfWork, post_ids: Sequence[int], ner: Finder = no_ner
) -> LinkResult:
    """Gives the cards of these posts their client; call inside an open `async with uow`."""
    repo = uow.repo(ClientKeyRepo)
    facts = [f for f in await repo.post_facts(post_ids) if f.card_ids]
    if not facts:
        return LinkResult()
    boards = await repo.boards()
    resolved = [(post, resolve(post.text, author_id=post.author_id,
                               author_name=post.author_name,
                               source_username=post.source_username, boards=boards, ner=ner))
                for post in facts]
    found = await repo.owners((k.kind, k.value) for _, r in resolved for k in r.keys)
    batch = _Batch({(o.kind, o.value): Owner(o.client_id, o.shared) for o in found},
                   await repo.companies_of(o.client_id for o in found))
    linked = created = nobody = 0
    for post, resolution in resolved:
        client, new = batch.link(post, resolution)
        linked += len(post.card_ids) if client else 0
        created += new
        nobody += client is None
    await batch.write(repo)
    return LinkResult(len(facts), linked, created, nobody)


def company_key(name: str) -> str | None:
    """The merge key a manager's rename or a typed company gets (None: names nobody)."""
    return companies.normalise(name) if name else None


__all__ = ["COMPANY", "LinkResult", "company_key", "link_posts"]
