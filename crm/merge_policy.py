"""When a card-making item joins a card already stored instead of opening its own.

Exact copies (a forward of the card's post, the same fingerprint) always join. A near copy is
found by the card's MinHash band keys and confirmed on the texts by the collector's detector;
then the labels get a veto: a post the classifier gives other roles than the card's is
another request made from one template (one company's "QA Specialist at …" and "C++
Developer at …"). The veto spares near-identical copies: on them a disagreement is the
model's noise (the classifier's roles share none on 3% of edited reposts, most of them with
the same shingles; unspared, the veto took 2.8 points off the merged reposts). bench/dedup.py
measures the merges and the wrong ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from db.records.cards import DuplicateProbe, ItemVerdict, NearCandidate
from db.records.posts import PendingPost
from db.repositories.cards import CardRepo

# The same request reposted within two weeks is the same request; later it is a new one.
CROSS_POST_WINDOW = timedelta(days=14)
# Cards sharing a band key with a post that are compared with it, most shared keys first.
CANDIDATE_LIMIT = 20
# Without a text comparison, a candidate sharing this many of its 20 band keys is a near copy
# (about word-shingle Jaccard 0.63; one channel's template with another opening shares 0-2).
DEFAULT_MIN_SHARED_KEYS = 5
# The card's label columns a near copy must not contradict (both named, none shared).
VETO_FIELDS: tuple[str, ...] = ("roles",)

# (new post's text, card's text) -> the same request? The collector passes classifier.dedup's.
SameRequest = Callable[[str, str], bool]


def labels_disagree(labels: Mapping[str, Any], candidate: NearCandidate,
                    fields: tuple[str, ...]) -> bool:
    """Some field both name and share no value of: "qa" against "backend"; one side with no
    roles found says nothing."""
    for name in fields:
        mine = {str(v) for v in labels.get(name) or ()}
        theirs = set(getattr(candidate, name))
        if mine and theirs and not mine & theirs:
            return True
    return False


@dataclass(frozen=True)
class MergePolicy:
    window: timedelta = CROSS_POST_WINDOW
    same_request: SameRequest | None = None
    # A copy too close for the veto (the collector passes classifier.dedup.near_identical).
    near_identical: SameRequest | None = None
    candidate_limit: int = CANDIDATE_LIMIT
    min_shared_keys: int = DEFAULT_MIN_SHARED_KEYS
    veto_fields: tuple[str, ...] = VETO_FIELDS

    def is_copy(self, text: str, card_text: str, shared_keys: int) -> bool:
        if self.same_request is None:
            return shared_keys >= self.min_shared_keys
        return self.same_request(text, card_text)

    def joins(self, item: ItemVerdict, candidate: NearCandidate) -> bool:
        """The item is the candidate card's request: a near copy of one of its texts whose
        labels the card's do not contradict, or a near-identical one whatever the labels."""
        if not labels_disagree(item.labels, candidate, self.veto_fields):
            return any(self.is_copy(item.text, text, candidate.shared_keys)
                       for text in candidate.texts)
        close = self.near_identical
        return close is not None and any(close(item.text, text) for text in candidate.texts)

    def probe(self, post: PendingPost, item: ItemVerdict) -> DuplicateProbe:
        return DuplicateProbe(
            post_id=post.id, item_index=item.item_index, kind=item.kind,
            since=post.posted_at - self.window, until=post.posted_at + self.window,
            fingerprint=item.fingerprint, fwd_chat_id=post.fwd_chat_id,
            fwd_message_id=post.fwd_message_id,
        )


async def duplicate_of(
    cards: CardRepo, post: PendingPost, item: ItemVerdict, policy: MergePolicy
) -> int | None:
    """The card the item repeats: exact copies in one round trip, then the band-key
    candidates with their texts and labels (no query of the labels' own), confirmed here."""
    probe = policy.probe(post, item)
    found = await cards.duplicate_of(probe)
    if found is not None:
        return found
    candidates = await cards.near_copy_candidates(
        item.band_keys, kind=item.kind, since=probe.since, until=probe.until, post_id=post.id,
        limit=policy.candidate_limit,
    )
    return next((c.card_id for c in candidates if policy.joins(item, c)), None)
