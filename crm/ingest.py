"""Classified posts → request cards: one transaction per claimed batch, cross-posts merged."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.exc import InterfaceError, InternalError, OperationalError, PendingRollbackError

from crm import bounds, client_links, corrections, merge_policy
from crm.merge_policy import MergePolicy  # the collector builds it from here
from db.records.cards import IngestResult, ItemVerdict, PostVerdict
from db.records.posts import PendingPost
from db.repositories.cards import CardRepo
from db.repositories.posts import PostRepo
from db.uow import UnitOfWork
from identity.ner import Finder, no_ner

# A card takes the band keys of its first few posts (20 each), not of every repost.
CARD_KEYS_CAP = 100
TITLE_CHARS = 120
_LABEL_CHARS = 64
_ERROR_CHARS = 500
# Failed posts are retried this many times in all (a model update or a fix may cure them).
RETRY_CAP = 3
RETRY_AFTER = timedelta(hours=1)
log = logging.getLogger(__name__)
# A lost connection or a dying server: the whole batch waits for the next sweep.
OUTAGE_ERRORS = (OperationalError, InterfaceError, InternalError, PendingRollbackError,
                 OSError, TimeoutError)

Analyse = Callable[[Sequence[PendingPost]], Awaitable[Sequence[PostVerdict]]]


def _title(text: str) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return bounds.text(line, TITLE_CHARS)


def _tags(values: Any) -> list[str]:
    if not isinstance(values, list | tuple):
        return []
    return [t for v in values if (t := bounds.text(str(v), _LABEL_CHARS))]


def card_values(item: ItemVerdict, model_version: str) -> dict[str, Any]:
    """The card's denormalised label columns, from one item's verdict."""
    labels = item.labels
    rate = labels.get("rate")
    rate = rate if isinstance(rate, dict) else {}
    # Every column bounded as the table declares it (Numeric(14,2), Numeric(12,2), String(n)).
    return {
        "kind": item.kind, "roles": _tags(labels.get("roles")),
        "stack": _tags(labels.get("stack")), "grades": _tags(labels.get("grades")),
        "formats": _tags(labels.get("format")), "employment": _tags(labels.get("employment")),
        "location": bounds.optional_text(labels.get("location"), 128),
        "rate_min": bounds.money(rate.get("min"), 14),
        "rate_max": bounds.money(rate.get("max"), 14),
        "rate_currency": bounds.optional_text(rate.get("currency"), 8),
        "rate_period": bounds.optional_text(rate.get("period"), 16),
        "rate_rub_hour_min": bounds.money(item.rate_rub_hour_min, 12),
        "rate_rub_hour_max": bounds.money(item.rate_rub_hour_max, 12),
        "duration_months": bounds.real(labels.get("duration_months"), 0, 1200),
        "headcount": bounds.integer(labels.get("headcount"), 0, bounds.INT32_MAX),
        "confidences": bounds.json_value(dict(item.confidences)),
        "needs_review": item.needs_review, "model_version": bounds.text(model_version, 64),
    }


async def _ingest_item(
    cards: CardRepo, post: PendingPost, item: ItemVerdict, model_version: str,
    policy: MergePolicy, existing: int | None,
) -> str:
    values = card_values(item, model_version)
    text = bounds.text(item.text)
    if existing is not None:
        # Re-classification after an edit: the card follows the post's newest labels, except
        # the fields a manager corrected, and the bench-fit matcher looks at it again (pairs
        # already pushed stay pushed once).
        kept = {corrections.FIELDS[field][0] for field in await cards.corrected_fields(existing)
                if field in corrections.FIELDS}
        values = {column: v for column, v in values.items() if column not in kept}
        await cards.update(existing, **values, title=_title(text), text=text,
                           band_keys=list(item.band_keys), fit_matched_at=None)
        return "updated"
    # Item by item, not one query for the batch: an item may repeat a card made or widened
    # by an earlier item of the same batch (a cross-post claimed together with its original).
    card_id = await merge_policy.duplicate_of(cards, post, item, policy)
    outcome = "merged"
    if card_id is not None:
        await cards.add_band_keys(card_id, item.band_keys, cap=CARD_KEYS_CAP)
    else:
        card_id = await cards.create(
            **values, title=_title(text), text=text, fingerprint=item.fingerprint,
            simhash=item.simhash, band_keys=list(item.band_keys),
            first_seen_at=post.posted_at, last_seen_at=post.posted_at,
        )
        outcome = "created"
    await cards.attach(card_id, post_id=post.id, item_index=item.item_index,
                       source_id=post.source_id, posted_at=post.posted_at)
    return outcome


def _classification_rows(post: PendingPost, verdict: PostVerdict) -> list[dict[str, Any]]:
    model_version = bounds.text(verdict.model_version, 64)
    return [
        {"post_id": post.id, "post_version": post.version, "item_index": item.item_index,
         "model_version": model_version, "kind": item.kind,
         "labels": bounds.json_value(dict(item.labels)),
         "confidences": bounds.json_value(dict(item.confidences)),
         "needs_review": item.needs_review, "unreadable": item.unreadable}
        for item in verdict.items
    ]


async def _apply(
    uow: UnitOfWork, batch: Sequence[tuple[PendingPost, PostVerdict]], policy: MergePolicy
) -> dict[str, int]:
    """Stores a batch's verdicts and cards: the per-batch work in one statement each (the
    classification rows, the re-classified items' cards, the posts' state), the per-item
    cross-post lookups and card writes in post order."""
    posts, cards = uow.repo(PostRepo), uow.repo(CardRepo)
    counts = {"classified": 0, "failed": 0, "created": 0, "merged": 0, "updated": 0}
    stored = [(post, verdict) for post, verdict in batch if not verdict.failed]
    for post, verdict in batch:
        if verdict.failed:
            await posts.mark_failed(post.id, verdict.error or "classification failed",
                                    datetime.now(UTC))
            counts["failed"] += 1
    await posts.add_classifications(
        [row for post, verdict in stored for row in _classification_rows(post, verdict)])
    wanted = [(post, verdict.model_version, item) for post, verdict in stored
              for item in verdict.items if item.makes_card]
    existing = await cards.cards_of_items([(post.id, item.item_index)
                                           for post, _, item in wanted])
    for post, model_version, item in wanted:
        counts[await _ingest_item(cards, post, item, model_version, policy,
                                  existing.get((post.id, item.item_index)))] += 1
    await posts.set_state([post.id for post, _ in stored], "done")
    counts["classified"] = len(stored)
    return counts


async def _try_apply(
    uow: UnitOfWork, batch: Sequence[tuple[PendingPost, PostVerdict]], policy: MergePolicy
) -> dict[str, int] | Exception:
    """The batch under a savepoint: its counts, or what the database refused (rolled back)."""
    try:
        async with uow.session.begin_nested():
            return await _apply(uow, batch, policy)
    except OUTAGE_ERRORS:
        raise  # the database is away, not a post's fault: the batch stays pending
    except Exception as exc:  # whatever the database refused
        return exc


async def _apply_isolated(
    uow: UnitOfWork, batch: Sequence[tuple[PendingPost, PostVerdict]], policy: MergePolicy
) -> dict[str, int]:
    """The whole batch at once; if the database refuses it, post by post, so that a post it
    refuses is marked failed with the error and the rest of the batch goes on."""
    found = await _try_apply(uow, batch, policy)
    if not isinstance(found, Exception):
        return found
    totals = dict.fromkeys(("classified", "failed", "created", "merged", "updated"), 0)
    for post, verdict in batch:
        counts = await _try_apply(uow, [(post, verdict)], policy) if len(batch) > 1 else found
        if isinstance(counts, Exception):
            error = f"ingest: {type(counts).__name__}: {counts}"[:_ERROR_CHARS]
            log.warning("storing post %s failed, marked failed: %s", post.id,
                        error.splitlines()[0])
            failed = PostVerdict(post.id, verdict.model_version, failed=True, error=error)
            counts = await _apply(uow, [(post, failed)], policy)
        for key, value in counts.items():
            totals[key] += value
    return totals


async def _link_clients(uow: UnitOfWork, post_ids: list[int], ner: Finder) -> None:
    """New cards get their client in the same transaction (`ner`: company names by NER). A post
    whose linking fails costs only its own client link (`radar clients backfill` redoes it),
    never the batch's verdicts: the batch is tried whole, then post by post."""
    if not await _try_link(uow, post_ids, ner):
        for post_id in post_ids:
            await _try_link(uow, [post_id], ner)


