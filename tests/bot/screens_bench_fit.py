"""Renders bench-fit pushes and what their buttons do in the sandbox chat (headless Chromium)
to var/screens/bench_fit_*.png, for a person to look at. Not a test: run it with
`TEST_REDIS_URL=redis://127.0.0.1:6379/N .venv/bin/python -m tests.bot.screens_bench_fit`."""

from __future__ import annotations

import asyncio
import shutil
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from redis.asyncio import Redis

from bot.app import build_dispatcher
from bot.workers import Workers
from crm import bench, bench_freshness
from crm.fit_settings import FitSettings
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory
from db.records.bench import BenchDraft
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from sandbox.emulator import BotApiEmulator
from tests.bot.conftest import ADMIN_ID, TOKEN, bot_settings, sandbox_bot
from tests.bot.intake import add_source, publish_request
from tests.fakes.mailer import FakeMailer
from tests.support.settings import TestServices

OUT = Path(__file__).resolve().parents[2] / "var" / "screens"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SETTINGS = FitSettings.model_construct(digest_settle_seconds=1)
REACT = {"roles": ["frontend"], "stack": ["React", "TypeScript"], "grades": ["senior"],
         "format": ["remote"], "rate": {"min": 2000, "max": 2800, "currency": "RUB",
                                        "period": "hour"}}


async def _developer(uow: UnitOfWork, name: str, **fields: Any) -> int:
    async with uow:
        owner = await uow.repo(UserRepo).by_tg_id(ADMIN_ID)
    assert owner is not None
    values: dict[str, Any] = {"roles": ("frontend",), "stack": ("React", "TypeScript", "Redux"),
                              "grade": "senior", "rate_min": Decimal(2500),
                              "rate_currency": "RUB", "rate_period": "hour",
                              "formats": ("remote",), **fields}
    return (await bench.add(uow, owner, BenchDraft(name=name, **values))).id


async def _shoot(page: Any, name: str, wait_for: str | None = None) -> None:
    if wait_for:
        await page.get_by_text(wait_for).last.wait_for(timeout=15000)
    await asyncio.sleep(0.4)
    await page.screenshot(path=str(OUT / f"bench_fit_{name}.png"))


async def main() -> None:
    from playwright.async_api import async_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    services = TestServices()
    url = await create_database(services.pg_admin_url, prefix="radar_screens")
    await asyncio.to_thread(migrate.upgrade, url)
    engine = make_engine(url, pool_size=5)
    factory = make_session_factory(engine)
    redis = Redis.from_url(services.redis_url)
    await redis.flushdb()
    emu = BotApiEmulator(token=TOKEN, bot_username="radar_bot")
    await emu.start()
    emu.add_user(ADMIN_ID, "Alla", language_code="ru")
    bot = sandbox_bot(emu)
    dp = build_dispatcher(factory, redis, FakeMailer(), bot_settings())
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
    workers = Workers(bot, factory, redis, FakeMailer(), dp["translator"], fit_settings=SETTINGS)
    uow = UnitOfWork(factory)
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = await browser.new_page(viewport={"width": 900, "height": 1100})
            await page.goto(f"{emu.chat_url}?user={ADMIN_ID}")
            await page.fill("#composer-input", "/start")
            await page.click("#send-button")
            await asyncio.sleep(1.0)
            await _developer(uow, "Олег Смирнов")
            source = await add_source(factory, "@frontend_jobs")
            workers.start()
            await asyncio.sleep(0.5)
            await publish_request(factory, redis, source,
                                  "Ищем Senior React разработчика в финтех\nReact, TypeScript, "
                                  "удалёнка, до 2 800 ₽/ч", labels=REACT,
                                  rub_per_hour=(2000.0, 2800.0))
            await _shoot(page, "1_push", "Предложить")
            await page.get_by_role("button", name="🚫 Не подходит").last.click()
            await _shoot(page, "2_not_a_fit", "больше не предложим")
            await page.get_by_role("button", name="📄 Открыть запрос").last.click()
            await _shoot(page, "3_open_request", "Подходящие")
            await publish_request(factory, redis, source,
                                  "Нужен Senior React/TypeScript на маркетплейс, 6 мес\n"
                                  "бюджет 2 000–2 800 ₽/ч", labels=REACT,
                                  rub_per_hour=(2000.0, 2800.0))
            await asyncio.sleep(3)
            await page.get_by_role("button", name="🤝 Предложить").last.click()
            await _shoot(page, "4_propose", "Выберите день")
            for n in range(5):
                await publish_request(factory, redis, source,
                                      f"Senior React разработчик #{n + 1} в проект {n * 37}",
                                      labels=REACT, rub_per_hour=(2000.0, 2800.0))
            await asyncio.sleep(7)
            await _shoot(page, "5_digest", "подходят вашему бенчу")
            await page.get_by_role("button", name="Все совпадения").last.click()
            await _shoot(page, "6_all_fits", "Совпадения с бенчем")
            await page.fill("#composer-input", "/fits")
            await page.click("#send-button")
            await _shoot(page, "7_prefs", "Тихие часы")
            await page.get_by_role("button", name="🌙 22–8").last.click()
            await _shoot(page, "8_prefs_quiet", "Сохранено")
            stale = await _developer(uow, "Ирина Ковалёва", stack=("Vue.js",),
                                     available_from=date.today() - timedelta(days=20))
            await bench_freshness.remind(uow, SETTINGS)
            await _shoot(page, "9_freshness", "Всё ещё свободен")
            await page.get_by_role("button", name="✅ Всё ещё свободен").last.click()
            await _shoot(page, "10_confirmed", "Статус: свободен")
            await page.get_by_role("button", name="👤 Сменить владельца").last.click()
            await _shoot(page, "11_owner_pick", "Кто продаёт")
            assert stale
            await browser.close()
    finally:
        await workers.stop()
        await dp.stop_polling()
        await polling
        await bot.session.close()
        await emu.stop()
        await redis.aclose()
        await engine.dispose()
        await drop_database(services.pg_admin_url, url)


if __name__ == "__main__":
    asyncio.run(main())
