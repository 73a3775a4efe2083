"""The classifier's one door: labels in the ANNOTATION.md vocabulary, per-field confidences."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol

from textparse.records import Rate
from vocabulary import FORMATS, GRADES, ROLE_FAMILIES  # noqa: F401 (the classifier reads them here)

Kind = Literal["request", "offer", "digest", "other"]
KINDS: tuple[Kind, ...] = ("request", "offer", "digest", "other")
EMPLOYMENTS: tuple[str, ...] = ("full-time", "part-time", "project", "internship")
PERIODS: tuple[str, ...] = ("hour", "day", "week", "month", "year", "project")


@dataclass(frozen=True)
class Labels:
    """One post's labels, field for field as in ../shared/data/ANNOTATION.md."""

    kind: Kind = "other"
    roles: tuple[str, ...] = ()
    stack: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    rate: Rate | None = None
    format: tuple[str, ...] = ()
    location: str | None = None
    employment: tuple[str, ...] = ()
    duration_months: float | None = None
    headcount: int | None = None

    def to_annotation(self) -> dict[str, Any]:
        """The JSON shape of annotations/train.jsonl (lists, not tuples)."""
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, tuple):
                out[key] = list(value)
        return out

    @classmethod
    def from_annotation(cls, row: Mapping[str, Any]) -> Labels:
        rate = row.get("rate")
        return cls(
            kind=row.get("kind") or "other",
            roles=tuple(row.get("roles") or ()),
            stack=tuple(row.get("stack") or ()),
            grades=tuple(row.get("grades") or ()),
            rate=Rate(
                min=rate.get("min"), max=rate.get("max"),
                currency=rate.get("currency"), period=rate.get("period"),
            ) if rate else None,
            format=tuple(row.get("format") or ()),
            location=row.get("location"),
            employment=tuple(row.get("employment") or ()),
            duration_months=row.get("duration_months"),
            headcount=row.get("headcount"),
        )


@dataclass(frozen=True)
class Prediction:
    """What the classifier says of one text.

    `confidences` has one entry per field name of Labels (0..1). `needs_review` is set when any
    field the model predicts falls below its threshold: such posts are shown for review, not
    trusted. `unreadable` marks input with nothing to classify (empty, emoji- or markup-only).
    `items` holds one Prediction per opening when `labels.kind == "digest"` was split.
    """

    labels: Labels
    confidences: Mapping[str, float]
    model_version: str
    needs_review: bool = False
    unreadable: bool = False
    items: tuple[Prediction, ...] = field(default=())
    item_texts: tuple[str, ...] = field(default=())


class Classifier(Protocol):
    @property
    def version(self) -> str: ...

    async def classify(self, texts: Sequence[str]) -> list[Prediction]: ...
