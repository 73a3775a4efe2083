"""Telegram's command list: per language for everyone (a manager's commands), and per chat for
each user, in their own language and for their own role (bot/roles.py)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat

from bot.i18n import I18n, Translator
from bot.roles import features_for
from db.records.users import UserRecord

log = logging.getLogger(__name__)
DEFAULT_ROLE = "manager"


def commands_for(role: str, i18n: I18n) -> list[BotCommand]:
    return [BotCommand(command=f.command, description=i18n.get(f"command-{f.command}"))
            for f in features_for(role)]


async def set_commands(bot: Bot, translator: Translator) -> None:
    """The list everyone sees until their own is set; the default language covers the rest."""
    for language in translator.languages:
        commands = commands_for(DEFAULT_ROLE, translator.pick(language))
        await bot.set_my_commands(commands, language_code=language)
        if language == translator.default_language:
            await bot.set_my_commands(commands)


async def set_user_commands(bot: Bot, user: UserRecord, i18n: I18n) -> None:
    """This user's list (their role, their language); a failure only costs the list."""
    try:
        await bot.set_my_commands(commands_for(user.role, i18n),
                                  scope=BotCommandScopeChat(chat_id=user.tg_user_id))
    except TelegramAPIError as exc:
        log.warning("command list for user %s not set: %s", user.id, exc)


async def sync_user_commands(
    bot: Bot, translator: Translator, users: Iterable[UserRecord]
) -> None:
    for user in users:
        if user.active:
            await set_user_commands(bot, user, translator.pick(user.language))
