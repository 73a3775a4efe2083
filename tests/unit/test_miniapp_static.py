"""The Mini App's page works offline: nothing but Telegram's own script comes from outside,
and every text the page shows comes from the locale files through /miniapp/api/me."""

from __future__ import annotations

import re
from pathlib import Path

from bot.i18n import LOCALES_DIR
from bot.webapp.api_me import page_keys

STATIC = Path(__file__).resolve().parents[2] / "bot" / "webapp" / "static"
TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js"


class TestMiniAppStatic:
    def test_no_file_fetches_anything_from_outside_but_telegrams_script(self) -> None:
        for path in STATIC.iterdir():
            urls = set(re.findall(r"https?://[^\s\"'`)]+", path.read_text("utf-8")))
            assert urls <= {TELEGRAM_SCRIPT}, f"{path.name} refers to {urls}"

    def test_every_miniapp_key_the_page_uses_is_in_both_locales(self) -> None:
        used = set()
        for path in STATIC.glob("*.js"):
            used |= set(re.findall(r"""t\(["'`](miniapp-[a-z0-9_-]+)["'`]\)""",
                                   path.read_text("utf-8")))
        assert used, "the page uses no miniapp-* key: the pattern above is wrong"
        assert used <= set(page_keys()), used - set(page_keys())
        russian = (LOCALES_DIR / "ru" / "miniapp.ftl").read_text("utf-8")
        for key in page_keys():
            assert re.search(rf"^{re.escape(key)} =", russian, re.MULTILINE), key
