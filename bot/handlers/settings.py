"""/settings: language, email pushes and address, timezone."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MenuAction, MenuCb, SettingsAction, SettingsCb
from bot.commands import set_user_commands
from bot.handlers.common import edit, send_prompt
from bot.i18n import LANGUAGES, I18n, Translator
from bot.keyboards.settings import TIMEZONES, settings_kb, timezones_kb
from bot.views.settings import settings_text
from crm import digests, users
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)
Switch = Callable[[UnitOfWork, UserRecord, bool], Awaitable[UserRecord]]


class SettingsStates(StatesGroup):
    email = State()


@router.message(Command("settings"))
async def cmd_settings(message: Message, user: UserRecord, i18n: I18n) -> None:
    await message.answer(settings_text(user, i18n), reply_markup=settings_kb(user, i18n))


@router.callback_query(MenuCb.filter(F.action == MenuAction.settings))
@router.callback_query(SettingsCb.filter(F.action == SettingsAction.show))
async def show_settings(query: CallbackQuery, user: UserRecord, i18n: I18n) -> None:
    await edit(query, settings_text(user, i18n), settings_kb(user, i18n))
    await query.answer()


@router.callback_query(SettingsCb.filter(F.action == SettingsAction.language))
async def set_language(
    query: CallbackQuery, callback_data: SettingsCb, uow: UnitOfWork, user: UserRecord,
    translator: Translator,
) -> None:
    language = LANGUAGES[callback_data.index % len(LANGUAGES)]
    updated = await users.set_language(uow, user, language)
    i18n = translator.pick(updated.language)
    if query.bot is not None:
        await set_user_commands(query.bot, updated, i18n)  # the command list speaks it too
    await edit(query, settings_text(updated, i18n), settings_kb(updated, i18n))
    await query.answer(i18n.get("settings-saved"))


# Each on/off button: the crm use case that stores it, and which way it turns.
_SWITCHES: dict[SettingsAction, tuple[Switch, bool]] = {
    SettingsAction.email_on: (users.set_email_enabled, True),
    SettingsAction.email_off: (users.set_email_enabled, False),
    SettingsAction.digest_on: (digests.set_enabled, True),
    SettingsAction.digest_off: (digests.set_enabled, False),
}


@router.callback_query(SettingsCb.filter(F.action.in_(set(_SWITCHES))))
async def toggle_setting(
    query: CallbackQuery, callback_data: SettingsCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    switch, enabled = _SWITCHES[callback_data.action]
    updated = await switch(uow, user, enabled)
    await edit(query, settings_text(updated, i18n), settings_kb(updated, i18n))
    await query.answer(i18n.get("settings-saved"))


@router.callback_query(SettingsCb.filter(F.action == SettingsAction.email_set))
async def ask_email(query: CallbackQuery, i18n: I18n, state: FSMContext) -> None:
    await state.set_state(SettingsStates.email)
    await query.answer()
    if isinstance(query.message, Message):
        await send_prompt(query.message, i18n.get("settings-email-ask"), i18n)


@router.message(SettingsStates.email, F.text)
async def email_entered(
    message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n, state: FSMContext
) -> None:
    # A bad address is answered by handlers/errors.py and keeps the prompt open for another try.
    updated = await users.set_email(uow, user, message.text or "")
    await state.clear()
    await message.answer(settings_text(updated, i18n), reply_markup=settings_kb(updated, i18n))


@router.callback_query(SettingsCb.filter(F.action == SettingsAction.timezones))
async def show_timezones(query: CallbackQuery, user: UserRecord, i18n: I18n) -> None:
    await edit(query, i18n.get("settings-timezone-ask"), timezones_kb(user, i18n))
    await query.answer()


@router.callback_query(SettingsCb.filter(F.action == SettingsAction.timezone))
async def set_timezone(
    query: CallbackQuery, callback_data: SettingsCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    zone = TIMEZONES[callback_data.index % len(TIMEZONES)]
    updated = await users.set_timezone(uow, user, zone)
    await edit(query, settings_text(updated, i18n), settings_kb(updated, i18n))
    await query.answer(i18n.get("settings-saved"))
