"""Weak kind labels from channel hashtags, measured against the annotations before use.

On annotated train posts #резюме was `offer` 13/13 and #дайджест `digest` 4/4; #cv and #ищу were
mixed (#ищудизайнера is a request), so they are not used. Offers and digests are the rare kinds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from classifier.api import Labels
from classifier.dataset import Example, is_dev
from classifier.encoder.finetune import Target

HASHTAG_KINDS = {"#резюме": "offer", "#дайджест": "digest"}
WEAK_WEIGHT = 0.5


def hashtag_targets(records: Path, skip_texts: Iterable[str]) -> list[Target]:
    """Kind-only targets for Telegram posts with a telling hashtag; dev-split texts excluded."""
    skip = set(skip_texts)
    out: list[Target] = []
    with records.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text = row.get("text") or ""
            tags = {t.lower() for t in row.get("hashtags_derived") or ()}
            kinds = {HASHTAG_KINDS[t] for t in tags if t in HASHTAG_KINDS}
            if len(kinds) != 1 or not text.strip() or text in skip:
                continue
            if is_dev(Example(key=f"{row.get('chat_id')}:{row.get('id')}", text=text,
                              labels=Labels())):
                continue
            skip.add(text)
            out.append(Target(text=text, kind=kinds.pop(), weight=WEAK_WEIGHT))
    return out

