"""ANNOTATION.md's per-kind rules applied to whatever a model and the parsers found."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from classifier import parsers
from classifier.api import KINDS, Kind, Labels, Rate

# Confidence of a rule decision no table knows (the offer cue outranking the kind head).
RULE_CONFIDENCE = 0.9
RULE_FIELDS = ("stack", "rate", "location", "duration_months", "headcount")
# How often each rule outcome (a value found / nothing found) is right on the 2,500 hand
# labels: bench/confidence_calibration.py fits it and scores its calibration by 5-fold CV.
RULE_CONFIDENCE_TABLE = Path(__file__).with_name("rule_confidence.json")
CALIBRATED_FIELDS = ("grades", "format", "rate", "location", "duration_months", "headcount")
# An outcome the labels never showed is a coin toss, not a certainty.
UNSEEN_OUTCOME = 0.5


@cache
def _rule_table() -> dict[str, dict[str, float]]:
    try:
        return dict(json.loads(RULE_CONFIDENCE_TABLE.read_text(encoding="utf-8"))["fields"])
    except (OSError, ValueError, KeyError):
        return {}


def rule_confidences(labels: Labels) -> dict[str, float]:
    """The calibrated confidence of each rule-decided field of these labels."""
    table = _rule_table()
    found = {}
    for name in CALIBRATED_FIELDS:
        value = getattr(labels, name)
        outcome = "found" if value not in (None, (), "") else "none"
        # Without the table (a broken install) the old fixed value, not a flood of reviews.
        fallback = UNSEEN_OUTCOME if table else RULE_CONFIDENCE
        found[name] = table.get(name, {}).get(outcome, fallback)
    return found


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
