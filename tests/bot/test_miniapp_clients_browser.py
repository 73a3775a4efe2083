"""The Mini App's Clients view in headless Chromium: the tab opens the list, a filter narrows
it, a client opens its page, an open request opens its request card; screenshots of the list
and the page in light and dark, ru and en, under var/screens/miniapp/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.bot.miniapp_harness import (
    MiniApp,
    admin_and,
    make_team,
    miniapp,
    miniapp_options,
    place,
)
from tests.bot.test_miniapp_browser import CHROMIUM, SCREENS, THEMES, _browser, _direct_launch
from tests.bot.test_miniapp_clients import clients_world

__all__ = ["miniapp", "miniapp_options"]  # fixtures used by this module
ANNA, BORIS = 1001, 1002
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="Chromium is not installed (apt-get install -y chromium)"),
]


async def _world(app: MiniApp) -> dict[str, int]:
    """Anna (ru manager) and Boris (en lead) in team A; Initech belongs to team B."""
    sf = app.tg.dp["session_factory"]
    _, anna, boris = await admin_and(app.tg, (ANNA, "Anna", "ru"), (BORIS, "Boris", "en"))
    team_a, team_b = await make_team(sf, "A"), await make_team(sf, "B")
    await place(app.tg, anna, team_a)
    await place(app.tg, boris, team_a, role="lead")
    return await clients_world(sf, team_a, team_b)


async def test_the_clients_list_and_a_client_page_in_both_languages_and_themes(
    miniapp: MiniApp,
) -> None:
    api = pytest.importorskip("playwright.async_api")
    ids = await _world(miniapp)
    SCREENS.mkdir(parents=True, exist_ok=True)
    seen: dict[str, Any] = {}
    async with api.async_playwright() as playwright:
        browser = await _browser(playwright)
        for language, user_id in (("ru", ANNA), ("en", BORIS)):
            for theme in THEMES:
                page = await browser.new_page(viewport={"width": 420, "height": 860})
                errors: list[str] = []
                page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                await page.goto(_direct_launch(miniapp, user_id, theme, ""))
                await page.locator("body[data-ready='1']").wait_for(timeout=10000)
                await page.locator(".tab[data-view=clients]").click()
                rows = page.locator(".client-row")
                await rows.first.wait_for(timeout=10000)
                seen[f"list-{language}"] = await rows.evaluate_all(
                    "rows => rows.map(r => Number(r.dataset.id))")
                await page.screenshot(path=str(SCREENS / f"clients_{theme}_{language}.png"),
                                      full_page=True)
                await page.locator(f".client-row[data-id='{ids['ACME']}'] .client-name").click()
                head = page.locator(".client-head")
                await head.wait_for(timeout=10000)
                seen[f"head-{language}"] = await head.inner_text()
                await page.screenshot(path=str(SCREENS / f"client_{theme}_{language}.png"),
                                      full_page=True)
                assert errors == []
                await page.close()

        page = await browser.new_page(viewport={"width": 420, "height": 860})
        await page.goto(_direct_launch(miniapp, ANNA, "light", "?view=clients"))
        await page.locator(".client-row").first.wait_for(timeout=10000)
        await page.locator("select[name=lifecycle]").select_option("new")
        await page.locator(f".client-row[data-id='{ids['ACME']}']").wait_for(
            state="detached", timeout=10000)
        await page.locator(".client-row").first.wait_for(timeout=10000)
        seen["filtered"] = await page.locator(".client-row").evaluate_all(
            "rows => rows.map(r => Number(r.dataset.id))")
        await page.locator("select[name=lifecycle]").select_option("")
        await page.locator(f".client-row[data-id='{ids['ACME']}'] .client-name").click()
        await page.locator(".client-head").wait_for(timeout=10000)
        await page.locator(".section .rows .link").first.click()
        await page.locator(".card-head").wait_for(timeout=10000)
        seen["card"] = await page.locator(".card-head").inner_text()
        await browser.close()

    assert seen["list-ru"] == seen["list-en"] == [ids["ACME"], ids["Globex"]]
    assert "ACME" in seen["head-ru"] and "под угрозой" in seen["head-ru"]
    assert "Риск ухода" in seen["head-ru"] and "Churn risk" in seen["head-en"]
    assert seen["filtered"] == [ids["Globex"]]  # one request three days ago: new
    assert "React #" in seen["card"]
    for name in ("clients", "client"):
        assert len(list(SCREENS.glob(f"{name}_*_*.png"))) >= 4
