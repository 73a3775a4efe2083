"""The characteristics dictionary (characteristics.json), which managers may extend."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DICTIONARY_PATH = Path(__file__).with_name("characteristics.json")
# A card's label columns → the dictionary's categories.
CARD_FIELDS = {"role": "roles", "grade": "grades", "format": "formats",
               "employment": "employment", "stack": "stack"}


@dataclass(frozen=True)
class Dictionary:
    ids: tuple[str, ...]  # "category:value", in file order

    @classmethod
    def load(cls, path: Path = DICTIONARY_PATH) -> Dictionary:
        """Read again only when the file changed (a manager's edit shows without a restart)."""
        return _read(path, path.stat().st_mtime_ns)

    @property
    def index(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.ids)}

    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.split(":", 1)[0] for c in self.ids))


def characteristics(labels: dict[str, list[str] | tuple[str, ...]]) -> frozenset[str]:
    """A request's characteristics from its label columns (roles, stack, grades, …)."""
    return frozenset(f"{cat}:{v}" for cat, field in CARD_FIELDS.items()
                     for v in labels.get(field) or ())


@cache
def _read(path: Path, mtime_ns: int) -> Dictionary:
    raw = json.loads(path.read_text(encoding="utf-8"))["categories"]
    ids = [f"{cat}:{v}" for cat, values in raw.items() for v in values]
    return Dictionary(tuple(dict.fromkeys(ids)))
