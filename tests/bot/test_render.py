"""Messages that Telegram used to reject: /req with no number, and a card with 41+ sources
cut at 4,096 characters inside an <a href> tag."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.views.html_cut import cut_html
from crm import bench
from db.models import Post, RequestSource, Source
from db.records.bench import BenchDraft
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from sandbox.entities import parse_html
from tests.bot.factories import make_card, make_source
from tests.support.chat import ChatUser, TelegramHarness

Factory = async_sessionmaker[AsyncSession]


async def _cross_post(session_factory: Factory, card_id: int, chats: int) -> None:
    """The card seen again in `chats` more chats with long titles and long permalinks."""
    async with session_factory() as session:
        for n in range(chats):
            source = Source(ref=f"@chat{n}", username=f"chat{n}",
                            title=f"Аутстафф & IT-вакансии <{n}> " + "очень длинное имя " * 8)
            session.add(source)
            await session.flush()
            post = Post(source_id=source.id, message_id=n + 1, text="дубль",
                        posted_at=datetime.now(UTC),
                        permalink=f"https://t.me/chat{n}/{n + 1}?comment=" + "9" * 60,
                        classify_state="done")
            session.add(post)
            await session.flush()
            session.add(RequestSource(request_id=card_id, post_id=post.id,
                                      source_id=source.id, posted_at=post.posted_at))
        await session.commit()


class TestMessagesRender:
    async def test_req_without_a_number_explains_itself(
        self, tg: TelegramHarness, manager: ChatUser,
    ) -> None:
        await manager.send("/req")
        assert manager.last_message.text == (
            "Использование: /req <номер запроса>, например /req 12"
        )

    async def test_a_card_from_41_chats_lists_ten_and_counts_the_rest(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        card_id = await make_card(session_factory, await make_source(session_factory),
                                  title="React senior")
        await _cross_post(session_factory, card_id, 40)
        await manager.send("/feed")
        card = manager.message_with_button("🙈 Скрыть")
        assert "Источники (41):" in card.text
        assert card.text.rstrip().endswith("…и ещё 31 чат")
        links = [e for e in card.raw.get("entities", []) if e["type"] == "text_link"]
        assert len(links) == 10


class TestSafeCut:
    def test_a_cut_never_lands_inside_a_tag_or_a_reference(self) -> None:
        source = "<b>head</b>\n" + '<a href="https://t.me/x/1">chat &amp; co</a>\n' * 200
        for limit in range(5, 400, 7):
            text = cut_html(source, limit)
            plain, _ = parse_html(text)
            assert len(plain) <= limit and plain.endswith("…")

    def test_text_that_fits_is_untouched(self) -> None:
        assert cut_html("<i>a &lt; b</i>") == "<i>a &lt; b</i>"


class TestPluralsInChat:
    async def test_a_bench_of_one_says_one_developer(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        uow = UnitOfWork(session_factory)
        async with uow:
            record = await uow.repo(UserRepo).by_tg_id(manager.id)
        assert record is not None
        await bench.add(uow, record, BenchDraft(name="Olga", stack=("Python",)))
        await manager.send("/bench")
        assert manager.last_message.text == "Бенч: 1 разработчик"
        await bench.add(uow, record, BenchDraft(name="Ivan", stack=("Go",)))
        await manager.send("/bench")
        assert manager.last_message.text == "Бенч: 2 разработчика"


class TestOneSidedRates:
    async def test_up_to_a_dollar_rate_reads_as_up_to(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        await make_card(session_factory, await make_source(session_factory), title="iOS",
                        rate_min=None, rate_max=Decimal(38), rate_currency="USD",
                        rate_rub_hour_min=None, rate_rub_hour_max=Decimal(3420))
        await manager.send("/feed")
        card = manager.message_with_button("🙈 Скрыть")
        assert "Ставка: до 38 $ / час (≈ до 3 420 ₽/ч)" in card.text
