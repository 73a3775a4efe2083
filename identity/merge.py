"""Which client a resolved post belongs to, given who already owns its keys.

Pure: the caller looks the keys up and applies the decision, so the same rules run against the
database (crm) and against an in-memory index (the merge's precision/recall test, the bench).

Rules, strongest first: a known company name decides; else a known contact; else the chat
author. A contact already owned by a client of another company is an agency's or a board's:
it becomes shared and merges nothing from then on. A chat author who posts for a named
company they are not known for is an aggregator poster: the author key becomes shared too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from identity.resolve import COMPANY, Key, Resolution


@dataclass(frozen=True)
class Owner:
    client_id: int
    shared: bool = False


@dataclass(frozen=True)
class Decision:
    client_id: int | None  # None with create=False: the post has no client
    create: bool = False
    new_keys: tuple[Key, ...] = ()  # to add to the client
    shared_keys: tuple[Key, ...] = ()  # to mark shared
    evidence: tuple[Key, ...] = field(default=())


def decide(
    resolution: Resolution, owners: Mapping[tuple[str, str], Owner],
    companies_of: Mapping[int, frozenset[str]],
) -> Decision:
    """`owners`: (kind, value) → its owner for every key of the resolution already known;
    `companies_of`: client id → its company keys, for every owner."""
    if resolution.empty:
        return Decision(None)

    def owner(key: Key) -> Owner | None:
        found = owners.get((key.kind, key.value))
        return found if found and not found.shared else None

    named = {k.value for k in resolution.companies}
    by_company = next((o for k in resolution.companies if (o := owner(k))), None)
    client: int | None = by_company.client_id if by_company else None
    shared: list[Key] = []
    for key in (*resolution.contacts, *((resolution.author,) if resolution.author else ())):
        found = owner(key)
        if found is None or found.client_id == client:
            continue
        theirs = companies_of.get(found.client_id, frozenset())
        if named and theirs and not (theirs & named):
            shared.append(key)  # the same contact speaks for another company
        elif client is None:
            client = found.client_id
    new = tuple(k for k in resolution.keys if (k.kind, k.value) not in owners)
    if client is None:
        return Decision(None, create=True, new_keys=new, shared_keys=tuple(shared),
                        evidence=resolution.keys)
    # A known company's name on a client that has none yet teaches it its company.
    if not by_company and not companies_of.get(client):
        new = tuple(dict.fromkeys((*new, *(k for k in resolution.companies
                                            if (k.kind, k.value) not in owners))))
    elif not by_company:
        new = tuple(k for k in new if k.kind != COMPANY)
    return Decision(client, new_keys=new, shared_keys=tuple(shared), evidence=resolution.keys)
