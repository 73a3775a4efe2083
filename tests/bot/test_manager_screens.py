"""#12: paging, truthful denials, the CRM card that says everything, full text in place,
proposing without a forced date, outcomes not before their time, /interviews, CSV by
document — through the real Dispatcher and the sandbox."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.callbacks_crm import LostCb, LostReason, PipeAction, PipeCb
from crm import bench
from db.models import BenchDeveloper, RequestCard
from db.records.bench import BenchDraft
from tests.bot.conftest import join
from tests.bot.factories import make_card, make_source
from tests.bot.people import record_of, uow_of
from tests.support.chat import ChatUser, TelegramHarness

Factory = async_sessionmaker[AsyncSession]


async def _card(session_factory: Factory, card_id: int) -> RequestCard:
    async with session_factory() as session:
        found = await session.get(RequestCard, card_id)
        assert found is not None
        return found


class TestPaging:
    async def test_the_team_list_pages_through_all_32_cards(
        self, tg: TelegramHarness, admin: ChatUser, session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        for n in range(32):
            await make_card(session_factory, source, title=f"Card {n:02d}")
        await admin.send("/team")
        first = admin.last_message
        cards = [b for b in first.buttons if b.startswith("Card ")]
        assert len(cards) == 20
        assert "1–20 из 32" in first.buttons and "◀" not in first.buttons
        await admin.press("▶")
        second = admin.last_message
        rest = [b for b in second.buttons if b.startswith("Card ")]
        assert len(rest) == 12 and not set(rest) & set(cards)
        assert "21–32 из 32" in second.buttons and "▶" not in second.buttons
        await admin.press("◀")
        assert [b for b in admin.last_message.buttons if b.startswith("Card ")] == cards

    async def test_a_stage_filter_keeps_its_pages(
        self, tg: TelegramHarness, admin: ChatUser, session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        for n in range(25):
            await make_card(session_factory, source, title=f"Card {n:02d}")
        await admin.send("/team")
        await admin.press("новый")
        assert "1–20 из 25" in admin.last_message.buttons
        await admin.press("▶")
        assert "21–25 из 25" in admin.last_message.buttons


class TestDenials:
    async def test_a_colleagues_card_shows_no_stage_buttons_and_says_whose_it_is(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        card_id = await make_card(session_factory, source, title="Kotlin senior")
        await manager.send(f"/req {card_id}")
        await manager.press("🤝 Взять в работу")
        colleague = await join(tg, admin, 1002, "Boris")

        await colleague.send(f"/req {card_id}")
        screen = colleague.last_message
        assert "Ответственный: Anna" in screen.text
        assert "✖ Проиграно" not in screen.buttons
        assert not [b for b in screen.buttons if b.startswith("→")]
        assert "🤝 Взять в работу" not in screen.buttons
        # A forged press of the hidden button is refused before any reason is offered.
        await colleague.forge_press(screen.message_id, PipeCb(
            action=PipeAction.lost, card_id=card_id).pack())
        owned = "Этот запрос ведёт Anna: менять его может только он(а) или лид команды."
        assert colleague.last_alert == owned
        assert colleague.last_message.buttons == screen.buttons
        await colleague.forge_press(screen.message_id, LostCb(
            card_id=card_id, reason=LostReason.budget).pack())
        assert colleague.last_alert == owned
        assert (await _card(session_factory, card_id)).stage == "in_work"

    async def test_a_manager_asking_for_the_team_hears_only_leads_can(
        self, tg: TelegramHarness, manager: ChatUser,
    ) -> None:
        await manager.send("/team")
        assert manager.last_message.text == "Это могут только лиды команд."


class TestCrmCard:
    async def test_the_card_says_owner_team_history_proposal_and_interview(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        card_id = await make_card(session_factory, source, title="Python middle")
        await bench.add(uow_of(tg), await record_of(tg, manager), BenchDraft(
            name="Olga", stack=("Python",), grade="middle", rate_min=Decimal(1800),
            rate_currency="RUB", rate_period="hour"))
        await manager.send(f"/req {card_id}")
        await manager.press("🤝 Взять в работу")
        await manager.press("🎯 Подходящие разработчики")
        await manager.press("Предложить 1. Olga")
        offer = manager.last_message
        assert offer.text == f"Olga предложен на #{card_id}. Назначить собеседование сейчас?"
        assert offer.buttons == ["📅 Назначить собеседование", "Позже"]
        await manager.press("Позже")
        card = manager.last_message
        assert card.message_id == offer.message_id  # in place: no dead-end message
        assert "Ответственный: Anna · команда: main" in card.text
        assert "Этап: предложены кандидаты" in card.text
        assert "• Olga — предложен" in card.text
        assert "История этапов" in card.text and "→ в работе (Anna)" in card.text
        assert "предложен Olga" in card.text  # the activity log
        assert {"◀ К моим запросам", "🏷 Карточка с метками"} <= set(card.buttons)

        await manager.send(f"/req {card_id}")
        await manager.press("🎯 Подходящие разработчики")
        await manager.press("✓ 1. Olga: назначить собеседование")  # proposed: on to the date
        await manager.press("📅 Назначить собеседование")
        days = manager.last_message
        await manager.press_data(days.message_id, days.callback_data[1])
        await manager.press("11:00")
        scheduled = manager.last_message
        # The interview is tomorrow: no outcome may be recorded yet, so no outcome buttons.
        assert not [b for b in scheduled.buttons if b.endswith("прошёл")]
        await manager.send(f"/req {card_id}")
        assert "Собеседования" in manager.last_message.text
        assert "11:00 (Europe/Moscow) — Olga: предстоит" in manager.last_message.text

        await manager.send("/interviews")
        agenda = manager.last_message
        assert agenda.text.startswith("Собеседования на неделе: 1")
        assert "Olga · Python middle" in agenda.text

    async def test_the_card_leads_back_to_the_list_and_the_labelled_card(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        card_id = await make_card(session_factory, source, title="Go senior",
                                  text="Ищем Go " + "очень длинный текст " * 300)
        await manager.send(f"/req {card_id}")
        await manager.press("🤝 Взять в работу")
        await manager.press("🏷 Карточка с метками")
        labelled = manager.last_message
        assert labelled.text.startswith("Go senior") and "📄 Полный текст" in labelled.buttons
        await manager.press("📄 Полный текст")
        full = manager.last_message
        assert full.message_id == labelled.message_id
        assert full.text.startswith(f"Полный текст #{card_id}")
        assert full.buttons == ["1–1 из 2", "▶", "◀ Назад к карточке"]
        await manager.press("▶")
        assert manager.last_message.buttons == ["◀", "2–2 из 2", "◀ Назад к карточке"]
        await manager.press("◀ Назад к карточке")
        assert manager.last_message.text.startswith("Go senior")
        await manager.press("📋 CRM")
        await manager.press("◀ К моим запросам")
        assert manager.last_message.text.startswith("Мои запросы: 1")


class TestBenchCsvDocument:
    async def test_a_csv_sent_as_a_document_adds_the_bench(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        data = ("name,stack,grade,rate\n"
                "Ivan,Python;Django,senior,2800 ₽/ч\n"
                "Olga,React,middle,$40/h\n"
                ",Go,junior,1000\n").encode()
        await manager.send_document("bench.csv", data)
        assert manager.last_message.text.startswith(
            "CSV загружен: добавлено 2, строк с ошибками 1")
        async with session_factory() as session:
            rows = (await session.execute(sa.select(
                BenchDeveloper.name, BenchDeveloper.rate_currency, BenchDeveloper.rate_period,
                BenchDeveloper.rate_rub_hour).order_by(BenchDeveloper.name))).all()
        assert [(n, c, p) for n, c, p, _ in rows] == [("Ivan", "RUB", "hour"),
                                                      ("Olga", "USD", "hour")]
        assert rows[0][3] == Decimal(2800)


class TestOfferPeople:
    async def test_an_offer_of_three_people_gives_three_drafts_to_confirm(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        card_id = await make_card(
            session_factory, source, kind="offer", title="Бенч на декабрь",
            text="Бенч: свободны 2 Senior Java (Spring, Kafka) и 1 Middle React.\n"
                 "Рейты от 2400 ₽/ч, пишите @vendor")
        await manager.send(f"/req {card_id}")
        await manager.press("➕ На бенч")
        draft = manager.last_message
        assert draft.text.startswith(f"Черновик 1 из 3 по объявлению #{card_id}")
        assert "Senior Java (1/2)" in draft.text and "Java, Spring, Kafka" in draft.text
        await manager.press("✅ На бенч")
        assert manager.last_message.text.startswith("Черновик 2 из 3")
        await manager.press("Пропустить")
        assert "Middle React" in manager.last_message.text
        await manager.press("✅ На бенч")
        assert manager.last_message.text == "Все черновики (3) просмотрены."
        async with session_factory() as session:
            rows = (await session.execute(sa.select(
                BenchDeveloper.name, BenchDeveloper.grade, BenchDeveloper.rate_rub_hour)
                .order_by(BenchDeveloper.id))).all()
        assert [tuple(r) for r in rows] == [("Senior Java (1/2)", "senior", Decimal(2400)),
                                            ("Middle React", "middle", Decimal(2400))]
