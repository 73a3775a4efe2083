"""A local Telegram Bot API emulator and a small web chat page.

The emulator speaks the Bot API over HTTP like api.telegram.org (`POST /bot{token}/{method}`,
`GET /file/bot{token}/{path}`), so a real aiogram Bot talks to it through
`AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url))`. Tests script users with
`add_user`, `send_text`, `press` and assert on `emu.calls` and `emu.chat_messages()`.

Run it standalone with `python -m sandbox --port 8081 --token 123:ABC` and open
`http://127.0.0.1:8081/chat` to talk to a bot polling it.

Mini Apps in the sandbox: a `web_app` button (or a web_app menu button set with
setChatMenuButton) opens its URL in an iframe panel of the chat page, with
`#tgWebAppData=<initData>&tgWebAppVersion=7.0&tgWebAppPlatform=web` appended, the way Telegram
Web launches Mini Apps. `initData` is signed with the emulator's token exactly like Telegram
does, so `aiogram.utils.web_app.safe_parse_webapp_init_data` accepts it. No
telegram-web-app.js can load offline, so a Mini App page should fall back to reading
`tgWebAppData` from `location.hash` when `window.Telegram` is absent:

    const initData = window.Telegram?.WebApp?.initData
        || new URLSearchParams(location.hash.slice(1)).get("tgWebAppData") || "";

The launch hash also carries `tgWebAppThemeParams` (the chat page's light or dark theme,
`/chat?theme=dark`) and `tgWebAppBridge`, the URL of `/sandbox/static/telegram-web-app.js`: a
stand-in for Telegram's script that a Mini App may load instead of telegram.org's when offline.
It speaks Telegram Web's postMessage protocol (web_app_setup_main_button,
web_app_setup_back_button, web_app_trigger_haptic_feedback, web_app_setup_swipe_behavior,
web_app_expand, web_app_close; main_button_pressed, back_button_pressed, theme_changed back), and
the chat page plays Telegram's side: it draws the MainButton and BackButton and records every
call in `window.sandboxWebApp.events`. A same-origin page without it still gets a minimal
`window.Telegram.WebApp` set inside the iframe (cross-origin frames can only use the hash).
"""

from sandbox.emulator import BotApiEmulator
from sandbox.state import ApiCall

__all__ = ["ApiCall", "BotApiEmulator"]
