"""Driving the sandbox's web chat in headless Chromium: say, press, and save what it shows."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENS = Path(__file__).resolve().parents[2] / "var" / "screens"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


async def shot(page: Any, wait_for: str, name: str) -> None:
    await page.get_by_text(wait_for).last.wait_for(timeout=8000)
    await asyncio.sleep(0.3)
    await page.screenshot(path=str(SCREENS / name), full_page=True)


async def say(page: Any, text: str, wait_for: str, name: str) -> None:
    await page.fill("#composer-input", text)
    await page.click("#send-button")
    await shot(page, wait_for, name)


async def press(page: Any, button: str, wait_for: str, name: str) -> None:
    await page.get_by_role("button", name=button).last.click()
    await shot(page, wait_for, name)
