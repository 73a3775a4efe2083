"""ANNOTATION.md's per-kind rules applied to whatever a model and the parsers found."""

from __future__ import annotations

from dataclasses import dataclass, replace

from classifier import parsers
from classifier.api import KINDS, Kind, Labels, Rate

# Confidence given to a field decided by a rule rather than by a model: the rules were measured
# on the dev split (exact match ≈ 0.9–0.99), and a rule that finds nothing is about as sure.
RULE_CONFIDENCE = 0.9
RULE_FIELDS = ("stack", "rate", "location", "duration_months", "headcount")


@dataclass(frozen=True)
class ParsedFields:
    rate: Rate | None = None
    location: str | None = None
    duration_months: float | None = None
    headcount: int | None = None


def parse_fields(text: str) -> ParsedFields:
    """Rate, location, duration and headcount as the parsers read them."""
    return ParsedFields(
        rate=parsers.parse_rate(text),
        location=parsers.parse_location(text),
        duration_months=parsers.parse_duration_months(text),
        headcount=parsers.parse_headcount(text),
    )


def as_kind(name: str) -> Kind:
    for kind in KINDS:
        if kind == name:
            return kind
    return "other"


def apply_kind_rules(labels: Labels) -> Labels:
    """`other` carries nothing; a `digest` keeps only the union of roles/stack/grades."""
    if labels.kind == "other":
        return Labels(kind="other")
    if labels.kind == "digest":
        return replace(
            labels, rate=None, location=None, duration_months=None, headcount=None,
            format=(), employment=(),
        )
    return labels


def ordered(items: set[str] | frozenset[str], vocabulary: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(x for x in vocabulary if x in items)


def unreadable_labels() -> tuple[Labels, dict[str, float]]:
    return Labels(kind="other"), dict.fromkeys(Labels.__dataclass_fields__, 1.0)
