"""A database seeded with real shared posts through the collector's storing path and the real
classifier, plus a team working some of the requests, for the chart tests."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from collector import app as collector_app
from collector.classify_worker import ClassifyWorker
from collector.intake import Collector
from collector.jsonl_reader import JsonlReader
from crm import sources
from crm.pipeline import apply_move
from db.models import RequestCard, Team
from db.records.bench import BenchDraft
from db.records.users import UserRecord
from db.repositories.bench import BenchRepo
from db.repositories.pipeline import PipelineRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

DATA = Path(__file__).resolve().parents[2].parent / "shared/data"
RECORDS = DATA / "tg_jobs_wudmc/records.jsonl"
# Every Nth post of the 9,630 keeps the test to about a minute on two shared cores.
EVERY = 10
DELAYS_MINUTES = (5, 40, 90, 300, 2000)


@dataclass(frozen=True)
class Seeded:
    admin: UserRecord
    managers: tuple[UserRecord, ...]
    end: datetime  # just after the newest post: the charts' "now"


def subset(path: Path, every: int = EVERY) -> Path:
    with RECORDS.open(encoding="utf-8") as fh:
        lines = [line for n, line in enumerate(fh) if n % every == 0]
    path.write_text("".join(lines), encoding="utf-8")
    return path


async def _people(uow: UnitOfWork) -> tuple[UserRecord, list[UserRecord]]:
    async with uow:
        uow.session.add_all([Team(name="Альфа"), Team(name="Бета")])
        await uow.session.flush()
        teams = list(await uow.session.scalars(sa.select(Team.id).order_by(Team.id)))
        users = uow.repo(UserRepo)
        admin = await users.add(tg_user_id=1, first_name="Алла", username=None, language="ru",
                                role="admin")
        managers = [
            await users.add(tg_user_id=1000 + n, first_name=name, username=None, language="ru",
                            role="manager", team_id=teams[n % 2])
            for n, name in enumerate(("Анна", "Борис", "Вера"))
        ]
        await uow.repo(BenchRepo).add_many([
            BenchDraft(name="Dev A", stack=("Python", "Django"), grade="senior"),
            BenchDraft(name="Dev B", stack=("JavaScript", "React"), grade="middle"),
            BenchDraft(name="Dev C", stack=("Java",), grade="senior"),
            BenchDraft(name="Dev D", stack=("1С",), grade="middle"),
        ], owner_user_id=admin.id, team_id=None)
        await uow.commit()
    return admin, managers


async def _work(uow: UnitOfWork, managers: list[UserRecord], rng: random.Random) -> None:
    """Managers take about a third of the requests, after a spread of delays; some go further."""
    async with uow:
        ids = list(await uow.session.scalars(
            sa.select(RequestCard.id).where(RequestCard.kind == "request").order_by(RequestCard.id)
        ))
        repo = uow.repo(PipelineRepo)
        for card_id in ids[::3]:
            card = await repo.card(card_id)
            assert card is not None
            user = managers[card_id % len(managers)]
            at = card.first_seen_at + timedelta(minutes=rng.choice(DELAYS_MINUTES))
            await apply_move(uow, user, card, "in_work", now=at)
            ending = (rng.choice(("won", "lost")), rng.choice(("дорого", "закрыли сами")))
            for to_stage, reason in (("proposed", None), ("interview", None), ("offer", None),
                                     ending):
                if rng.random() < 0.5:
                    break
                card = await repo.card(card_id)
                assert card is not None
                at += timedelta(hours=rng.randint(2, 72))
                await apply_move(uow, user, card, to_stage, reason, now=at)
        await uow.commit()


async def seed(session_factory: async_sessionmaker[AsyncSession], tmp: Path) -> Seeded:
    reader = JsonlReader(subset(tmp / "records.jsonl"))
    await sources.ensure_chats(UnitOfWork(session_factory), list(reader.chats.values()))
    await Collector(session_factory, None, reader).fill_gaps()
    await ClassifyWorker(session_factory, None, collector_app.make_classifier()).drain()
    admin, managers = await _people(UnitOfWork(session_factory))
    await _work(UnitOfWork(session_factory), managers, random.Random(14))
    newest = max(m.date for chat in reader.messages.values() for m in chat)
    return Seeded(admin, tuple(managers), newest + timedelta(seconds=1))
