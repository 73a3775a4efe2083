from __future__ import annotations

from aiogram import Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message

from bot.commands import set_user_commands
from bot.i18n import I18n
from bot.keyboards.menu import main_menu_kb
from bot.settings import BotSettings
from crm import invites
from crm.invites import TelegramPerson
from db.uow import UnitOfWork

router = Router(name=__name__)


@router.message(CommandStart())
async def cmd_start(
    message: Message, command: CommandObject, uow: UnitOfWork, i18n: I18n,
    settings: BotSettings,
) -> None:
    assert message.from_user is not None  # CommandStart only matches user messages
    sender = message.from_user
    person = TelegramPerson(sender.id, sender.first_name, sender.username, i18n.language)
    user = await invites.admit(uow, person, command.args, frozenset(settings.admin_ids))
    if message.bot is not None:
        await set_user_commands(message.bot, user, i18n)
    await message.answer(
        i18n.get("start-welcome", name=sender.first_name, role=i18n.get(f"user-role-{user.role}")),
        reply_markup=main_menu_kb(i18n, user.role),
    )
