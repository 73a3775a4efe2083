from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.i18n import I18n
from bot.keyboards.menu import main_menu_kb

router = Router(name=__name__)


@router.message(Command("menu", "help"))
async def cmd_menu(message: Message, i18n: I18n) -> None:
    await message.answer(i18n.get("menu-title"), reply_markup=main_menu_kb(i18n))


@router.message()
async def unknown_text(message: Message, i18n: I18n) -> None:
    """Members' catch-all: a hint instead of silence."""
    await message.answer(i18n.get("menu-hint"), reply_markup=main_menu_kb(i18n))
