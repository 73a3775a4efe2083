"""The bench: a page of developers, one developer's buttons."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_crm import (
    BenchAction,
    BenchCb,
    BenchField,
    BenchFieldCb,
    BenchPickCb,
    PipeAction,
    PipeCb,
)
from bot.callbacks_fit import DevFitAction, DevFitCb
from bot.callbacks_pages import Listing
from bot.i18n import I18n
from bot.keyboards.pager import Page, add_pager
from crm.bench_fields import ENGLISH_LEVELS
from db.records.bench import BenchRecord
from db.records.feed import GRADES, ROLE_FAMILIES
from db.records.pipeline import PipelineCardRecord

NAME_MAX = 30
# The fields picked with buttons; a button's index past the options means "none".
CHOICES: dict[BenchField, tuple[str, ...]] = {
    BenchField.roles: ROLE_FAMILIES, BenchField.grade: GRADES, BenchField.english: ENGLISH_LEVELS,
}


def bench_kb(devs: Sequence[BenchRecord], page: Page, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for dev in devs:
        grade = f" · {i18n.get(f'grade-{dev.grade}')}" if dev.grade else ""
        builder.button(text=dev.name[:NAME_MAX] + grade,
                       callback_data=BenchCb(action=BenchAction.show, developer_id=dev.id))
    builder.adjust(1)
    add_pager(builder, page, Listing.bench, i18n)
    builder.row(InlineKeyboardButton(text=i18n.get("crm-bench-add"), callback_data=BenchCb(
        action=BenchAction.add).pack()))
    return builder.as_markup()


def developer_kb(dev: BenchRecord, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("crm-dev-requests"),
                   callback_data=BenchCb(action=BenchAction.requests, developer_id=dev.id))
    builder.button(text=i18n.get("crm-dev-edit"),
                   callback_data=BenchCb(action=BenchAction.edit, developer_id=dev.id))
    builder.button(text=i18n.get("fit-btn-status"),
                   callback_data=DevFitCb(action=DevFitAction.show, developer_id=dev.id))
    if dev.active:
        builder.button(text=i18n.get("crm-dev-off"),
                       callback_data=BenchCb(action=BenchAction.off, developer_id=dev.id))
    builder.button(text=i18n.get("crm-back"), callback_data=BenchCb(action=BenchAction.page))
    builder.adjust(1)
    return builder.as_markup()


def bench_fields_kb(dev: BenchRecord, i18n: I18n) -> InlineKeyboardMarkup:
    """The edit picker: one button per field, then back to the developer."""
    builder = InlineKeyboardBuilder()
    for field in BenchField:
        builder.button(text=i18n.get(f"crm-field-{field.value}"),
                       callback_data=BenchFieldCb(developer_id=dev.id, field=field))
    builder.button(text=i18n.get("crm-back"),
                   callback_data=BenchCb(action=BenchAction.show, developer_id=dev.id))
    builder.adjust(3, 3, 3, 1)
    return builder.as_markup()


def bench_choice_kb(field: BenchField, i18n: I18n) -> InlineKeyboardMarkup:
    """The options of a button-picked field; English may also be left unknown."""
    options = CHOICES[field]
    builder = InlineKeyboardBuilder()
    for index, value in enumerate(options):
        builder.button(text=choice_label(field, value, i18n),
                       callback_data=BenchPickCb(field=field, index=index))
    if field == BenchField.english:
        builder.button(text=i18n.get("crm-none"),
                       callback_data=BenchPickCb(field=field, index=len(options)))
    builder.adjust(4 if field == BenchField.english else 3)
    return builder.as_markup()


def choice_label(field: BenchField, value: str, i18n: I18n) -> str:
    if field == BenchField.roles:
        return i18n.get(f"role-{value}")
    if field == BenchField.grade:
        return i18n.get(f"grade-{value}")
    return i18n.get("crm-english-native") if value == "native" else value


def fitting_requests_kb(
    developer_id: int, cards: Sequence[PipelineCardRecord], i18n: I18n
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for card in cards:
        builder.button(text=f"#{card.id} {card.title[:NAME_MAX]}",
                       callback_data=PipeCb(action=PipeAction.open, card_id=card.id))
    builder.button(text=i18n.get("crm-back"),
                   callback_data=BenchCb(action=BenchAction.show, developer_id=developer_id))
    builder.adjust(1)
    return builder.as_markup()
