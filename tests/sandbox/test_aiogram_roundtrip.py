"""A real aiogram Bot + Dispatcher against the emulator, fed directly and by long polling."""

from __future__ import annotations

import asyncio

from aiogram import Bot, Dispatcher
from aiogram.types import Update

from sandbox import BotApiEmulator
from tests.sandbox.conftest import ANNA
from tests.sandbox.tiny_bot import LIKED_TEXT, build_router, tiny_png


def tiny_dispatcher() -> Dispatcher:
    dispatcher = Dispatcher()
    dispatcher.include_router(build_router())
    return dispatcher


async def feed(dispatcher: Dispatcher, bot: Bot, update: dict[str, object]) -> None:
    await dispatcher.feed_update(bot, Update.model_validate(update, context={"bot": bot}))


class TestFeedUpdate:
    async def test_start_answers_with_keyboard(self, emu: BotApiEmulator, bot: Bot) -> None:
        await feed(tiny_dispatcher(), bot, emu.message_update(ANNA, "/start"))

        [call] = emu.calls_of("sendMessage")
        assert call.ok
        assert call.params["chat_id"] == ANNA
        assert call.params["text"] == "Hello, <b>Anna</b>! Pick one:"
        keyboard = call.params["reply_markup"]["inline_keyboard"]
        assert [button["text"] for button in keyboard[0]] == ["Like", "Docs"]
        assert keyboard[0][0]["callback_data"] == "like"
        user_message, bot_message = emu.chat_messages(ANNA)
        assert user_message == {**user_message, "from_bot": False, "text": "/start"}
        assert bot_message["from_bot"] is True
        assert bot_message["text"] == "Hello, Anna! Pick one:"
        assert {"type": "bold", "offset": 7, "length": 4} in bot_message["entities"]

    async def test_button_press_answers_edits_and_sends_photo(
        self, emu: BotApiEmulator, bot: Bot
    ) -> None:
        dispatcher = tiny_dispatcher()
        await feed(dispatcher, bot, emu.message_update(ANNA, "/start"))
        message_id, button = emu.find_button(ANNA, "Like")
        emu.clear_calls()

        await feed(dispatcher, bot, emu.callback_update(ANNA, message_id, button["callback_data"]))

        assert [call.method for call in emu.calls] == [
            "answerCallbackQuery",
            "editMessageText",
            "sendPhoto",
        ]
        assert all(call.ok for call in emu.calls)
        assert emu.calls[0].params["text"] == "Saved"
        edited, photo = emu.chat_messages(ANNA)[1:]
        assert edited["message_id"] == message_id
        assert edited["text"] == LIKED_TEXT
        assert edited["edited"] is True
        assert edited["reply_markup"] is None  # editing without a keyboard removes it
        assert photo["caption"] == "Your chart"
        assert emu.file_bytes(photo["photo"][0]) == tiny_png()
        sizes = emu.calls_of("sendPhoto")[0].result["photo"]
        assert (sizes[0]["width"], sizes[0]["height"]) == (4, 3)


class TestPolling:
    async def test_polling_round_trip(self, emu: BotApiEmulator, bot: Bot) -> None:
        dispatcher = tiny_dispatcher()
        polling = asyncio.create_task(
            dispatcher.start_polling(bot, handle_signals=False, polling_timeout=1)
        )
        try:
            await emu.wait_for("getMe", since=0)
            since = len(emu.calls)
            emu.send_text(ANNA, "/start")
            answer = await emu.wait_for("sendMessage", since=since)
            assert answer.result["text"] == "Hello, Anna! Pick one:"

            message_id, button = emu.find_button(ANNA, "Like")
            since = len(emu.calls)
            emu.press(ANNA, message_id, button["callback_data"])
            await emu.wait_for("sendPhoto", since=since)
        finally:
            await dispatcher.stop_polling()
            await polling

        methods = [call.method for call in emu.calls if call.method != "getUpdates"]
        assert methods == [
            "getMe",
            "sendMessage",
            "answerCallbackQuery",
            "editMessageText",
            "sendPhoto",
        ]
        texts = [m["text"] or m["caption"] for m in emu.chat_messages(ANNA)]
        assert texts == ["/start", LIKED_TEXT, "Your chart"]
