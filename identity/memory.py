"""The merge rules over an in-memory key index: what the tests and the bench replay posts on."""

from __future__ import annotations

from identity.merge import Owner, decide
from identity.resolve import COMPANY, Resolution


class MemoryIndex:
    def __init__(self) -> None:
        self.owners: dict[tuple[str, str], Owner] = {}
        self.companies: dict[int, set[str]] = {}
        self.names: dict[int, str] = {}

    def assign(self, resolution: Resolution) -> int | None:
        """The client of the post (created if new), or None when the post names nobody."""
        known = {
            (k.kind, k.value): self.owners[(k.kind, k.value)]
            for k in resolution.keys if (k.kind, k.value) in self.owners
        }
        companies_of = {
            o.client_id: frozenset(self.companies.get(o.client_id, ())) for o in known.values()
        }
        decision = decide(resolution, known, companies_of)
        client = decision.client_id
        if decision.create:
            client = len(self.names) + 1
            self.names[client] = resolution.name or "?"
        if client is None:
            return None
        for key in decision.shared_keys:
            self.owners[(key.kind, key.value)] = Owner(self.owners[(key.kind, key.value)]
                                                       .client_id, shared=True)
        for key in decision.new_keys:
            self.owners[(key.kind, key.value)] = Owner(client)
            if key.kind == COMPANY:
                self.companies.setdefault(client, set()).add(key.value)
        return client
