"""The client card's 'Requests and our work' block through the real Dispatcher and the sandbox:
ACME's five requests on fixed dates, two of them taken by a manager, the nightly recompute run
with a controlled clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import client_lifecycle
from db.models import RequestCard, StageChange, User
from db.uow import UnitOfWork
from tests.bot.test_clients import _acme
from tests.support.chat import ChatUser, TelegramHarness

Factory = async_sessionmaker[AsyncSession]
NOW = datetime(2026, 6, 15, 12, tzinfo=UTC)
SEEN = [datetime(2026, 2, 10, 9, tzinfo=UTC), datetime(2026, 3, 10, 9, tzinfo=UTC),
        datetime(2026, 4, 10, 9, tzinfo=UTC), datetime(2026, 4, 20, 9, tzinfo=UTC),
        datetime(2026, 5, 20, 9, tzinfo=UTC)]


async def acme_history(session_factory: Factory, manager_tg_id: int) -> int:
    """ACME with requests on SEEN; the first answered in 1 h 30 min and won (through proposed
    and an interview), the second answered in 2 h 30 min. Returns the client's id."""
    client_id = await _acme(session_factory)
    async with session_factory() as session:
        user_id = await session.scalar(sa.select(User.id).where(User.tg_user_id == manager_tg_id))
        cards = list(await session.scalars(
            sa.select(RequestCard).where(RequestCard.client_id == client_id)
            .order_by(RequestCard.first_seen_at)))
        for card, seen in zip(cards, SEEN, strict=True):
            card.first_seen_at = card.last_seen_at = seen
        won, taken = cards[0], cards[1]
        won.stage = "won"
        for minutes, stage in ((90, "in_work"), (300, "proposed"), (2000, "interview"),
                               (5000, "won")):
            session.add(StageChange(request_id=won.id, user_id=user_id, to_stage=stage,
                                    created_at=SEEN[0] + timedelta(minutes=minutes)))
        taken.stage = "in_work"
        session.add(StageChange(request_id=taken.id, user_id=user_id, to_stage="in_work",
                                created_at=SEEN[1] + timedelta(minutes=150)))
        await session.commit()
    await client_lifecycle.recompute(UnitOfWork(session_factory), NOW)
    return client_id


async def open_card(user: ChatUser) -> str:
    await user.send("/clients")
    button = next(b for b in user.last_message.buttons if "ACME" in b)
    await user.press(button)
    return user.last_message.text.replace("\xa0", " ")


class TestClientFeaturesCard:
    async def test_the_card_shows_requests_terms_channels_and_our_work(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser, session_factory: Factory,
    ) -> None:
        await acme_history(session_factory, manager.id)
        text = await open_card(manager)
        assert "<b>📊 Запросы и наша работа</b>" in text or "📊 Запросы и наша работа" in text
        assert "Запросы янв–июн: ▁▅▅█▅▁ 0·1·1·2·1·0" in text
        assert "Ищет: фронтенд 5 · Python 5 · middle 5" in text
        assert "Форматы: удалённо 5" in text
        assert "Ставка: 1 500–2 000 ₽/ч, медиана 1 750 (в 5 из 5 запросов)" in text
        assert "Каналы: IT Jobs 5" in text
        assert "Наша работа: взяли 2 → предложили 1 → до собеседования 1" in text
        assert "Выиграли 1 · проиграли 0" in text
        assert "Наш первый отклик: медиана 2 ч (ответили на 2 запроса)" in text

    async def test_in_english_with_plurals(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser, session_factory: Factory,
    ) -> None:
        await acme_history(session_factory, manager.id)
        async with session_factory() as session:
            await session.execute(sa.update(User).where(User.tg_user_id == manager.id)
                                  .values(language="en"))
            await session.commit()
        text = await open_card(manager)
        assert "Requests Jan–Jun: ▁▅▅█▅▁ 0·1·1·2·1·0" in text
        assert "Asks for: frontend 5 · Python 5 · middle 5" in text
        assert "Rate offered: 1,500–2,000 ₽/h, median 1,750 (5 of 5 requests)" in text
        assert "Our work: taken 2 → proposed 1 → to interview 1\nWon 1 · lost 0" in text
        assert "Our first response: median 2 h (2 requests answered)" in text


def test_sparkline_keeps_a_quiet_month_below_a_small_one() -> None:
    from bot.views.client_features import sparkline
    assert sparkline([0, 1, 8, 0]) == "▁▂█▁" and sparkline([0, 0]) == "▁▁"


def test_response_delays_in_words() -> None:
    from bot.i18n import Translator
    from bot.views.client_features import features_lines
    ru, en = Translator().pick("ru"), Translator().pick("en")
    f = {"month": "2025-11", "per_month": [0, 0, 0, 0, 0, 1], "response_s": 0, "answered": 1,
         "outcomes": {"taken": 1, "proposed": 0, "interviews": 0, "won": 0, "lost": 0}}
    for seconds, said_ru, said_en in ((20, "1 мин", "1 min"), (3 * 3600 + 125, "3 ч 2 мин",
                                      "3 h 2 min"), (2 * 86400 + 60, "2 д", "2 d")):
        stats = {"features": {**f, "response_s": seconds}}
        assert f"Наш первый отклик: медиана {said_ru} (ответили на 1 запрос)" in \
            features_lines(stats, 1, ru)
        assert f"Our first response: median {said_en} (1 request answered)" in \
            features_lines(stats, 1, en)
    assert "Запросы ноя–апр: ▁▁▁▁▁█ 0·0·0·0·0·1" in features_lines({"features": f}, 1, ru)
    assert features_lines({"requests": 3}, 3, ru) == []  # before the first night: no block
