"""One row-to-record mapper for every view of a request card (ingest, feed, pipeline)."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any, TypeVar

from db.models import RequestCard

Record = TypeVar("Record")


def _columns(record: type[Any]) -> tuple[str, ...]:
    """A record's fields without a default: each is the card row's column of the same name.
    Defaulted fields (a feed card's sources) are never read off the row, only given."""
    return tuple(
        f.name for f in fields(record)
        if f.default is MISSING and f.default_factory is MISSING
    )


def card_row(record: type[Record], row: RequestCard, **given: Any) -> Record:
    """`record` filled from `row` (label arrays as tuples) and `given`."""
    values = {name: getattr(row, name) for name in _columns(record) if name not in given}
    for name, value in values.items():
        if isinstance(value, list):
            values[name] = tuple(value)
    return record(**values, **given)
