"""Managers' corrections (`radar classifier corrections export`) in training: a corrected field
outweighs the hand label it contradicts, and trains nothing it did not correct."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from classifier.api import Labels
from classifier.dataset import DatasetError, Example, is_dev
from classifier.dedup import fingerprint
from classifier.encoder.finetune import Target
from classifier.labels import clean_text

# A corrected field counts this many hand labels: a person looked at this very post in use.
CORRECTION_WEIGHT = 3.0
# The fields the fine-tuned heads learn (Target's); a rate or location fix trains no head.
TRAINED_FIELDS = ("kind", "roles", "grades", "format", "employment", "stack")


@dataclass(frozen=True)
class Correction:
    key: str
    text: str
    labels: Labels
    fields: tuple[str, ...]


def read_corrections(path: Path) -> list[Correction]:
    found = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                fields = tuple(f for f in row.get("corrected") or () if f in TRAINED_FIELDS)
                found.append(Correction(str(row.get("key") or f"{path.name}:{number}"),
                                        str(row.get("text") or ""),
                                        Labels.from_annotation(row), fields))
            except (ValueError, TypeError, AttributeError) as exc:
                raise DatasetError(f"{path}:{number}: not a correction ({exc})") from exc
    return [c for c in found if c.fields and c.text.strip()]


def _corrected(labels: Labels, correction: Correction) -> Labels:
    return replace(labels, **{f: getattr(correction.labels, f) for f in correction.fields})


def apply_corrections(train_set: Sequence[Example], corrections: Sequence[Correction]
                      ) -> tuple[list[Example], list[Target]]:
    """The train set with corrected fields in place of the hand labels of the same post, and
    one weighted target per correction carrying only its corrected fields.

    Corrections of dev posts are left out, so the dev figures stay a held-out measure."""
    kept = [c for c in corrections
            if not is_dev(Example(c.key, c.text, c.labels))]
    # A post and its copies (emoji, tags, a footer) are one post: matched by fingerprint.
    by_text = {fingerprint(c.text): c for c in kept}
    examples = []
    for example in train_set:
        found = by_text.get(fingerprint(example.text))
        examples.append(replace(example, labels=_corrected(example.labels, found))
                        if found else example)
    targets = [
        Target(clean_text(c.text), weight=CORRECTION_WEIGHT,
               **{f: getattr(c.labels, f) for f in c.fields})
        for c in kept
    ]
    return examples, targets
