"""Telegram's validation and error shapes, as aiogram sees them."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramRetryAfter,
)
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from sandbox import BotApiEmulator
from tests.sandbox.conftest import ANNA, TOKEN, EmulatorFactory, bot_for
from tests.sandbox.tiny_bot import tiny_png


def keyboard(rows: list[list[str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=data, callback_data=data) for data in row] for row in rows
        ]
    )


class TestTextValidation:
    async def test_too_long_text(self, emu: BotApiEmulator, bot: Bot) -> None:
        with pytest.raises(TelegramBadRequest, match="message is too long"):
            await bot.send_message(ANNA, "x" * 4097)
        assert (await bot.send_message(ANNA, "x" * 4096)).text == "x" * 4096

    async def test_length_counts_text_after_entity_parsing(self, bot: Bot) -> None:
        sent = await bot.send_message(ANNA, f"<b>{'x' * 4096}</b>", parse_mode="HTML")
        assert sent.text is not None and len(sent.text) == 4096

    async def test_empty_text(self, emu: BotApiEmulator, bot: Bot) -> None:
        with pytest.raises(TelegramBadRequest, match="message text is empty"):
            await bot.send_message(ANNA, "")
        with pytest.raises(TelegramBadRequest, match="message text is empty"):
            await bot.send_message(ANNA, "<b> </b>", parse_mode="HTML")

    async def test_bad_html(self, bot: Bot) -> None:
        with pytest.raises(TelegramBadRequest, match="can't parse entities: Can't find end tag"):
            await bot.send_message(ANNA, "<b>unclosed", parse_mode="HTML")
        with pytest.raises(TelegramBadRequest, match='Unsupported start tag "div"'):
            await bot.send_message(ANNA, "<div>x</div>", parse_mode="HTML")

    async def test_markdown_v2_reserved_character(self, bot: Bot) -> None:
        with pytest.raises(TelegramBadRequest, match=r"Character '\.' is reserved"):
            await bot.send_message(ANNA, "*Done*.", parse_mode="MarkdownV2")
        sent = await bot.send_message(ANNA, "*Done*\\.", parse_mode="MarkdownV2")
        assert sent.text == "Done."
        assert sent.entities is not None and sent.entities[0].type == "bold"

    async def test_caption_too_long(self, bot: Bot) -> None:
        photo = BufferedInputFile(tiny_png(), filename="p.png")
        with pytest.raises(TelegramBadRequest, match="message caption is too long"):
            await bot.send_photo(ANNA, photo, caption="c" * 1025)

    async def test_chat_not_found(self, bot: Bot) -> None:
        with pytest.raises(TelegramBadRequest, match="chat not found"):
            await bot.send_message(42, "hi")


class TestKeyboardValidation:
    async def test_callback_data_over_64_bytes(self, bot: Bot) -> None:
        with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
            await bot.send_message(ANNA, "hi", reply_markup=keyboard([["é" * 33]]))

    async def test_more_than_8_buttons_in_a_row(self, bot: Bot) -> None:
        with pytest.raises(TelegramBadRequest, match="reply markup is too long"):
            await bot.send_message(ANNA, "hi", reply_markup=keyboard([[str(i) for i in range(9)]]))

    async def test_more_than_100_buttons(self, bot: Bot) -> None:
        rows = [[f"{r}-{c}" for c in range(8)] for r in range(13)]
        with pytest.raises(TelegramBadRequest, match="reply markup is too long"):
            await bot.send_message(ANNA, "hi", reply_markup=keyboard(rows))

    async def test_text_only_inline_button(self, bot: Bot) -> None:
        markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="plain")]])
        with pytest.raises(TelegramBadRequest, match="text buttons are unallowed"):
            await bot.send_message(ANNA, "hi", reply_markup=markup)


class TestEditAndDelete:
    async def test_not_modified(self, bot: Bot) -> None:
        sent = await bot.send_message(ANNA, "same", reply_markup=keyboard([["a"]]))
        with pytest.raises(TelegramBadRequest, match="message is not modified"):
            await bot.edit_message_text(
                text="same",
                chat_id=ANNA,
                message_id=sent.message_id,
                reply_markup=keyboard([["a"]]),
            )
        with pytest.raises(TelegramBadRequest, match="message is not modified"):
            await bot.edit_message_reply_markup(
                chat_id=ANNA, message_id=sent.message_id, reply_markup=keyboard([["a"]])
            )

    async def test_unknown_message(self, bot: Bot) -> None:
        with pytest.raises(TelegramBadRequest, match="message to edit not found"):
            await bot.edit_message_text(text="x", chat_id=ANNA, message_id=9999)
        with pytest.raises(TelegramBadRequest, match="message to delete not found"):
            await bot.delete_message(ANNA, 9999)

    async def test_delete_removes_from_chat(self, emu: BotApiEmulator, bot: Bot) -> None:
        sent = await bot.send_message(ANNA, "bye")
        assert await bot.delete_message(ANNA, sent.message_id) is True
        assert emu.chat_messages(ANNA) == []

    async def test_users_message_cannot_be_edited(self, emu: BotApiEmulator, bot: Bot) -> None:
        update = emu.message_update(ANNA, "mine")
        with pytest.raises(TelegramBadRequest, match="message can't be edited"):
            await bot.edit_message_text(
                text="x", chat_id=ANNA, message_id=update["message"]["message_id"]
            )


class TestFloodAndBlocking:
    async def test_per_chat_rate_limit_gives_retry_after(
        self, make_emulator: EmulatorFactory
    ) -> None:
        emulator = await make_emulator(rate_limit_per_chat=1.0)
        bot = bot_for(emulator)
        try:
            await bot.send_message(ANNA, "first")
            with pytest.raises(TelegramRetryAfter) as raised:
                await bot.send_message(ANNA, "second")
        finally:
            await bot.session.close()
        assert raised.value.retry_after == 1
        failed = emulator.calls[-1]
        assert (failed.ok, failed.error_code, failed.parameters) == (
            False,
            429,
            {"retry_after": 1},
        )
        assert [m["text"] for m in emulator.chat_messages(ANNA)] == ["first"]

    async def test_global_rate_limit_is_telegrams_thirty_a_second(
        self, make_emulator: EmulatorFactory
    ) -> None:
        # What the load benchmarks run against: ~30 messages/s overall (a burst of 30), 1/s a chat.
        emulator = await make_emulator(rate_limit_per_chat=1.0, rate_limit_global=30.0)
        for n in range(120):
            emulator.add_user(9000 + n, f"U{n}")
        bot = bot_for(emulator)
        started = time.monotonic()
        try:
            sent = await asyncio.gather(
                *(bot.send_message(9000 + n, "burst") for n in range(120)), return_exceptions=True)
        finally:
            await bot.session.close()
        elapsed = time.monotonic() - started
        accepted = sum(1 for s in sent if not isinstance(s, BaseException))
        refused = [s for s in sent if isinstance(s, BaseException)]
        assert accepted <= 30 + 30 * elapsed + 1, (accepted, elapsed)
        assert all(isinstance(s, TelegramRetryAfter) for s in refused)
        if elapsed < 3.0:  # 120 in under 3 s is over 30 + 30/s: some must have been refused
            assert refused

    async def test_blocked_user_gives_403(self, emu: BotApiEmulator, bot: Bot) -> None:
        emu.block(ANNA)
        with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
            await bot.send_message(ANNA, "hi")
        emu.unblock(ANNA)
        assert (await bot.send_message(ANNA, "hi")).text == "hi"


class TestWire:
    async def test_unknown_method_wrong_token_and_json_bodies(self, emu: BotApiEmulator) -> None:
        async with aiohttp.ClientSession() as http:
            async with http.post(f"{emu.base_url}/bot{TOKEN}/sendTelepathy") as response:
                assert response.status == 404
                assert await response.json() == {
                    "ok": False,
                    "error_code": 404,
                    "description": "Not Found",
                }
            async with http.get(f"{emu.base_url}/bot1:WRONG/getMe") as response:
                assert response.status == 401
            body = {"chat_id": ANNA, "text": "<i>json</i>", "parse_mode": "HTML"}
            async with http.post(f"{emu.base_url}/bot{TOKEN}/sendMessage", json=body) as response:
                sent = await response.json()
            async with http.post(
                f"{emu.base_url}/bot{TOKEN}/sendmessage", data={"chat_id": "1001", "text": "form"}
            ) as response:
                form = await response.json()
        assert sent["ok"] and sent["result"]["entities"] == [
            {"type": "italic", "offset": 0, "length": 4}
        ]
        assert form["ok"] and form["result"]["text"] == "form"
        assert emu.calls[-1].method == "sendMessage"
