"""Photos, documents, albums and file downloads."""

from __future__ import annotations

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, InputMediaPhoto

from sandbox import BotApiEmulator
from tests.sandbox.conftest import ANNA, TOKEN
from tests.sandbox.tiny_bot import tiny_png


class TestMedia:
    async def test_send_media_group(self, emu: BotApiEmulator, bot: Bot) -> None:
        album = [
            InputMediaPhoto(media=BufferedInputFile(tiny_png(2, 2), "a.png"), caption="first"),
            InputMediaPhoto(media=BufferedInputFile(tiny_png(6, 5), "b.png")),
        ]
        messages = await bot.send_media_group(ANNA, album)
        assert len(messages) == 2
        assert messages[0].media_group_id == messages[1].media_group_id is not None
        assert messages[0].caption == "first"
        assert messages[1].photo is not None
        assert (messages[1].photo[-1].width, messages[1].photo[-1].height) == (6, 5)
        assert emu.file_bytes(messages[1].photo[-1].file_id) == tiny_png(6, 5)
        assert [view["photo"] != [] for view in emu.chat_messages(ANNA)] == [True, True]

    async def test_media_group_needs_two_items(self, bot: Bot) -> None:
        single = [InputMediaPhoto(media=BufferedInputFile(tiny_png(), "a.png"))]
        with pytest.raises(TelegramBadRequest, match="2-10 items"):
            await bot.send_media_group(ANNA, single)

    async def test_send_document_and_download(self, emu: BotApiEmulator, bot: Bot) -> None:
        payload = b"id,lead\n1,Acme\n"
        sent = await bot.send_document(
            ANNA,
            BufferedInputFile(payload, "leads.csv"),
            caption="<b>Export</b>",
            parse_mode="HTML",
        )
        assert sent.document is not None
        assert (sent.document.file_name, sent.document.mime_type) == ("leads.csv", "text/csv")
        assert sent.caption == "Export"

        downloaded = await bot.download(sent.document.file_id)
        assert downloaded is not None and downloaded.read() == payload

        file = await bot.get_file(sent.document.file_id)
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"{emu.base_url}/file/bot{TOKEN}/{file.file_path}") as response,
        ):
            assert await response.read() == payload

    async def test_resend_by_file_id(self, emu: BotApiEmulator, bot: Bot) -> None:
        first = await bot.send_photo(ANNA, BufferedInputFile(tiny_png(), "p.png"))
        assert first.photo is not None
        again = await bot.send_photo(ANNA, first.photo[-1].file_id)
        assert again.photo is not None and again.photo[-1].file_id == first.photo[-1].file_id
        with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
            await bot.send_photo(ANNA, "no-such-file-id")
