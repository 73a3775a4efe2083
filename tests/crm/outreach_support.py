"""Setup for follow-up chain tests: a card by a person, the chain book, a worker at a moment."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import outreach
from crm.outreach_admin import sync_templates
from crm.outreach_chains import ChainBook, load_chains
from crm.outreach_settings import OutreachSettings
from crm.outreach_worker import OutreachWorker
from db.models import Activity, Notification, OutreachRun, OutreachStep
from db.records.outreach import RunRecord
from db.records.users import UserRecord
from db.uow import UnitOfWork
from tests.crm import factories
from tests.fakes.outreach import FakeDmSender

# A Tuesday, 12:00 in Moscow: inside the recipient's working hours.
TUESDAY_NOON = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
AUTHOR = 555_001
POST = "Ищем Senior Python разработчика в команду, пишите на hr@client.example"

Factory = async_sessionmaker[AsyncSession]


def book() -> ChainBook:
    return load_chains()


def worker(dm: FakeDmSender | None, **settings: object) -> OutreachWorker:
    rules = OutreachSettings(**{"pacing_seconds": 0, **settings})  # type: ignore[arg-type]
    return OutreachWorker(book(), rules, dm, random.Random(7))


async def card_by(session_factory: Factory, owner: UserRecord, *, author_id: int | None = AUTHOR,
                  text: str = POST, message_id: int = 1, stage: str = "in_work") -> int:
    card_id = await factories.card(session_factory, owner_user_id=owner.id,
                                   team_id=owner.team_id, stage=stage, text=text)
    await factories.post_for(session_factory, card_id, text, author_name="Анна",
                             message_id=message_id, author_id=author_id)
    return card_id


async def start(uow: UnitOfWork, user: UserRecord, card_id: int,
                text: str | None = None) -> RunRecord:
    await sync_templates(uow, book())
    plan = await outreach.preview(uow, user, card_id, book(), random.Random(3))
    return await outreach.start(uow, user, plan, book(), text=text, now=TUESDAY_NOON)


async def steps(session_factory: Factory, run_id: int) -> list[OutreachStep]:
    async with session_factory() as session:
        return list(await session.scalars(sa.select(OutreachStep).where(
            OutreachStep.run_id == run_id).order_by(OutreachStep.position)))


async def run_row(session_factory: Factory, run_id: int) -> OutreachRun:
    async with session_factory() as session:
        row = await session.get(OutreachRun, run_id)
        assert row is not None
        return row


@dataclass(frozen=True)
class Notice:
    channel: str
    user_id: int
    payload: dict[str, Any]


async def notices(session_factory: Factory) -> list[Notice]:
    """The chains' outbox rows, oldest first."""
    async with session_factory() as session:
        rows = await session.scalars(sa.select(Notification).where(
            Notification.kind == "followup").order_by(Notification.id))
        return [Notice(r.channel, r.user_id, dict(r.payload or {})) for r in rows]


async def history(session_factory: Factory, card_id: int) -> list[Activity]:
    async with session_factory() as session:
        return list(await session.scalars(sa.select(Activity).where(
            Activity.request_id == card_id).order_by(Activity.id)))


async def started(uow: UnitOfWork, session_factory: Factory, owner: UserRecord,
                  **card: Any) -> RunRecord:
    """A chain the owner started about a new card (card_by's arguments)."""
    return await start(uow, owner, await card_by(session_factory, owner, **card))
