"""`radar classifier work [--once]`: classification as a service of its own, no Telegram.

It lives here, not in classifier/ (which imports nothing of ours) nor in collector/cli.py: it is
composition only, the collector's own classify worker (the loop `collector run` starts) over
the database's queue. Any number of these processes share the queue: each claims its batches
with FOR UPDATE SKIP LOCKED, so scaling out is starting more of them.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from typing import Any

from collector import app
from collector.classify_worker import CLASSIFY_BATCH, ClassifyWorker

log = logging.getLogger(__name__)

STOP_GRACE_SECONDS = 5.0


def add_commands(classifier_sub: Any) -> None:
    work = classifier_sub.add_parser(
        "work", help="classify stored posts from the database's queue (any number of processes)")
    work.add_argument("--once", action="store_true",
                      help="drain the queue and exit (after `radar import`)")
    work.add_argument("--batch", type=int, default=CLASSIFY_BATCH,
                      help=f"posts claimed per transaction (default {CLASSIFY_BATCH})")
    work.set_defaults(func=cmd_work)


async def _run_until_stopped(worker: ClassifyWorker, stop: asyncio.Event) -> None:
    # The worker looks at `stop` only between drains of the whole queue: with a backlog a
    # SIGTERM would wait for all of it. Past a grace the batch in hand is cancelled instead;
    # its transaction rolls back and its posts stay pending for another worker.
    running = asyncio.create_task(worker.run(stop))
    stopping = asyncio.create_task(stop.wait())
    await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    done, _ = await asyncio.wait({running}, timeout=STOP_GRACE_SECONDS)
    if not done:
        log.info("stopping: the batch in hand goes back to the queue")
        running.cancel()
    await asyncio.gather(running, return_exceptions=True)


async def cmd_work(args: argparse.Namespace) -> int:
    if args.batch < 1:
        sys.stderr.write("radar: --batch must be at least 1\n")
        return 2
    classifier = app.make_classifier()
    database, redis = app.open_services()
    worker = ClassifyWorker(database.session_factory, redis, classifier, batch_size=args.batch)
    try:
        if args.once:
            claimed = await worker.drain()
            sys.stdout.write(f"classified {claimed} post(s) with {classifier.version}\n")
            return 0
        stop = app.stop_on_signals()  # before "up": a SIGTERM from then on stops it cleanly
        log.info("classify worker up with %s; waiting for posts", classifier.version)
        await _run_until_stopped(worker, stop)
        return 0
    finally:
        await database.engine.dispose()
