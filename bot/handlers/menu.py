"""The main menu (a button for each thing the user's role can do), /help, and the members'
catch-all for what no other handler took (stickers, unknown commands)."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.dispatcher.event.handler import CallableObject
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MenuAction, MenuCb
from bot.handlers import (
    admin,
    clients,
    crm_agenda,
    crm_bench,
    crm_lists,
    crm_notes,
    sources,
    teams,
)
from bot.i18n import I18n
from bot.keyboards.menu import main_menu_kb
from bot.roles import FEATURES, features_for
from db.records.users import UserRecord

router = Router(name=__name__)


def help_text(role: str, i18n: I18n) -> str:
    lines = [i18n.get("help-title", role=i18n.get(f"user-role-{role}"))]
    lines += [f"/{f.command} — {i18n.get(f'command-{f.command}')}" for f in features_for(role)]
    lines += ["", i18n.get("help-free-text")]
    return "\n".join(lines)


@router.message(Command("menu"))
async def cmd_menu(message: Message, user: UserRecord, i18n: I18n) -> None:
    await message.answer(i18n.get("menu-title"), reply_markup=main_menu_kb(i18n, user.role))


@router.message(Command("help"))
async def cmd_help(message: Message, user: UserRecord, i18n: I18n) -> None:
    await message.answer(help_text(user.role, i18n), reply_markup=main_menu_kb(i18n, user.role))


# The menu buttons that open what a command shows: the command's own handler answers.
SCREENS: dict[MenuAction, Any] = {
    MenuAction.my: crm_lists.show_my, MenuAction.team: crm_lists.show_team,
    MenuAction.tasks: crm_notes.show_tasks, MenuAction.bench: crm_bench.show_bench,
    MenuAction.sources: sources.cmd_sources, MenuAction.invite: admin.cmd_invite,
    MenuAction.users: teams.cmd_users, MenuAction.help: cmd_help,
    MenuAction.interviews: crm_agenda.show_agenda, MenuAction.teams: teams.cmd_teams,
    MenuAction.clients: clients.show_clients,
}


@router.callback_query(MenuCb.filter(F.action.in_(set(SCREENS))))
async def open_screen(
    query: CallbackQuery, callback_data: MenuCb, user: UserRecord, i18n: I18n,
    **data: Any,
) -> None:
    feature = next(f for f in FEATURES if f.command == callback_data.action.value)
    if user.role not in feature.roles or not isinstance(query.message, Message):
        await query.answer(i18n.get("menu-not-for-role"), show_alert=True)
        return
    await query.answer()
    command = CommandObject(prefix="/", command=feature.command)
    # Called as aiogram calls a handler: it gets only the arguments it declares.
    await CallableObject(SCREENS[callback_data.action]).call(
        query.message, user=user, i18n=i18n, command=command, **data)


async def send_hint(message: Message, user: UserRecord, i18n: I18n) -> None:
    await message.answer(i18n.get("menu-hint"), reply_markup=main_menu_kb(i18n, user.role))


@router.message()
async def unknown_text(message: Message, user: UserRecord, i18n: I18n) -> None:
    """Members' catch-all: a hint instead of silence."""
    await send_hint(message, user, i18n)
