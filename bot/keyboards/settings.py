from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import SettingsAction, SettingsCb
from bot.i18n import LANGUAGES, I18n
from db.records.users import UserRecord

TIMEZONES: tuple[str, ...] = (
    "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg",
    "Asia/Novosibirsk", "Asia/Vladivostok", "Europe/Minsk", "Asia/Almaty", "Asia/Tbilisi",
    "Europe/Belgrade", "Europe/Berlin", "UTC",
)


def settings_kb(user: UserRecord, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for index, language in enumerate(LANGUAGES):
        mark = "✓ " if language == user.language else ""
        builder.button(
            text=mark + i18n.get(f"language-{language}"),
            callback_data=SettingsCb(action=SettingsAction.language, index=index),
        )
    if user.email_enabled:
        builder.button(
            text=i18n.get("settings-email-off"),
            callback_data=SettingsCb(action=SettingsAction.email_off),
        )
    elif user.email:
        builder.button(
            text=i18n.get("settings-email-on"),
            callback_data=SettingsCb(action=SettingsAction.email_on),
        )
    builder.button(
        text=i18n.get("settings-email-set"),
        callback_data=SettingsCb(action=SettingsAction.email_set),
    )
    builder.button(
        text=i18n.get("settings-timezone"),
        callback_data=SettingsCb(action=SettingsAction.timezones),
    )
    digest = SettingsAction.digest_off if user.digest_enabled else SettingsAction.digest_on
    builder.button(text=i18n.get(f"settings-{digest.value.replace('_', '-')}"),
                   callback_data=SettingsCb(action=digest))
    builder.adjust(len(LANGUAGES), 1)
    return builder.as_markup()


def timezones_kb(user: UserRecord, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for index, zone in enumerate(TIMEZONES):
        mark = "✓ " if zone == user.timezone else ""
        builder.button(
            text=mark + zone, callback_data=SettingsCb(action=SettingsAction.timezone, index=index)
        )
    back = SettingsCb(action=SettingsAction.show)
    builder.button(text=i18n.get("picker-done"), callback_data=back)
    builder.adjust(2)
    return builder.as_markup()
