"""Cross-posts through the real ingest path (crm.ingest on PostgreSQL, the collector's merge
policy): every distinct shared post once, at its own time in its own channel, plus edited
reposts of some of them in other channels within the 14-day window. Measures how many reposts
join their original's card and how many posts land on a card that is not theirs.

The posts carry the shipped classifier's roles, stack and grades (the merge policy's veto reads
them), computed before the timed ingest and kept in var/ by text and model version."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from bench.common import ROOT, Figure
from collector import textsig
from collector.classify_worker import MERGE_POLICY
from crm import ingest
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory
from db.models import Post, RequestSource, Source
from db.records.cards import ItemVerdict, PostVerdict
from db.records.posts import PendingPost
from db.uow import UnitOfWork

REPOST_CHANNELS = 5
BATCH = 64

WRONG_MERGES = ROOT / "var" / "dedup_wrong_merges.jsonl"
LABELS_CACHE = ROOT / "var" / "dedup_labels.jsonl"
LABEL_FIELDS = ("roles", "stack", "grades")
CLASSIFY_CHUNK = 256
Labels = Mapping[str, Mapping[str, list[str]]]


@dataclass(frozen=True)
class BenchPost:
    text: str
    channel: str
    posted_at: datetime
    original: int  # index of the original it copies (itself for an original)


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


async def classify(texts: Sequence[str]) -> dict[str, dict[str, list[str]]]:
    """text key -> the shipped classifier's roles/stack/grades (cached per model version)."""
    from classifier.loading import load_model

    model = load_model(None, None)
    cached: dict[str, dict[str, list[str]]] = {}
    if LABELS_CACHE.exists():
        for line in LABELS_CACHE.open(encoding="utf-8"):
            row = json.loads(line)
            if row["model"] == model.version:
                cached[row["key"]] = row["labels"]
    todo = list({_key(t): t for t in texts if _key(t) not in cached}.items())
    LABELS_CACHE.parent.mkdir(parents=True, exist_ok=True)
    with LABELS_CACHE.open("a", encoding="utf-8") as out:
        for start in range(0, len(todo), CLASSIFY_CHUNK):
            chunk = todo[start: start + CLASSIFY_CHUNK]
            predictions = await model.classify([t for _, t in chunk])
            for (key, _), prediction in zip(chunk, predictions, strict=True):
                labels = prediction.labels.to_annotation()
                cached[key] = {f: list(labels.get(f) or ()) for f in LABEL_FIELDS}
                out.write(json.dumps({"key": key, "model": model.version,
                                      "labels": cached[key]}, ensure_ascii=False) + "\n")
    return cached


def analyser(labels: Labels) -> ingest.Analyse:
    async def analyse(posts: Sequence[PendingPost]) -> list[PostVerdict]:
        # Kind fixed to request: every pair competes, as the hardest case for wrong merges.
        return [PostVerdict(p.id, "bench", (ItemVerdict(
            0, "request", {"kind": "request", **labels.get(_key(p.text), {})}, {}, p.text,
            fingerprint=textsig.fingerprint(p.text), simhash=textsig.simhash(p.text),
            band_keys=textsig.band_keys(p.text)),)) for p in posts]
    return analyse


def build(rows: list[dict[str, object]], edited: Sequence[tuple[int, str]],
          rng: random.Random) -> list[BenchPost]:
    """Originals at their real times; each edited repost 1 hour to 13 days after its original."""
    posts = [BenchPost(str(r["text"]), str(r["channel_username"]),
                       datetime.fromisoformat(str(r["datetime"])).replace(tzinfo=UTC), i)
             for i, r in enumerate(rows)]
    for index, text in edited:
        delay = timedelta(hours=rng.uniform(1, 24 * 13))
        posts.append(BenchPost(text, f"repost{rng.randrange(REPOST_CHANNELS)}",
                               posts[index].posted_at + delay, index))
    return sorted(posts, key=lambda p: p.posted_at)