async def _try_link(uow: UnitOfWork, post_ids: list[int], ner: Finder) -> bool:
    try:
        async with uow.session.begin_nested():
            await client_links.link_posts(uow, post_ids, ner=ner)
    except OUTAGE_ERRORS:
        raise
    except Exception as exc:
        log.warning("client link for posts %s failed: %s", post_ids[:5], exc)
        return False
    return True


async def classify_pending(
    uow: UnitOfWork, *, limit: int, analyse: Analyse, policy: MergePolicy | None = None,
    ner: Finder = no_ner,
) -> IngestResult:
    """Claim up to `limit` pending posts, classify them with `analyse`, store verdicts and cards.

    All in one transaction holding the claimed rows (FOR UPDATE SKIP LOCKED): a crash anywhere
    rolls everything back and the posts stay pending for the next sweep. The batch is stored
    under one savepoint; if the database refuses it, each post under its own: one it refuses
    is marked failed with the error, and the rest of the batch goes on (a poison post must not
    block the queue's head for good).
    """
    policy = policy or MergePolicy()
    async with uow:
        posts = await uow.repo(PostRepo).claim_pending(limit)
        if not posts:
            return IngestResult()
        verdicts = {v.post_id: v for v in await analyse(posts)}
        batch = [(post, verdicts.get(post.id, PostVerdict(post.id, "", failed=True)))
                 for post in posts]
        totals = await _apply_isolated(uow, batch, policy)
        await _link_clients(uow, [p.id for p in posts], ner)
        await uow.commit()
    return IngestResult(
        claimed=len(posts), classified=totals["classified"], failed=totals["failed"],
        cards_created=totals["created"], cards_merged=totals["merged"],
        cards_updated=totals["updated"],
    )


async def retry_failed(
    uow: UnitOfWork, *, cap: int = RETRY_CAP, after: timedelta = RETRY_AFTER,
    now: datetime | None = None,
) -> int:
    """Failed posts older than `after` go back to pending, each at most `cap` times in all."""
    now = now or datetime.now(UTC)
    async with uow:
        count = await uow.repo(PostRepo).requeue_failed(cap=cap, failed_before=now - after)
        await uow.commit()
    return count


async def pending_count(uow: UnitOfWork) -> int:
    async with uow:
        return await uow.repo(PostRepo).pending_count()
