from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import InviteCb, Role, ScopeCb
from bot.callbacks_teams import MemberAction, MemberCb
from bot.i18n import I18n
from bot.views.labels import label
from db.records.feed import ROLE_FAMILIES
from db.records.users import UserRecord

RESET_SCOPE = -2


def invite_roles_kb(i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for role in Role:
        builder.button(text=i18n.get(f"user-role-{role.value}"), callback_data=InviteCb(role=role))
    builder.adjust(3)
    return builder.as_markup()


def scope_kb(target: UserRecord, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    seen = set(target.scope_roles) if target.scope_roles is not None else set(ROLE_FAMILIES)
    for index, family in enumerate(ROLE_FAMILIES):
        mark = "✓ " if family in seen else ""
        builder.button(
            text=mark + label(i18n, "roles", family),
            callback_data=ScopeCb(user_id=target.id, index=index),
        )
    builder.button(
        text=i18n.get("scope-reset"), callback_data=ScopeCb(user_id=target.id, index=RESET_SCOPE)
    )
    builder.adjust(3)
    builder.row(InlineKeyboardButton(text=i18n.get("crm-back"), callback_data=MemberCb(
        action=MemberAction.show, user_id=target.id).pack()))
    return builder.as_markup()
