"""A minimal aiogram bot used to drive the emulator end to end."""

from __future__ import annotations

import struct
import zlib

from aiogram import F, Router
from aiogram.filters import CommandStart
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

GREETING_HTML = "Hello, <b>{name}</b>! Pick one:"
LIKED_TEXT = "You liked it ✅"


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    """A valid solid-blue PNG, so image sizes can be checked."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x33\x90\xec" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def start_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text="Like", callback_data="like"),
                InlineKeyboardButton(text="Docs", url="https://example.org/docs"),
            ]
        ]
    )


def build_router() -> Router:
    router = Router(name="tiny_bot")

    @router.message(CommandStart())
    async def cmd_start(message: Message) -> None:
        name = message.from_user.first_name if message.from_user else "friend"
        await message.answer(
            GREETING_HTML.format(name=name), parse_mode="HTML", reply_markup=start_kb()
        )

    @router.callback_query(F.data == "like")
    async def like(query: CallbackQuery) -> None:
        await query.answer("Saved")
        assert isinstance(query.message, Message)
        await query.message.edit_text(LIKED_TEXT)
        await query.message.answer_photo(
            BufferedInputFile(tiny_png(), filename="chart.png"), caption="Your chart"
        )

    return router
