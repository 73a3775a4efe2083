"""Classified posts → request cards: one transaction per claimed batch, cross-posts merged."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from crm import client_links
from db.records.cards import IngestResult, ItemVerdict, PostVerdict
from db.records.posts import PendingPost
from db.repositories.cards import CardRepo
from db.repositories.posts import PostRepo
from db.uow import UnitOfWork
from identity.ner import Finder, no_ner

# The same request reposted within two weeks is the same request; later it is a new one.
CROSS_POST_WINDOW = timedelta(days=14)
# Near copies (an emoji, a signature, a changed contact) differ in a few simhash bits.
NEAR_COPY_MAX_DISTANCE = 3
TITLE_CHARS = 120
_LABEL_CHARS = 64

Analyse = Callable[[Sequence[PendingPost]], Awaitable[Sequence[PostVerdict]]]


@dataclass(frozen=True)
class MergePolicy:
    window: timedelta = CROSS_POST_WINDOW
    max_distance: int = NEAR_COPY_MAX_DISTANCE


def _title(text: str) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line[:TITLE_CHARS]


def _tags(values: Any) -> list[str]:
    return [str(v)[:_LABEL_CHARS] for v in values or ()]


def card_values(item: ItemVerdict, model_version: str) -> dict[str, Any]:
    """The card's denormalised label columns, from one item's verdict."""
    labels = item.labels
    rate = labels.get("rate") or {}
    location = labels.get("location")
    return {
        "kind": item.kind, "roles": _tags(labels.get("roles")),
        "stack": _tags(labels.get("stack")), "grades": _tags(labels.get("grades")),
        "formats": _tags(labels.get("format")), "employment": _tags(labels.get("employment")),
        "location": location[:128] if location else None,
        "rate_min": rate.get("min"), "rate_max": rate.get("max"),
        "rate_currency": rate.get("currency"), "rate_period": rate.get("period"),
        "rate_rub_hour_min": item.rate_rub_hour_min, "rate_rub_hour_max": item.rate_rub_hour_max,
        "duration_months": labels.get("duration_months"), "headcount": labels.get("headcount"),
        "confidences": dict(item.confidences), "needs_review": item.needs_review,
        "model_version": model_version,
    }


async def _duplicate_of(
    cards: CardRepo, post: PendingPost, item: ItemVerdict, policy: MergePolicy
) -> int | None:
    if post.fwd_chat_id is not None and post.fwd_message_id is not None:
        found = await cards.by_forward_origin(
            post.fwd_chat_id, post.fwd_message_id, item.item_index
        )
        if found is not None:
            return found
    since, until = post.posted_at - policy.window, post.posted_at + policy.window
    if item.fingerprint is not None:
        found = await cards.by_fingerprint(
            item.fingerprint, kind=item.kind, since=since, until=until, post_id=post.id
        )
        if found is not None:
            return found
    if item.simhash is not None:
        return await cards.by_simhash(
            item.simhash, kind=item.kind, since=since, until=until, post_id=post.id,
            max_distance=policy.max_distance,
        )
    return None


async def _ingest_item(
    cards: CardRepo, post: PendingPost, item: ItemVerdict, model_version: str,
    policy: MergePolicy,
) -> str:
    values = card_values(item, model_version)
    existing = await cards.card_for(post.id, item.item_index)
    if existing is not None:
        # Re-classification after an edit: the card follows the post's newest labels, and the
        # bench-fit matcher looks at it again (pairs already pushed stay pushed once).
        await cards.update(existing, **values, title=_title(item.text), text=item.text,
                           fit_matched_at=None)
        return "updated"
    card_id = await _duplicate_of(cards, post, item, policy)
    outcome = "merged"
    if card_id is None:
        card_id = await cards.create(
            **values, title=_title(item.text), text=item.text, fingerprint=item.fingerprint,
            simhash=item.simhash, first_seen_at=post.posted_at, last_seen_at=post.posted_at,
        )
        outcome = "created"
    await cards.attach(card_id, post_id=post.id, item_index=item.item_index,
                       source_id=post.source_id, posted_at=post.posted_at)
    return outcome


async def _apply(
    uow: UnitOfWork, post: PendingPost, verdict: PostVerdict, policy: MergePolicy
) -> dict[str, int]:
    posts, cards = uow.repo(PostRepo), uow.repo(CardRepo)
    if verdict.failed:
        await posts.set_state([post.id], "failed")
        return {"failed": 1}
    counts = {"classified": 1, "created": 0, "merged": 0, "updated": 0}
    for item in verdict.items:
        await posts.add_classification(
            post_id=post.id, post_version=post.version, item_index=item.item_index,
            model_version=verdict.model_version, kind=item.kind, labels=dict(item.labels),
            confidences=dict(item.confidences), needs_review=item.needs_review,
            unreadable=item.unreadable,
        )
        if item.makes_card:
            counts[await _ingest_item(cards, post, item, verdict.model_version, policy)] += 1
    await posts.set_state([post.id], "done")
    return counts


async def classify_pending(
    uow: UnitOfWork, *, limit: int, analyse: Analyse, policy: MergePolicy | None = None,
    ner: Finder = no_ner,
) -> IngestResult:
    """Claim up to `limit` pending posts, classify them with `analyse`, store verdicts and cards.

    All in one transaction holding the claimed rows (FOR UPDATE SKIP LOCKED): a crash anywhere
    rolls everything back and the posts stay pending for the next sweep.
    """
    policy = policy or MergePolicy()
    totals = {"classified": 0, "failed": 0, "created": 0, "merged": 0, "updated": 0}
    async with uow:
        posts = await uow.repo(PostRepo).claim_pending(limit)
        if not posts:
            return IngestResult()
        verdicts = {v.post_id: v for v in await analyse(posts)}
        for post in posts:
            verdict = verdicts.get(post.id, PostVerdict(post.id, "", failed=True))
            for key, value in (await _apply(uow, post, verdict, policy)).items():
                totals[key] += value
        # New cards get their client in the same transaction (`ner`: company names by NER).
        await client_links.link_posts(uow, [p.id for p in posts], ner=ner)
        await uow.commit()
    return IngestResult(
        claimed=len(posts), classified=totals["classified"], failed=totals["failed"],
        cards_created=totals["created"], cards_merged=totals["merged"],
        cards_updated=totals["updated"],
    )


async def pending_count(uow: UnitOfWork) -> int:
    async with uow:
        return await uow.repo(PostRepo).pending_count()
