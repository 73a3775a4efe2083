"""The Mini App in headless Chromium, opened from the sandbox chat's menu button: drag a card
new → in_work with the mouse and by touch (long press), see the bot's message for that card
change, see a refused move roll back, render the dark theme, and screenshot every view."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import pytest_asyncio
from aiogram import Bot, Dispatcher

from crm import bench, interviews, proposals
from db.records.bench import BenchDraft
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from tests.bot.factories import make_card, make_source
from tests.bot.miniapp_harness import (
    MiniApp,
    admin_and,
    make_team,
    miniapp,
    miniapp_options,
    place,
)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENS = Path(__file__).resolve().parents[2] / "var" / "screens" / "miniapp"
ANNA, BORIS, CLARA = 1001, 1002, 1003
# The sandbox chat page's theme params (sandbox/static/chat.js THEMES), for direct launches.
THEMES = {
    "light": {"bg_color": "#ffffff", "text_color": "#000000", "hint_color": "#999999",
              "link_color": "#2481cc", "button_color": "#2481cc", "button_text_color": "#ffffff",
              "secondary_bg_color": "#efeff3", "section_bg_color": "#ffffff"},
    "dark": {"bg_color": "#18222d", "text_color": "#ffffff", "hint_color": "#b1c3d5",
             "link_color": "#62bcf9", "button_color": "#2ea6ff", "button_text_color": "#ffffff",
             "secondary_bg_color": "#131415", "section_bg_color": "#1f2a36"},
}

__all__ = ["miniapp", "miniapp_options"]  # fixtures used by this module
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="Chromium is not installed (apt-get install -y chromium)"),
]


@pytest_asyncio.fixture
async def world(miniapp: MiniApp) -> AsyncIterator[dict[str, Any]]:
    """Anna (ru manager) and Clara (ru lead) in team A, Boris (en lead) too; cards, a developer
    proposed to one of them with an interview this week; the bot polling the sandbox."""
    tg = miniapp.tg
    sf = tg.dp["session_factory"]
    _, anna, boris, clara = await admin_and(
        tg, (ANNA, "Anna", "ru"), (BORIS, "Boris", "en"), (CLARA, "Clara", "ru"))
    team = await make_team(sf, "A")
    for person, role in ((anna, None), (boris, "lead"), (clara, "lead")):
        await place(tg, person, team, role)
    source = await make_source(sf)
    titles = ["Python backend для финтеха", "React senior, удалёнка", "Go + Kafka, 2 человека",
              "QA automation", "Data engineer Spark", "iOS Swift middle"]
    stacks = [["Python", "Django"], ["React", "TypeScript"], ["Go", "Kafka"], ["Python"],
              ["Python", "Spark"], ["Swift"]]
    cards = [await make_card(sf, source, title=t, stack=s, age=timedelta(hours=3 * n + 1),
                             headcount=2 if n == 2 else None)
             for n, (t, s) in enumerate(zip(titles, stacks, strict=True))]
    uow = UnitOfWork(sf)
    async with uow:
        owner = await uow.repo(UserRepo).by_tg_id(ANNA)
    assert owner is not None
    dev = await bench.add(uow, owner, BenchDraft(name="Ivan Petrov", roles=("backend",),
                                                stack=("Python", "Django"), grade="middle"))
    submission = await proposals.propose(uow, owner, cards[3], dev.id)
    monday = datetime.now(UTC).date() - timedelta(days=datetime.now(UTC).weekday())
    when = datetime.combine(monday + timedelta(days=4), datetime.min.time()).replace(hour=15)
    if when <= datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=4):
        when = datetime.now(UTC).replace(tzinfo=None, minute=0, second=0) + timedelta(hours=5)
    await interviews.schedule(uow, owner, submission.id, when)
    dispatcher: Dispatcher = tg.dp
    bot: Bot = tg.bot
    polling = asyncio.create_task(dispatcher.start_polling(bot, handle_signals=False,
                                                           polling_timeout=1))
    yield {"cards": cards, "developer": dev.id}
    await dispatcher.stop_polling()
    await polling


async def _browser(playwright: Any) -> Any:
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


async def _open_from_menu(page: Any, app: MiniApp, user_id: int, theme: str = "light") -> Any:
    await page.goto(f"{app.tg.emu.chat_url}?user={user_id}&theme={theme}")
    await page.locator("#menu-button.is-webapp").click()
    frame = page.frame_locator("#webapp-frame")
    await frame.locator(".column[data-stage=new] .card").first.wait_for(timeout=10000)
    return frame


async def _center(locator: Any) -> tuple[float, float]:
    box = await locator.bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 30)


async def _mouse_drag(page: Any, frame: Any, card_id: int, stage: str) -> None:
    x, y = await _center(frame.locator(f".card[data-id='{card_id}']"))
    tx, ty = await _center(frame.locator(f".column[data-stage={stage}] .column-cards"))
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x + 20, y + 5, steps=4)
    await page.mouse.move(tx, ty, steps=12)
    await page.mouse.up()


async def _bot_shows(app: MiniApp, user_id: int, message_id: int, words: str) -> str:
    for _ in range(50):
        view = next(v for v in app.tg.emu.chat_messages(user_id) if v["message_id"] == message_id)
        if words in (view["text"] or ""):
            return str(view["text"])
        await asyncio.sleep(0.1)
    raise AssertionError(f"message {message_id} never showed {words!r}: {view['text']!r}")


async def _card_message(page: Any, app: MiniApp, user_id: int, card_id: int) -> int:
    """Types /req <id> in the chat page; returns the bot's answer's message id."""
    await page.goto(f"{app.tg.emu.chat_url}?user={user_id}")
    await page.fill("#composer-input", f"/req {card_id}")
    await page.click("#send-button")
    for _ in range(50):
        mine = [v for v in app.tg.emu.chat_messages(user_id)
                if v["from_bot"] and f"#{card_id}" in (v["text"] or "")]
        if mine:
            return int(mine[-1]["message_id"])
        await asyncio.sleep(0.1)
    raise AssertionError("the bot did not answer /req")


class TestDrag:
    async def test_mouse_drag_moves_the_card_and_edits_the_bots_message(
        self, miniapp: MiniApp, world: dict[str, Any]
    ) -> None:
        api = pytest.importorskip("playwright.async_api")
        card = world["cards"][0]
        async with api.async_playwright() as playwright:
            browser = await _browser(playwright)
            page = await browser.new_page(viewport={"width": 1280, "height": 860})
            message_id = await _card_message(page, miniapp, ANNA, card)
            frame = await _open_from_menu(page, miniapp, ANNA)
            await _mouse_drag(page, frame, card, "in_work")
            await frame.locator(f".column[data-stage=in_work] .card[data-id='{card}']"
                                ":not(.pending)").wait_for(timeout=5000)
            text = await _bot_shows(miniapp, ANNA, message_id, "в работе")
            assert "Python backend" in text
            events = await page.evaluate("window.sandboxWebApp.events")
            haptics = [e["data"] for e in events if e["type"] == "web_app_trigger_haptic_feedback"]
            assert {"type": "notification", "notification_type": "success"} in haptics
            swipes = [e["data"]["allow_vertical_swipe"] for e in events
                      if e["type"] == "web_app_setup_swipe_behavior"]
            assert swipes[:2] == [False, True]  # off while dragging, back on after the drop
            # The chat page polls the emulator: wait until it shows the edited card too.
            await page.locator(f".message[data-message-id='{message_id}'] .text",
                               has_text="в работе").wait_for(timeout=5000)
            owner = frame.locator(f".card[data-id='{card}'] .owner")
            assert await owner.inner_text() == "Anna"
            await page.screenshot(path=str(_screen("chat_after_mouse_drag.png")))
            await browser.close()

    async def test_touch_long_press_drag_moves_the_card(
        self, miniapp: MiniApp, world: dict[str, Any]
    ) -> None:
        api = pytest.importorskip("playwright.async_api")
        card = world["cards"][1]
        async with api.async_playwright() as playwright:
            browser = await _browser(playwright)
            context = await browser.new_context(viewport={"width": 1280, "height": 860},
                                                has_touch=True)
            page = await context.new_page()
            message_id = await _card_message(page, miniapp, ANNA, card)
            frame = await _open_from_menu(page, miniapp, ANNA)
            x, y = await _center(frame.locator(f".card[data-id='{card}']"))
            tx, ty = await _center(frame.locator(".column[data-stage=in_work] .column-cards"))
            cdp = await context.new_cdp_session(page)

            async def touch(kind: str, px: float, py: float) -> None:
                points = [] if kind == "touchEnd" else [{"x": px, "y": py}]
                await cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

            await touch("touchStart", x, y)
            await asyncio.sleep(0.6)  # the long press
            for step in range(1, 11):
                await touch("touchMove", x + (tx - x) * step / 10, y + (ty - y) * step / 10)
            await touch("touchEnd", tx, ty)
            await frame.locator(f".column[data-stage=in_work] .card[data-id='{card}']"
                                ":not(.pending)").wait_for(timeout=5000)
            await _bot_shows(miniapp, ANNA, message_id, "в работе")
            await browser.close()

    async def test_a_move_someone_made_first_rolls_back_with_a_message(
        self, miniapp: MiniApp, world: dict[str, Any]
    ) -> None:
        api = pytest.importorskip("playwright.async_api")
        card = world["cards"][2]
        async with api.async_playwright() as playwright:
            browser = await _browser(playwright)
            page = await browser.new_page(viewport={"width": 1280, "height": 860})
            frame = await _open_from_menu(page, miniapp, CLARA)
            # Anna takes it while Clara's board still shows it as new.
            status, _ = await miniapp.call(ANNA, f"cards/{card}/move",
                                           {"from": "new", "to": "in_work"})
            assert status == 200
            await _mouse_drag(page, frame, card, "in_work")
            toast = frame.locator("#toast.alert")
            await toast.wait_for(timeout=5000)
            assert "Кто-то уже перенёс" in await toast.inner_text()
            await frame.locator(f".column[data-stage=new] .card[data-id='{card}']"
                                ".rolled-back").wait_for(timeout=3000)
            await browser.close()


class TestTelegramButtons:
    async def test_back_button_returns_and_main_button_moves_the_open_card(
        self, miniapp: MiniApp, world: dict[str, Any]
    ) -> None:
        api = pytest.importorskip("playwright.async_api")
        card = world["cards"][4]
        async with api.async_playwright() as playwright:
            browser = await _browser(playwright)
            page = await browser.new_page(viewport={"width": 1280, "height": 860})
            frame = await _open_from_menu(page, miniapp, ANNA)
            assert await page.locator("#webapp-back").is_hidden()
            await frame.locator(f".card[data-id='{card}']").click()
            await frame.locator(".card-head").wait_for(timeout=5000)
            main = page.locator("#webapp-main-button")
            await main.wait_for(timeout=5000)
            assert await main.inner_text() == "→ в работе"
            await main.click()
            await frame.locator(".chip.stage-in_work").wait_for(timeout=5000)
            await page.locator("#webapp-back").click()
            await frame.locator(f".column[data-stage=in_work] .card[data-id='{card}']"
                                ).wait_for(timeout=5000)
            assert await page.locator("#webapp-back").is_hidden()
            await browser.close()

    async def test_a_drop_whose_request_is_lost_rolls_back(
        self, miniapp: MiniApp, world: dict[str, Any]
    ) -> None:
        api = pytest.importorskip("playwright.async_api")
        card = world["cards"][5]
        async with api.async_playwright() as playwright:
            browser = await _browser(playwright)
            page = await browser.new_page(viewport={"width": 1280, "height": 860})
            frame = await _open_from_menu(page, miniapp, ANNA)
            await page.route("**/miniapp/api/cards/*/move", lambda route: route.abort())
            await _mouse_drag(page, frame, card, "in_work")
            toast = frame.locator("#toast.alert")
            await toast.wait_for(timeout=5000)
            assert await toast.inner_text() == "Нет связи: изменение не сохранено."
            await frame.locator(f".column[data-stage=new] .card[data-id='{card}']"
                                ).wait_for(timeout=3000)
            await browser.close()
        status, view = await miniapp.call(ANNA, f"cards/{card}")
        assert (status, view["stage"]) == (200, "new")


class TestThemeAndScreens:
    async def test_the_dark_theme_renders(self, miniapp: MiniApp, world: dict[str, Any]) -> None:
        api = pytest.importorskip("playwright.async_api")
        async with api.async_playwright() as playwright:
            browser = await _browser(playwright)
            page = await browser.new_page(viewport={"width": 1280, "height": 860})
            frame = await _open_from_menu(page, miniapp, ANNA, theme="dark")
            body = frame.locator("body")
            assert await body.evaluate("b => getComputedStyle(b).backgroundColor") == \
                "rgb(19, 20, 21)"
            scheme = await frame.locator("html").get_attribute("data-scheme")
            assert scheme == "dark"
            await page.screenshot(path=str(_screen("chat_dark.png")))
            await browser.close()

    async def test_every_view_in_both_languages_and_themes(
        self, miniapp: MiniApp, world: dict[str, Any]
    ) -> None:
        api = pytest.importorskip("playwright.async_api")
        views = {"board": "", "card": f"?card={world['cards'][3]}", "bench": "?view=bench",
                 "interviews": "?view=interviews", "charts": "?view=charts"}
        ready = {"board": ".column .card", "card": ".card-head", "bench": ".developer",
                 "interviews": ".slot", "charts": ".chart img"}
        async with api.async_playwright() as playwright:
            browser = await _browser(playwright)
            for language, user_id in (("ru", ANNA), ("en", BORIS)):
                for theme in THEMES:
                    page = await browser.new_page(viewport={"width": 420, "height": 860})
                    errors: list[str] = []
                    page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                    for view, query in views.items():
                        await page.goto(_direct_launch(miniapp, user_id, theme, query))
                        await page.locator(ready[view]).first.wait_for(timeout=10000)
                        await page.screenshot(path=str(_screen(f"{view}_{theme}_{language}.png")),
                                              full_page=True)
                    assert errors == []
                    await page.close()
            await browser.close()
        assert len(list(SCREENS.glob("*_*_*.png"))) >= 20


def _screen(name: str) -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    return SCREENS / name


def _direct_launch(app: MiniApp, user_id: int, theme: str, query: str) -> str:
    """The page as Telegram launches it: signed initData and theme in the hash."""
    launch = urlencode({
        "tgWebAppData": app.init_data(user_id), "tgWebAppVersion": "7.10",
        "tgWebAppPlatform": "web", "tgWebAppThemeParams": json.dumps(THEMES[theme]),
        "tgWebAppBridge": f"{app.tg.emu.base_url}/sandbox/static/telegram-web-app.js",
    })
    return f"{app.url}{query}#{launch}"
