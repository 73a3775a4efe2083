"""Admins: invites (one-time deep links) and role scopes (/users lives in teams)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.callbacks import InviteCb, ScopeCb
from bot.handlers.common import edit
from bot.i18n import I18n
from bot.keyboards.admin import RESET_SCOPE, invite_roles_kb, scope_kb
from bot.settings import BotSettings
from bot.views.admin import scope_text
from crm import invites, users
from db.records.feed import ROLE_FAMILIES
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


@router.message(Command("invite"))
async def cmd_invite(message: Message, i18n: I18n) -> None:
    await message.answer(i18n.get("invite-choose-role"), reply_markup=invite_roles_kb(i18n))


@router.callback_query(InviteCb.filter())
async def create_invite(
    query: CallbackQuery, callback_data: InviteCb, uow: UnitOfWork, user: UserRecord, i18n: I18n,
    settings: BotSettings,
) -> None:
    invite = await invites.create(uow, user, callback_data.role.value, settings.invite_ttl_hours)
    link = f"https://t.me/{settings.username}?start={invite.code}"
    await edit(query, i18n.get(
        "invite-created", link=link, role=i18n.get(f"user-role-{invite.role}"),
        hours=settings.invite_ttl_hours,
    ))
    await query.answer()


@router.callback_query(ScopeCb.filter(F.index == -1))
async def show_scope(
    query: CallbackQuery, callback_data: ScopeCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    target = await users.get_user(uow, user, callback_data.user_id)
    await edit(query, scope_text(target, i18n), scope_kb(target, i18n))
    await query.answer()


@router.callback_query(ScopeCb.filter(F.index != -1))
async def change_scope(
    query: CallbackQuery, callback_data: ScopeCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    if callback_data.index == RESET_SCOPE:
        target = await users.reset_scope(uow, user, callback_data.user_id)
    else:
        family = ROLE_FAMILIES[callback_data.index % len(ROLE_FAMILIES)]
        target = await users.toggle_scope_role(
            uow, user, callback_data.user_id, family, ROLE_FAMILIES
        )
    await edit(query, scope_text(target, i18n), scope_kb(target, i18n))
    await query.answer(i18n.get("settings-saved"))
