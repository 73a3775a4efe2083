"""Tests that read like a user session: a ChatUser talks to the real Dispatcher through the
sandbox Bot API emulator (updates are built by the emulator and fed to dp.feed_update; everything
the bot sends goes over HTTP to the emulator, which validates it like Telegram)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.types import Update

from sandbox.emulator import BotApiEmulator


@dataclass(frozen=True)
class SeenMessage:
    message_id: int
    text: str
    buttons: list[str]
    callback_data: list[str]
    raw: dict[str, Any]


def _seen(view: dict[str, Any]) -> SeenMessage:
    rows = (view.get("reply_markup") or {}).get("inline_keyboard", [])
    buttons = [b for row in rows for b in row]
    return SeenMessage(
        message_id=view["message_id"], text=view.get("text") or view.get("caption") or "",
        buttons=[b["text"] for b in buttons],
        callback_data=[b.get("callback_data", "") for b in buttons], raw=view,
    )


class TelegramHarness:
    def __init__(self, emu: BotApiEmulator, bot: Bot, dispatcher: Dispatcher) -> None:
        self.emu, self.bot, self.dp = emu, bot, dispatcher

    async def feed(self, update: dict[str, Any]) -> None:
        parsed = Update.model_validate(update, context={"bot": self.bot})
        await self.dp.feed_update(self.bot, parsed)

    async def user(
        self, user_id: int, first_name: str, language: str | None = "ru",
        username: str | None = None,
    ) -> ChatUser:
        self.emu.add_user(user_id, first_name, username=username, language_code=language)
        return ChatUser(self, user_id)


class ChatUser:
    def __init__(self, harness: TelegramHarness, user_id: int) -> None:
        self.tg, self.id = harness, user_id

    async def send(self, text: str) -> None:
        await self.tg.feed(self.tg.emu.message_update(self.id, text))

    async def send_document(self, file_name: str, data: bytes) -> None:
        await self.tg.feed(self.tg.emu.document_update(self.id, file_name, data))

    async def press(self, button_text: str) -> None:
        """Presses the newest inline button with exactly this label."""
        message_id, button = self.tg.emu.find_button(self.id, button_text)
        await self.press_data(message_id, button["callback_data"])

    async def press_data(self, message_id: int, callback_data: str) -> None:
        await self.tg.feed(self.tg.emu.callback_update(self.id, message_id, callback_data))

    async def forge_press(self, message_id: int, callback_data: str) -> None:
        """A press carrying data no button had: what a modified client can send. The emulator
        builds presses of real buttons only, so a real one is built and its data replaced."""
        message = next(m for m in self.messages if m.message_id == message_id)
        update = self.tg.emu.callback_update(self.id, message_id, message.callback_data[0])
        update["callback_query"]["data"] = callback_data
        await self.tg.feed(update)

    @property
    def messages(self) -> list[SeenMessage]:
        """What the bot shows in this chat now (edits applied), oldest first."""
        return [_seen(v) for v in self.tg.emu.chat_messages(self.id) if v["from_bot"]]

    @property
    def last_message(self) -> SeenMessage:
        view = self.tg.emu.last_bot_message(self.id)
        assert view is not None, "the bot has not written to this chat"
        return _seen(view)

    def message_with_button(self, text: str) -> SeenMessage:
        message_id, _ = self.tg.emu.find_button(self.id, text)
        return next(m for m in self.messages if m.message_id == message_id)

    @property
    def last_alert(self) -> str | None:
        """The text of the newest answerCallbackQuery sent for this user's presses."""
        answers = [c for c in self.tg.emu.calls_of("answerCallbackQuery") if c.ok]
        return str(answers[-1].params.get("text")) if answers else None
