"""BotApiEmulator: the scripting face of the sandbox, used by tests and the demo."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from sandbox.faults import Fault
from sandbox.http import bot_api_routes
from sandbox.initdata import sign_init_data
from sandbox.methods import call_method
from sandbox.state import ApiCall, Conversation, SandboxState, SandboxUser
from sandbox.updates import Update
from sandbox.user_actions import (
    callback_update,
    conversation_of,
    document_update,
    message_update,
)
from sandbox.views import inline_buttons, message_view
from sandbox.webchat import webchat_routes
from sandbox.wire import Upload

SHUTDOWN_TIMEOUT = 1.0


class BotApiEmulator:
    """A local Telegram Bot API server plus helpers that act as the bot's users."""

    def __init__(
        self,
        token: str | None = "123:ABC",
        bot_username: str = "radar_bot",
        rate_limit_per_chat: float | None = None,
        rate_limit_global: float | None = None,
    ) -> None:
        self.state = SandboxState(token, bot_username, rate_limit_per_chat, rate_limit_global)
        self.state.webhook_reply_handler = self._run_webhook_reply
        self.base_url = ""
        self._runner: web.AppRunner | None = None

    # --- server lifecycle -------------------------------------------------------------

    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.add_routes(bot_api_routes(self.state))
        app.add_routes(webchat_routes(self))
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Serve on host:port (0 = any free port); returns and sets `base_url`."""
        self._runner = web.AppRunner(
            self.build_app(), handle_signals=False, shutdown_timeout=SHUTDOWN_TIMEOUT
        )
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        bound_host, bound_port = self._runner.addresses[0][:2]
        self.base_url = f"http://{bound_host}:{bound_port}"
        return self.base_url

    async def stop(self) -> None:
        # Pending long polls return at once instead of holding the shutdown.
        self.state.updates.close()
        if self.state.webhook is not None:
            await self.state.webhook.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def chat_url(self) -> str:
        return f"{self.base_url}/chat"

    @property
    def token(self) -> str | None:
        return self.state.token

    @property
    def bot_user(self) -> dict[str, Any]:
        return self.state.bot_user

    # --- recorded calls ---------------------------------------------------------------

    @property
    def calls(self) -> list[ApiCall]:
        return self.state.calls

    def calls_of(self, method: str) -> list[ApiCall]:
        return [call for call in self.state.calls if call.method == method]

    def clear_calls(self) -> None:
        self.state.calls.clear()

    async def wait_for(
        self,
        method: str,
        predicate: Callable[[ApiCall], bool] | None = None,
        timeout: float = 5.0,
        since: int | None = None,
    ) -> ApiCall:
        """The first call of `method` (matching `predicate`) at index >= `since`.

        `since=None` means "from now on"; pass `since=len(emu.calls)` taken before an action
        to also count calls that happened before this coroutine got to run.
        """
        index = len(self.state.calls) if since is None else since
        deadline = time.monotonic() + timeout
        while True:
            calls = self.state.calls
            for call in calls[index:]:
                if call.method == method and (predicate is None or predicate(call)):
                    return call
            index = len(calls)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                seen = ", ".join(call.method for call in calls[-10:])
                raise TimeoutError(f"no matching {method} within {timeout}s (last: {seen})")
            try:
                await asyncio.wait_for(self.state.calls_changed.wait(), remaining)
            except TimeoutError:
                continue

    # --- users and their actions ------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        first_name: str,
        username: str | None = None,
        language_code: str | None = None,
        last_name: str | None = None,
    ) -> SandboxUser:
        """Register a user; their private chat id equals `user_id`. Re-adding updates them."""
        existing = self.state.conversations.get(user_id)
        if existing is not None:
            existing.user.first_name = first_name
            existing.user.username = username
            existing.user.language_code = language_code
            existing.user.last_name = last_name
            return existing.user
        user = SandboxUser(user_id, first_name, last_name, username, language_code)
        self.state.conversations[user_id] = Conversation(user)
        return user

    def message_update(self, user_id: int, text: str) -> Update:
        return message_update(self.state, user_id, text)

    def document_update(self, user_id: int, file_name: str, data: bytes) -> Update:
        return document_update(self.state, user_id, file_name, data)

    def callback_update(self, user_id: int, message_id: int, callback_data: str) -> Update:
        return callback_update(self.state, user_id, message_id, callback_data)

    def push_update(self, update: Update) -> None:
        """Queue for getUpdates, or for the webhook when one is set."""
        self.state.updates.push(update)

    def send_text(self, user_id: int, text: str) -> Update:
        update = self.message_update(user_id, text)
        self.push_update(update)
        return update

    def press(self, user_id: int, message_id: int, data: str) -> Update:
        update = self.callback_update(user_id, message_id, data)
        self.push_update(update)
        return update

    def inject(self, method: str, fault: Fault) -> None:
        """Makes calls of `method` misbehave (see sandbox.faults) until `clear_faults`."""
        self.state.faults.inject(method, fault)

    def clear_faults(self) -> None:
        self.state.faults.clear()

    def block(self, user_id: int) -> None:
        conversation_of(self.state, user_id).user.blocked_bot = True

    def unblock(self, user_id: int) -> None:
        conversation_of(self.state, user_id).user.blocked_bot = False

    # --- what the chat looks like -----------------------------------------------------

    def chat_messages(self, chat_id: int) -> list[dict[str, Any]]:
        messages = conversation_of(self.state, chat_id).messages.values()
        return [message_view(message) for message in messages]

    def last_bot_message(self, chat_id: int) -> dict[str, Any] | None:
        from_bot = [view for view in self.chat_messages(chat_id) if view["from_bot"]]
        return from_bot[-1] if from_bot else None

    def find_button(self, chat_id: int, text: str) -> tuple[int, dict[str, Any]]:
        """The newest bot message with an inline button labelled exactly `text`."""
        messages = list(conversation_of(self.state, chat_id).messages.values())
        visible: list[str] = []
        for message in reversed(messages):
            for button in inline_buttons(message):
                if button.get("text") == text:
                    return message["message_id"], button
                visible.append(str(button.get("text")))
        raise LookupError(f"no inline button {text!r} in chat {chat_id}; visible: {visible}")

    def file_bytes(self, file_id: str) -> bytes:
        return self.state.files.get(file_id).data

    def sign_init_data(self, user_id: int, **extra: Any) -> str:
        """Mini App initData for this user, signed with the bot token like Telegram does."""
        if self.state.token is None:
            raise RuntimeError("sign_init_data needs the emulator to have a token")
        user = conversation_of(self.state, user_id).user.as_user()
        user.pop("is_bot")
        user["allows_write_to_pm"] = True
        return sign_init_data(self.state.token, user, **extra)

    async def _run_webhook_reply(self, params: dict[str, Any], uploads: dict[str, Upload]) -> None:
        await call_method(self.state, str(params.pop("method")), params, uploads)
