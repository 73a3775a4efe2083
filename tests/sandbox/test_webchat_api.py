"""The JSON API the web chat page uses, without a browser."""

from __future__ import annotations

import aiohttp
from aiogram import Bot
from aiogram.types import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonWebApp,
    WebAppInfo,
)

from sandbox import BotApiEmulator
from tests.sandbox.conftest import ANNA


class TestWebChatApi:
    async def test_send_press_and_read_state(self, emu: BotApiEmulator, bot: Bot) -> None:
        await bot.set_my_commands(
            [BotCommand(command="start", description="Начать")], language_code="ru"
        )
        await bot.set_chat_menu_button(
            chat_id=ANNA,
            menu_button=MenuButtonWebApp(
                text="Open", web_app=WebAppInfo(url="https://app.local/")
            ),
        )
        async with aiohttp.ClientSession(emu.base_url) as http:
            async with http.post(
                f"/sandbox/api/chats/{ANNA}/send", json={"text": "/start"}
            ) as response:
                assert response.status == 200
            [update] = await bot.get_updates()
            assert update.message is not None and update.message.text == "/start"

            markup = InlineKeyboardMarkup(
                inline_keyboard=[[InlineKeyboardButton(text="Go", callback_data="go")]]
            )
            sent = await bot.send_message(ANNA, "hi", reply_markup=markup)
            press = {"message_id": sent.message_id, "data": "go"}
            async with http.post(f"/sandbox/api/chats/{ANNA}/press", json=press) as response:
                assert response.status == 200
            [update] = await bot.get_updates(offset=update.update_id + 1)
            assert update.callback_query is not None
            await bot.answer_callback_query(update.callback_query.id, text="Done")

            async with http.get(f"/sandbox/api/chats/{ANNA}/messages") as response:
                state = await response.json()
            async with http.get(f"/sandbox/api/chats/{ANNA}/init-data") as response:
                init_data = (await response.json())["init_data"]
            async with http.get("/chat") as response:
                assert "chat.js" in await response.text()

        assert [m["text"] for m in state["messages"]] == ["/start", "hi"]
        assert state["commands"] == [{"command": "start", "description": "Начать"}]
        assert state["menu_button"]["web_app"]["url"] == "https://app.local/"
        assert state["callback_answers"][0]["text"] == "Done"
        assert "hash=" in init_data and "user=" in init_data
