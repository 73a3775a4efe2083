"""Weak labels from the unlabelled channel posts: poster hashtags that say a post is a CV."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from classifier.dataset import Example, _split_key

OFFER_TAGS = frozenset({"#резюме", "#cv", "#ищу", "#ищуработу", "#resume"})
REQUEST_TAGS = frozenset({"#вакансия", "#vacancy", "#вакансии", "#job", "#hiring"})


def weak_offers(records: Path, labelled: Iterable[Example], limit: int = 300) -> list[str]:
    """Texts tagged as CVs (and not as vacancies), minus every labelled post's text.

    Labelled texts are excluded by the split key, so no dev post leaks into training this way.
    """
    seen = {_split_key(e.text) for e in labelled}
    out: list[str] = []
    with records.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            tags = set(row.get("hashtags_derived") or ())
            text = row.get("text") or ""
            key = _split_key(text)
            if not key or key in seen or not tags & OFFER_TAGS or tags & REQUEST_TAGS:
                continue
            seen.add(key)
            out.append(text)
            if len(out) >= limit:
                break
    return out
