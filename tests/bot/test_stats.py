"""/stats through the real Dispatcher and the sandbox: pickers, the album, the CSVs."""

from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.callbacks_stats import StatsAction, StatsCb, StatsField
from tests.bot.factories import make_card, make_source
from tests.support.chat import ChatUser, TelegramHarness


async def _cards(session_factory: async_sessionmaker[AsyncSession]) -> None:
    source = await make_source(session_factory)
    for n in range(6):
        await make_card(session_factory, source, title=f"Python {n}", age=timedelta(days=n))
    for n in range(3):
        await make_card(session_factory, source, title=f"React {n}", stack=["React"],
                        roles=["frontend"], age=timedelta(days=n, hours=3))


class TestStats:
    async def test_album_of_every_chart_then_csv_documents(
        self, tg: TelegramHarness, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await _cards(session_factory)
        await manager.send("/stats")
        assert manager.last_message.text.startswith("Аналитика")
        await manager.press("7 дн.")
        assert "✓ 7 дн." in manager.last_message.buttons
        await manager.press("📊 Показать")
        albums = [c for c in tg.emu.calls_of("sendMediaGroup") if c.ok]
        assert len(albums) == 1
        photos = albums[0].result
        assert len(photos) == 7
        assert "Заявок: 9" in photos[0]["caption"] and "Топ: Python, React" in photos[0]["caption"]
        for photo in photos:
            data = tg.emu.file_bytes(photo["photo"][0]["file_id"])
            assert Image.open(io.BytesIO(data)).size[0] >= 900
        assert manager.last_message.buttons == ["📄 CSV", "⚙️ Изменить"]

        await manager.press("📄 CSV")
        documents = [c for c in tg.emu.calls_of("sendMediaGroup") if c.ok][-1].result
        names = [d["document"]["file_name"] for d in documents]
        assert names[0] == "demand_stack.csv" and len(names) == 7
        table = tg.emu.file_bytes(documents[0]["document"]["file_id"]).decode("utf-8-sig")
        assert table.splitlines()[0].startswith("начало периода,технология,заявки")
        assert ",Python,1,6,0" in table.replace("\r", "")  # per day, period, previous

    async def test_filters_narrow_the_charts_and_forged_presses_change_nothing(
        self, tg: TelegramHarness, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await _cards(session_factory)
        await manager.send("/stats")
        await manager.press("Рынок")
        await manager.press("Стек")
        await manager.press("React")
        assert "✓ React" in manager.last_message.buttons
        message = manager.last_message.message_id
        await manager.forge_press(message, StatsCb(action=StatsAction.toggle,
                                                   field=StatsField.stack, index=999).pack())
        await manager.press("✅ Готово")
        assert "Стек (1)" in manager.last_message.buttons
        await manager.press("📊 Показать")
        photos = [c for c in tg.emu.calls_of("sendMediaGroup") if c.ok][-1].result
        assert len(photos) == 4
        assert "Заявок: 3" in photos[0]["caption"]

    async def test_a_manager_who_sees_nothing_gets_no_data_images(
        self, tg: TelegramHarness, manager: ChatUser,
    ) -> None:
        await manager.send("/stats")
        await manager.press("Наша команда")
        await manager.press("📊 Показать")
        photos = [c for c in tg.emu.calls_of("sendMediaGroup") if c.ok][-1].result
        assert len(photos) == 2
        assert "Заявок: 0" in photos[0]["caption"]
