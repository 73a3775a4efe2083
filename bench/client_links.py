"""The client link step of ingest alone (crm.client_links.link_posts, as crm.ingest calls it):
the shared posts, each with one card of its own and no client, linked in the classify
worker's batches under a savepoint each. Counts the SQL statements sent and the PostgreSQL
backend's CPU per post: both independent of whatever else runs on the machine, unlike the
wall time, which is shown beside them.

Run: .venv/bin/python -m bench.client_links [--posts 9630] [--batch 32] [--ner]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

import sqlalchemy as sa

from bench.common import ADMIN_URL, Figure, require_shared, write_results
from bench.load_common import backend_pids, cpu_seconds, load_replay
from collector.classify_worker import CLASSIFY_BATCH
from crm.client_links import link_posts
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory
from db.models import Client, ClientEvidence, ClientKey, Post, RequestCard, RequestSource
from db.uow import UnitOfWork
from identity.ner import Finder, NerOrganisations, no_ner


async def _seed(uow: UnitOfWork, posts: int) -> list[int]:
    """The first `posts` shared posts by time, each with an unlinked card; their ids in time
    order (the order ingest claims them in)."""
    replay = await load_replay(require_shared("tg_jobs_wudmc/records.jsonl"), uow)
    chosen = sorted(replay.messages, key=lambda m: (m.date, m.chat_id, m.message_id))[:posts]
    async with uow:
        session = uow.session
        post_ids = list(await session.scalars(
            sa.insert(Post).returning(Post.id, sort_by_parameter_order=True),
            [{"source_id": replay.by_chat[m.chat_id].id, "message_id": m.message_id,
              "text": m.text, "posted_at": m.date} for m in chosen]))
        card_ids = list(await session.scalars(
            sa.insert(RequestCard).returning(RequestCard.id, sort_by_parameter_order=True),
            [{"title": m.text[:100], "text": m.text, "first_seen_at": m.date,
              "last_seen_at": m.date} for m in chosen]))
        await session.execute(sa.insert(RequestSource), [
            {"request_id": card, "post_id": post, "source_id": replay.by_chat[m.chat_id].id,
             "posted_at": m.date}
            for card, post, m in zip(card_ids, post_ids, chosen, strict=True)])
        await uow.commit()
    return post_ids


async def _counts(uow: UnitOfWork) -> dict[str, int]:
    async with uow:
        return {model.__tablename__: int(await uow.session.scalar(
            sa.select(sa.func.count()).select_from(model)) or 0)
            for model in (Client, ClientKey, ClientEvidence)}


async def run(posts: int, batch: int, ner: Finder, admin_url: str) -> list[Figure]:
    url = await create_database(admin_url, prefix="radar_bench_links")
    engine = make_engine(url, pool_size=1)  # used one at a time: one backend, its CPU ours
    statements = 0

    def count(*_: Any) -> None:
        nonlocal statements
        statements += 1

    try:
        await asyncio.to_thread(migrate.upgrade, url)
        uow = UnitOfWork(make_session_factory(engine))
        post_ids = await _seed(uow, posts)
        pids = await backend_pids(engine)
        pg_before, own_before = cpu_seconds(pids), time.process_time()
        sa.event.listen(engine.sync_engine, "before_cursor_execute", count)
        started = time.perf_counter()
        linked = 0
        for start in range(0, len(post_ids), batch):
            async with uow:
                async with uow.session.begin_nested():
                    linked += (await link_posts(uow, post_ids[start: start + batch],
                                                ner=ner)).linked_cards
                await uow.commit()
        wall = time.perf_counter() - started
        sa.event.remove(engine.sync_engine, "before_cursor_execute", count)
        pg, own = cpu_seconds(pids) - pg_before, time.process_time() - own_before
        rows = await _counts(uow)
    finally:
        await engine.dispose()
        await drop_database(admin_url, url)
    n = max(len(post_ids), 1)
    info = "informational"
    return [
        Figure("client_links.posts", float(len(post_ids)), "posts", f"batches of {batch}"),
        Figure("client_links.statements_per_post", statements / n, "statements",
               "load-independent (SAVEPOINT/RELEASE/COMMIT included)"),
        Figure("client_links.postgres_cpu_ms_per_post", 1000 * pg / n, "ms",
               "load-independent"),
        Figure("client_links.python_cpu_ms_per_post", 1000 * own / n, "ms",
               f"load-independent (resolution{' with NER' if ner is not no_ner else ''})"),
        Figure("client_links.wall", wall, "s", f"{info}: depends on the machine's load"),
        Figure("client_links.linked_cards", float(linked), "cards", info),
        *(Figure(f"client_links.rows.{table}", float(value), "rows", info)
          for table, value in rows.items()),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=9630)
    parser.add_argument("--batch", type=int, default=CLASSIFY_BATCH)
    parser.add_argument("--ner", action="store_true", help="company names by NER, as deployed")
    parser.add_argument("--admin-url", default=ADMIN_URL)
    parser.add_argument("--name", default="client_links", help="results file name")
    args = parser.parse_args()
    ner = NerOrganisations() if args.ner else no_ner
    figures = asyncio.run(run(args.posts, args.batch, ner, args.admin_url))
    write_results(args.name, figures)


if __name__ == "__main__":
    main()