async def _store(uow: UnitOfWork, posts: list[BenchPost]) -> dict[int, BenchPost]:
    async with uow:
        channels = sorted({p.channel for p in posts})
        ids = {}
        for n, name in enumerate(channels, start=1):
            uow.session.add(Source(id=n, tg_id=-n, ref=f"@{name}", username=name[:64]))
            ids[name] = n
        await uow.session.flush()
        by_id = {}
        for n, post in enumerate(posts, start=1):
            uow.session.add(Post(id=n, source_id=ids[post.channel], message_id=n,
                                 text=post.text, posted_at=post.posted_at))
            by_id[n] = post
        await uow.commit()
    return by_id


async def measure(rows: list[dict[str, object]], edited: Sequence[tuple[int, str]],
                  admin_url: str, veto_fields: tuple[str, ...] | None = None) -> list[Figure]:
    posts = build(rows, edited, random.Random(2))
    labels = await classify([p.text for p in posts])
    policy = MERGE_POLICY if veto_fields is None else dataclasses.replace(
        MERGE_POLICY, veto_fields=veto_fields)
    url = await create_database(admin_url, prefix="radar_bench_dedup")
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        engine = make_engine(url, pool_size=2)
        uow = UnitOfWork(make_session_factory(engine))
        by_id = await _store(uow, posts)
        started = time.perf_counter()
        analyse = analyser(labels)
        while (await ingest.classify_pending(uow, limit=BATCH, analyse=analyse,
                                             policy=policy)).claimed:
            pass
        seconds = time.perf_counter() - started
        async with uow:
            pairs = (await uow.session.execute(
                sa.select(RequestSource.post_id, RequestSource.request_id))).all()
        await engine.dispose()
    finally:
        await drop_database(admin_url, url)
    return [*_figures(by_id, dict(pairs), seconds), _roles_disagree(posts, labels)]


def _roles_disagree(posts: Sequence[BenchPost], labels: Labels) -> Figure:
    """How often the veto would split a repost from its original (both named, none shared)."""
    def roles(post: BenchPost) -> set[str]:
        return set(labels.get(_key(post.text), {}).get("roles") or ())

    originals = {p.original: p for p in posts if not p.channel.startswith("repost")}
    pairs = [(roles(p), roles(originals[p.original])) for p in posts
             if p.channel.startswith("repost")]
    split = sum(bool(a and b and not a & b) for a, b in pairs)
    return Figure("dedup.edited_reposts_roles_disagree", split / len(pairs), "share",
                  f"informational: of {len(pairs)}, the classifier's roles share none")


def _figures(by_id: dict[int, BenchPost], card_of: dict[int, int], seconds: float
             ) -> list[Figure]:
    reposts = [p for p, post in by_id.items() if post.channel.startswith("repost")]
    originals = {by_id[p].original: p for p in by_id if p not in set(reposts)}
    # A card is the request of its first post's original (posts are ingested in time order).
    owner: dict[int, int] = {}
    for post_id in sorted(card_of):
        owner.setdefault(card_of[post_id], by_id[post_id].original)
    joined = sum(card_of[p] == card_of[originals[by_id[p].original]] for p in reposts)
    wrong = [p for p in card_of if owner[card_of[p]] != by_id[p].original]
    wrong_rows = [{"post": by_id[p].text[:1500],
                   "card_of": by_id[originals[owner[card_of[p]]]].text[:1500]} for p in wrong]
    # 2 MB of post texts to read by hand: beside the run, not among the committed figures.
    WRONG_MERGES.parent.mkdir(parents=True, exist_ok=True)
    WRONG_MERGES.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in wrong_rows), encoding="utf-8")
    return [
        Figure("dedup.ingest_edited_reposts_merged", joined / len(reposts), "share",
               f">= 0.95 of {len(reposts)} reposts within the window, through crm.ingest"),
        Figure("dedup.ingest_wrong_merges", len(wrong) / len(card_of), "share",
               f"<= 0.005 of {len(card_of)} posts (listed in var/dedup_wrong_merges.jsonl)"),
        Figure("dedup.ingest_ms_per_post", seconds * 1000 / len(card_of), "ms",
               "informational: store, candidates, texts compared, client links"),
    ]
