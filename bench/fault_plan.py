"""The fault suite's world (managers, saved searches, sandbox users), its progress sampler and
its timeline of faults."""

from __future__ import annotations

import asyncio
import contextlib
import random
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.fault_procs_supervisor import now
from bench.fault_services import OwnPostgres, OwnRedis, OwnSmtp
from crm import searches
from db.models import Notification, Post, RequestCard
from db.records.feed import FeedFilters
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from sandbox.emulator import BotApiEmulator
from sandbox.faults import Fault

Factory = async_sessionmaker[AsyncSession]
FIRST_TG_ID = 5001
# What the keyword classifier tags (tests/fakes/classifier.py): searches that will match.
STACKS = ("Python", "Kubernetes", "Java", "1C", "React", "SQL", "Go", "QA")
EMAIL_EVERY = 5  # every fifth manager also takes pushes by email


@dataclass
class FaultLog:
    dependency_restarts: list[float] = field(default_factory=list)
    maybe_delivered_faults: int = 0
    excluded_tg: set[int] = field(default_factory=set)
    events: list[tuple[float, str]] = field(default_factory=list)


async def build_world(factory: Factory, emu: BotApiEmulator, managers: int, count: int,
                      rng: random.Random) -> list[int]:
    uow = UnitOfWork(factory)
    users = []
    for n in range(managers):
        tg_id = FIRST_TG_ID + n
        emu.add_user(tg_id, f"M{n}", language_code="ru")
        async with uow:
            repo = uow.repo(UserRepo)
            user = await repo.add(tg_user_id=tg_id, first_name=f"M{n}", username=None,
                                  language="ru", role="manager")
            if n % EMAIL_EVERY == 0:
                await repo.update(user.id, email=f"m{n}@example.com", email_enabled=True)
            await uow.commit()
        async with uow:
            found = await uow.repo(UserRepo).get(user.id)
        assert found is not None
        users.append(found)
    for n in range(count):
        stack = STACKS[n % len(STACKS)]
        filters = FeedFilters(stack=(stack,), period_days=None)
        await searches.create(uow, users[n % managers], f"s{n + 1}", filters)
    rng.shuffle(users)
    return [u.tg_user_id for u in users]


async def backlog(factory: Any, expected: int) -> int:
    """Work not done yet: posts not stored or not classified, cards not matched, outbox rows
    still pending."""
    async with factory() as session:
        stored = await session.scalar(sa.select(sa.func.count()).select_from(Post))
        posts = await session.scalar(
            sa.select(sa.func.count()).where(Post.classify_state == "pending"))
        rows = await session.scalar(
            sa.select(sa.func.count()).where(Notification.status == "pending"))
        cards = await session.scalar(sa.select(sa.func.count()).where(
            RequestCard.matched_at.is_(None), RequestCard.withdrawn_at.is_(None)))
    return expected - int(stored or 0) + int(posts or 0) + int(rows or 0) + int(cards or 0)


async def progress(factory: Factory, emu: BotApiEmulator, smtp: OwnSmtp,
                   timeline: list[tuple[float, dict[str, int]]], t0: float, stop: asyncio.Event,
                   prefix: str, expected: int) -> None:
    """Samples each process's progress twice a second (skipped while PostgreSQL is down).
    The sandbox runs in this event loop: only calls new since the last sample are scanned."""
    scanned = pushes = 0
    while not stop.is_set():
        calls = emu.calls
        for call in calls[scanned:]:
            pushes += (call.method == "sendMessage" and call.ok
                       and str(call.params.get("text", "")).startswith(prefix))
        scanned = len(calls)
        with contextlib.suppress(Exception):
            async with factory() as session:
                counts = dict((await session.execute(sa.select(
                    Post.classify_state, sa.func.count()).group_by(Post.classify_state))).all())
                due = await session.scalar(sa.select(sa.func.count()).where(
                    Notification.status == "pending",
                    Notification.next_attempt_at <= sa.func.now()))
            stored = sum(int(v) for v in counts.values())
            timeline.append((now() - t0, {
                "stored": stored, "to_store": expected - stored,
                "classified": stored - int(counts.get("pending", 0)),
                "pending": int(counts.get("pending", 0)),
                "delivered": pushes + len(smtp.handler.messages), "due": int(due or 0),
            }))
        await asyncio.sleep(0.5)


async def _at(t0: float, fraction: float, duration: float) -> float:
    await asyncio.sleep(max(0.0, t0 + fraction * duration - now()))
    return now() - t0


async def run_faults(duration: float, t0: float, pg: OwnPostgres, redis: OwnRedis,
                     smtp: OwnSmtp, emu: BotApiEmulator, managers: list[int],
                     send_timeout: float) -> FaultLog:
    log = FaultLog()

    def note(at: float, what: str) -> None:
        log.events.append((at, what))
        print(f"[{at:6.1f} s] {what}", flush=True)

    at = await _at(t0, 0.12, duration)
    await asyncio.to_thread(pg.restart)
    log.dependency_restarts.append(at)
    note(at, "PostgreSQL restarted")
    at = await _at(t0, 0.20, duration)
    smtp.stop()
    note(at, "SMTP down")
    at = await _at(t0, 0.25, duration)
    emu.inject("sendMessage", Fault("429", seconds=2))
    note(at, "429 storm")
    at = await _at(t0, 0.30, duration)
    emu.clear_faults()
    at = await _at(t0, 0.35, duration)
    redis.kill()
    await asyncio.sleep(3)
    redis.start()
    log.dependency_restarts.append(at)
    note(at, "Redis restarted (3 s down)")
    at = await _at(t0, 0.45, duration)
    smtp.start()
    emu.inject("sendMessage", Fault("5xx"))
    note(at, "SMTP back; Bot API answers 502")
    at = await _at(t0, 0.53, duration)
    emu.inject("sendMessage", Fault("5xx", deliver=True, remaining=5))
    log.maybe_delivered_faults += 5
    note(at, "5 sends delivered, then answered 502")
    at = await _at(t0, 0.62, duration)
    emu.inject("sendMessage", Fault("hang", deliver=True, seconds=send_timeout + 3, remaining=3))
    log.maybe_delivered_faults += 3
    note(at, "3 sends delivered, then hang past the client timeout")
    at = await _at(t0, 0.70, duration)
    emu.block(managers[0])
    log.excluded_tg.add(managers[0])
    note(at, f"manager {managers[0]} blocks the bot (403)")
    at = await _at(t0, 0.80, duration)
    emu.unblock(managers[0])
    await _at(t0, 1.0, duration)
    return log
