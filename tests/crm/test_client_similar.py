from __future__ import annotations

from crm.client_similar import also_needed

KNOWN = {"role:frontend", "stack:React", "stack:TypeScript", "role:qa", "stack:Go",
         "role:backend"}


class TestAlsoNeeded:
    def test_neighbours_needs_the_client_never_asked(self) -> None:
        counts = [
            (1, "role:frontend", 3), (1, "stack:React", 3),
            (2, "role:frontend", 2), (2, "stack:React", 2), (2, "stack:TypeScript", 2),
            (3, "role:frontend", 1), (3, "stack:React", 1), (3, "role:qa", 1),
            (4, "role:backend", 5), (4, "stack:Go", 5), (4, "stack:Removed", 9),
        ]
        found = also_needed(counts, KNOWN)
        assert {name for name, _ in found[1]} == {"stack:TypeScript", "role:qa"}
        # A client with no similar neighbour gets nothing; removed entries are never offered.
        assert 4 not in found
        assert all(name in KNOWN for picks in found.values() for name, _ in picks)
