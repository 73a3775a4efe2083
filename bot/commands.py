from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand

from bot.i18n import Translator

COMMANDS: tuple[str, ...] = (
    "feed", "searches", "search", "settings", "menu", "team", "tasks", "stats",
)


async def set_commands(bot: Bot, translator: Translator) -> None:
    """The command menu in each language; the default language also covers everyone else."""
    for language in translator.languages:
        i18n = translator.pick(language)
        commands = [BotCommand(command=c, description=i18n.get(f"command-{c}")) for c in COMMANDS]
        await bot.set_my_commands(commands, language_code=language)
        if language == translator.default_language:
            await bot.set_my_commands(commands)
