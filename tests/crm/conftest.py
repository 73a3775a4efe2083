from __future__ import annotations

from dataclasses import dataclass

import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.records.users import UserRecord
from db.uow import UnitOfWork
from tests.crm import factories


@dataclass(frozen=True)
class People:
    team_a: int
    team_b: int
    manager: UserRecord  # team A
    colleague: UserRecord  # team A, another manager
    other: UserRecord  # team B
    lead: UserRecord  # team A
    admin: UserRecord


@pytest_asyncio.fixture
async def people(
    session_factory: async_sessionmaker[AsyncSession], uow: UnitOfWork
) -> People:
    team_a = await factories.team(session_factory, "A")
    team_b = await factories.team(session_factory, "B")
    return People(
        team_a=team_a, team_b=team_b,
        manager=await factories.user(uow, 101, "manager", team_a),
        colleague=await factories.user(uow, 102, "manager", team_a),
        other=await factories.user(uow, 201, "manager", team_b),
        lead=await factories.user(uow, 103, "lead", team_a),
        admin=await factories.user(uow, 1, "admin", team_a),
    )
