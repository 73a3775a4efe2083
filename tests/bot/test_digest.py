"""The weekly digest end to end: who is due, queued once, delivered as an album and an email
with inline charts, a blocked user handled by the outbox's 403 rule."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.digests import DigestBuilder
from bot.settings import DigestSettings
from crm import searches
from db.models import Notification, User
from db.uow import UnitOfWork
from tests.bot.conftest import join
from tests.bot.factories import make_card, make_source
from tests.bot.test_push_e2e import enable_email, until, workers
from tests.support.chat import ChatUser, TelegramHarness

MONDAY_NINE = DigestSettings(weekday=0, time=time(9, 0))


def last_send_moment(now: datetime, zone: str = "Europe/Moscow") -> datetime:
    local = now.astimezone(ZoneInfo(zone))
    moment = datetime.combine(local.date() - timedelta(days=local.weekday()), time(9, 0),
                              tzinfo=local.tzinfo)
    return moment if moment <= local else moment - timedelta(days=7)


async def digest_rows(session_factory: async_sessionmaker[AsyncSession]) -> list[Any]:
    async with session_factory() as session:
        query = (sa.select(User.tg_user_id, Notification.channel, Notification.status,
                           Notification.dedup_key)
                 .join(User, User.id == Notification.user_id)
                 .where(Notification.kind == "digest").order_by(User.tg_user_id,
                                                                Notification.channel))
        return [tuple(r) for r in (await session.execute(query)).all()]


class TestWeeklyDigest:
    async def test_due_digests_are_queued_once_and_delivered_as_album_and_email(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser, mailer: Any,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        boris = await join(tg, admin, 1002, "Boris")
        await boris.send("/settings")
        await boris.press("📊 Выключить недельный дайджест")
        vera = await join(tg, admin, 1003, "Vera")
        async with session_factory() as session:  # what an old import or a typo left behind
            await session.execute(sa.update(User).where(User.tg_user_id == vera.id)
                                  .values(timezone="Mars/Olympus_Mons"))
            await session.commit()
        await enable_email(session_factory, manager.id)
        await manager.send("/search python")

        send_at = last_send_moment(datetime.now(UTC))
        source = await make_source(session_factory)
        for n in range(5):
            age = datetime.now(UTC) - send_at + timedelta(hours=6 + 20 * n)
            await make_card(session_factory, source, title=f"Python {n}", age=age)
        await searches.match_new_cards(UnitOfWork(session_factory))

        builder = DigestBuilder(lambda: UnitOfWork(session_factory), tg.dp["translator"],
                                MONDAY_NINE)
        now = datetime.now(UTC)
        first = await builder.run(now)
        assert (first.due, first.queued, first.failed) == (3, 3, 0)
        assert (await builder.run(now)).queued == 0  # the same week never twice
        week = "digest:{}:" + f"{send_at.isocalendar()[0]}-W{send_at.isocalendar()[1]:02d}"
        rows = await digest_rows(session_factory)
        assert [(tg_id, channel) for tg_id, channel, _, _ in rows] == [
            (admin.id, "telegram"), (manager.id, "email"), (manager.id, "telegram"),
            (vera.id, "telegram"),
        ]
        assert {key for *_, key in rows} == {week.format(n) for n in (1, 2, 4)}  # user ids

        tg.emu.block(vera.id)
        running = workers(tg, mailer)
        running.start()
        try:
            await until(lambda: any(m.images for m in mailer.sent) and len(
                [c for c in tg.emu.calls_of("sendMediaGroup") if c.ok]) == 2, timeout=20)
            await asyncio.sleep(0.5)
        finally:
            await running.stop()
        album = next(c for c in tg.emu.calls_of("sendMediaGroup")
                     if c.ok and c.params["chat_id"] == manager.id)
        assert len(album.result) == 4
        caption = album.result[0]["caption"]
        assert caption.startswith("Ваша неделя в графиках") and "Заявок: 5" in caption
        assert "5 заявок по вашим поискам никто не взял" in caption and "• Python 0" in caption
        mail = next(m for m in mailer.sent if m.images)
        assert mail.to == "anna@example.com" and len(mail.images) == 4
        assert 'src="cid:chart0"' in mail.html and mail.images[0].png.startswith(b"\x89PNG")
        statuses = {(tg_id, ch): status for tg_id, ch, status, _ in
                    await digest_rows(session_factory)}
        assert statuses[(manager.id, "telegram")] == "sent"
        assert statuses[(manager.id, "email")] == "sent"
        assert statuses[(vera.id, "telegram")] == "cancelled"  # 403: pushes paused
        async with session_factory() as session:
            paused = await session.scalar(sa.select(User.pushes_paused_at)
                                          .where(User.tg_user_id == vera.id))
        assert paused is not None

    async def test_a_new_week_starts_at_the_local_send_time(
        self, tg: TelegramHarness, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        moment = last_send_moment(datetime.now(UTC))
        builder = DigestBuilder(lambda: UnitOfWork(session_factory), tg.dp["translator"],
                                MONDAY_NINE)
        assert (await builder.run(moment - timedelta(minutes=1))).queued == 2  # last week's
        assert (await builder.run(moment - timedelta(seconds=1))).queued == 0
        assert (await builder.run(moment)).queued == 2  # 09:00 local: this week's
        assert (await builder.run(moment + timedelta(days=6))).queued == 0
