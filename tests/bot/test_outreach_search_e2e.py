"""A saved search marked to offer outreach: its push carries "Reach out", which opens the
same preview as a card's button; nothing is written to anyone until the manager confirms."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.workers import Workers
from crm import outbox, searches
from crm.outreach_admin import sync_templates
from crm.outreach_chains import load_chains
from db.models import OutreachRun, Post, RequestCard
from db.uow import UnitOfWork
from tests.bot.intake import add_source, publish_request
from tests.support.chat import ChatUser, TelegramHarness

Factory = async_sessionmaker[AsyncSession]
AUTHOR = 700_200
POST = "Ищем Senior React разработчика, удалёнка, 2000-2500 ₽/ч. Пишите hr@client.example"
REACH_OUT = "✉️ Написать автору"
OFFER_OFF = "✉️ «Написать автору» в уведомлениях: выкл · senior react remote"
OFFER_ON = "✉️ «Написать автору» в уведомлениях: вкл · senior react remote"


async def pushed(tg: TelegramHarness, session_factory: Factory, redis: Any) -> None:
    """A request by a person arrives, is matched against the searches and pushed."""
    await sync_templates(UnitOfWork(session_factory), load_chains())
    source_id = await add_source(session_factory, "@itjobs")
    await publish_request(session_factory, redis, source_id, POST)
    async with session_factory() as session:
        await session.execute(sa.update(Post).values(author_id=AUTHOR, author_name="Ольга"))
        await session.commit()
    await searches.match_new_cards(UnitOfWork(session_factory))
    sender = Workers(tg.bot, session_factory, redis, tg.dp["mailer"], tg.dp["translator"],
                     delivery_workers=1).sender
    while await outbox.deliver_next(UnitOfWork(session_factory), sender):
        pass


async def runs(session_factory: Factory) -> list[tuple[str, str | None]]:
    async with session_factory() as session:
        rows = await session.execute(sa.select(OutreachRun.status, OutreachRun.stage_at_start))
        return [(s, st) for s, st in rows.all()]


class TestSearchOffersOutreach:
    async def test_the_push_opens_the_preview_and_only_start_writes(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory, redis: Any,
    ) -> None:
        await manager.send("/search senior react remote")
        await manager.send("/searches")
        await manager.press(OFFER_OFF)
        assert "теперь есть «Написать автору»" in (manager.last_alert or "")
        assert OFFER_ON in manager.last_message.buttons
        await pushed(tg, session_factory, redis)
        push = manager.last_message
        assert push.text.startswith("🔔 Новый запрос по поиску")
        assert REACH_OUT in push.buttons
        assert await runs(session_factory) == []
        await manager.press(REACH_OUT)
        assert "Кому: Ольга · Telegram: ✓ · e-mail: hr@client.example" in (
            manager.last_message.text)
        assert await runs(session_factory) == []  # a preview, not a chain
        await manager.press("✅ Запустить")
        assert manager.last_message.text.startswith("Цепочка запущена")
        # Writing to the client is working on the request: the manager has taken it.
        assert await runs(session_factory) == [("active", "in_work")]
        async with session_factory() as session:
            card = await session.scalar(sa.select(RequestCard))
        assert card is not None and card.owner_user_id is not None

    async def test_a_search_not_marked_pushes_no_reach_out(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory, redis: Any,
    ) -> None:
        await manager.send("/search senior react remote")
        await pushed(tg, session_factory, redis)
        push = manager.last_message
        assert push.text.startswith("🔔 Новый запрос по поиску")
        assert REACH_OUT not in push.buttons and push.buttons
        await manager.send("/searches")
        await manager.press(OFFER_OFF)
        await manager.press(OFFER_ON)  # and off again
        assert "больше нет «Написать автору»" in (manager.last_alert or "")
        assert OFFER_OFF in manager.last_message.buttons
