"""/clients, the client card and its buttons, through the real Dispatcher and the sandbox;
clients come from real resolution (backfill) and the real nightly recompute."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import client_backfill, client_lifecycle, notes
from db.models import Client, RequestCard
from db.uow import UnitOfWork
from tests.bot import intake
from tests.bot.factories import make_card, make_source
from tests.support.chat import ChatUser, TelegramHarness

Factory = async_sessionmaker[AsyncSession]


async def _acme(session_factory: Factory) -> int:
    source = await make_source(session_factory)
    for days in (70, 60, 50, 40, 30):
        await make_card(session_factory, source, title=f"React #{days}",
                        text="Компания: ACME\nИщем React разработчика, @acme_hr",
                        age=timedelta(days=days), roles=["frontend"])
    await make_card(session_factory, source, title="Статья", text="Как пройти собеседование")
    uow = UnitOfWork(session_factory)
    await client_backfill.backfill(uow)
    async with session_factory() as session:
        return int(await session.scalar(sa.select(Client.id).where(Client.name == "ACME")) or 0)


class TestClientScreens:
    async def test_list_filter_card_take_rename_and_the_churn_task(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser, session_factory: Factory,
    ) -> None:
        client_id = await _acme(session_factory)
        async with session_factory() as session:
            nobody = await session.scalar(sa.select(RequestCard.client_id)
                                          .where(RequestCard.title == "Статья"))
        assert client_id and nobody is None  # a post naming nobody gives its card no client

        await manager.send("/clients")
        assert manager.last_message.text.startswith("Клиенты: 1")
        await manager.press("ACME · 5")
        card = manager.last_message
        assert "Ответственный: никто" in card.text and "telegram: acme_hr" in card.text.lower()
        await manager.press("🙋 Взять клиента")
        assert "Ответственный: Anna" in manager.last_message.text

        # The night comes: 30 quiet days after a 10-day rhythm → at risk, one task, in words.
        uow = UnitOfWork(session_factory)
        from bot.views.clients import churn_describer
        describe = churn_describer(tg.dp["translator"])
        first = await client_lifecycle.recompute(uow, describe=describe)
        again = await client_lifecycle.recompute(uow, describe=describe)
        assert (first.tasks, again.tasks) == (1, 0)
        await manager.send("/tasks")
        said = "ACME: 5 запросов frontend за 3 месяца, нет уже 4 недели"
        assert said in manager.last_message.text

        await manager.send("/clients")
        await manager.press("затих")
        assert manager.last_message.text == "Клиентов пока нет. Они появляются с запросами " \
            "(или запустите `radar clients backfill`)."
        await manager.press("• затих")
        await manager.press("Сегмент: все сегменты ▾")
        await manager.press("постоянный")
        assert manager.last_message.text.startswith("Клиентов пока нет")
        await manager.press("Сегмент: постоянный ▾")
        await manager.press("чемпион")
        await manager.press("⚠ ACME · 5")
        assert "под угрозой" in manager.last_message.text
        await manager.press("✏ Переименовать")
        await manager.send("ACME Group")
        assert manager.last_message.text.startswith("<b>ACME Group</b>") or \
            "ACME Group" in manager.last_message.text
        tasks = await notes.my_tasks(uow, await _user(tg, 1001))
        assert len(tasks) == 1


async def _user(tg: TelegramHarness, tg_user_id: int):  # type: ignore[no-untyped-def]
    from db.repositories.users import UserRepo

    uow = UnitOfWork(tg.dp["session_factory"])
    async with uow:
        return await uow.repo(UserRepo).by_tg_id(tg_user_id)


class TestMergeAndSplit:
    async def test_a_manager_merges_two_clients_and_splits_them_back(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser, session_factory: Factory,
        redis: Any,
    ) -> None:
        source = await intake.add_source(session_factory, "@itjobs")
        # Ingest resolves the clients as the cards are made (no backfill here).
        await intake.publish_request(session_factory, redis, source,
                                       "Компания: ACME\nReact senior, @acme_hr")
        await intake.publish_request(session_factory, redis, source,
                                       "Компания: Globex\nGo developer, jobs@globex.io")
        await intake.publish_request(session_factory, redis, source,
                                       "Компания: ООО «Globex»\nQA, пишите jobs@globex.io")
        async with session_factory() as session:
            clients = dict((await session.execute(
                sa.select(Client.name, Client.id).order_by(Client.id))).all())
        assert set(clients) == {"ACME", "Globex"}

        await manager.send("/clients")
        await manager.press("ACME · 1")
        await manager.press("🔗 Объединить")
        await manager.send(f"#{clients['Globex']}")
        assert "Запросов: 3" in manager.last_message.text

        await manager.press("✂ Разделить")
        await manager.press("компания: globex")
        split_card = manager.last_message.text
        assert split_card.startswith("<b>globex</b>") or "globex" in split_card
        assert "Запросов: 2" in split_card
        async with session_factory() as session:
            owners = (await session.execute(
                sa.select(RequestCard.client_id).order_by(RequestCard.id))).scalars().all()
        assert owners[0] == clients["ACME"] and owners[1] == owners[2] != clients["ACME"]
