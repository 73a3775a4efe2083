"""The web chat page in headless Chromium: type /start, see the answer, press, see the edit."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from aiogram import Bot, Dispatcher

from sandbox import BotApiEmulator
from tests.sandbox.conftest import ANNA
from tests.sandbox.tiny_bot import LIKED_TEXT, build_router

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOT = Path("/tmp/sandbox_chat.png")
KEYBOARD_SCREENSHOT = Path("/tmp/sandbox_chat_keyboard.png")
MINI_APP_SCREENSHOT = Path("/tmp/sandbox_chat_mini_app.png")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="Chromium is not installed (apt-get install -y chromium); web chat not checked",
    ),
]


async def test_chat_page_round_trip(emu: BotApiEmulator, bot: Bot) -> None:
    async_api = pytest.importorskip("playwright.async_api", reason="playwright is not installed")
    dispatcher = Dispatcher()
    dispatcher.include_router(build_router())
    polling = asyncio.create_task(
        dispatcher.start_polling(bot, handle_signals=False, polling_timeout=1)
    )
    try:
        async with async_api.async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            page = await browser.new_page(viewport={"width": 1100, "height": 720})
            await page.goto(f"{emu.chat_url}?user={ANNA}")

            await page.fill("#composer-input", "/start")
            await page.click("#send-button")
            greeting = page.locator(".message.incoming .text").first
            await greeting.wait_for(timeout=5000)
            assert await greeting.inner_text() == "Hello, Anna! Pick one:"
            assert await greeting.locator("strong").inner_text() == "Anna"
            await page.screenshot(path=str(KEYBOARD_SCREENSHOT))

            await page.get_by_role("button", name="Like").click()
            await page.get_by_text(LIKED_TEXT).wait_for(timeout=5000)
            await page.locator("img.photo").wait_for(timeout=5000)
            await page.get_by_text("Saved").wait_for(timeout=5000)  # the callback answer toast
            await page.screenshot(path=str(SCREENSHOT))
            await browser.close()
    finally:
        await dispatcher.stop_polling()
        await polling

    assert emu.last_bot_message(ANNA) is not None
    assert [c.method for c in emu.calls if c.method.startswith(("edit", "answer"))] == [
        "answerCallbackQuery",
        "editMessageText",
    ]


MINI_APP_PAGE = """<!doctype html><meta charset="utf-8"><body><p id="who">…</p><script>
const initData = window.Telegram?.WebApp?.initData
  || new URLSearchParams(location.hash.slice(1)).get("tgWebAppData") || "";
fetch("/check", {method: "POST", body: initData}).then((r) => r.text())
  .then((name) => { document.getElementById("who").textContent = "Hi " + name; });
</script></body>"""


async def test_web_app_button_opens_mini_app_with_signed_init_data(
    emu: BotApiEmulator, bot: Bot
) -> None:
    async_api = pytest.importorskip("playwright.async_api", reason="playwright is not installed")
    from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo
    from aiogram.utils.web_app import safe_parse_webapp_init_data
    from aiohttp import web

    async def mini_app(request: web.Request) -> web.Response:
        return web.Response(text=MINI_APP_PAGE, content_type="text/html")

    async def check(request: web.Request) -> web.Response:
        parsed = safe_parse_webapp_init_data(token=bot.token, init_data=await request.text())
        return web.Response(text=parsed.user.first_name if parsed.user else "?")

    app = web.Application()
    app.add_routes([web.get("/app", mini_app), web.post("/check", check)])
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = runner.addresses[0][1]
    button = InlineKeyboardButton(
        text="Open app", web_app=WebAppInfo(url=f"http://127.0.0.1:{port}/app")
    )
    await bot.send_message(
        ANNA, "Your leads", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button]])
    )
    try:
        async with async_api.async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            page = await browser.new_page(viewport={"width": 1100, "height": 720})
            await page.goto(f"{emu.chat_url}?user={ANNA}")
            await page.get_by_role("button", name="Open app").click()
            greeting = page.frame_locator("#webapp-frame").get_by_text("Hi Anna")
            await greeting.wait_for(timeout=5000)
            await page.screenshot(path=str(MINI_APP_SCREENSHOT))
            await browser.close()
    finally:
        await runner.cleanup()
