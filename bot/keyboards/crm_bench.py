"""The bench: a page of developers, one developer's buttons."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_crm import BenchAction, BenchCb
from bot.i18n import I18n
from db.records.bench import BenchRecord

NAME_MAX = 30


def bench_kb(
    devs: Sequence[BenchRecord], page: int, total: int, size: int, i18n: I18n
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for dev in devs:
        grade = f" · {i18n.get(f'grade-{dev.grade}')}" if dev.grade else ""
        builder.button(text=dev.name[:NAME_MAX] + grade,
                       callback_data=BenchCb(action=BenchAction.show, developer_id=dev.id))
    nav = 0
    if page > 0:
        builder.button(text=i18n.get("crm-prev"),
                       callback_data=BenchCb(action=BenchAction.page, page=page - 1))
        nav += 1
    if (page + 1) * size < total:
        builder.button(text=i18n.get("crm-next"),
                       callback_data=BenchCb(action=BenchAction.page, page=page + 1))
        nav += 1
    builder.button(text=i18n.get("crm-bench-add"), callback_data=BenchCb(action=BenchAction.add))
    builder.adjust(*([1] * len(devs)), *([nav] if nav else []), 1)
    return builder.as_markup()


def developer_kb(dev: BenchRecord, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("crm-dev-requests"),
                   callback_data=BenchCb(action=BenchAction.requests, developer_id=dev.id))
    if dev.active:
        builder.button(text=i18n.get("crm-dev-off"),
                       callback_data=BenchCb(action=BenchAction.off, developer_id=dev.id))
    builder.button(text=i18n.get("crm-back"), callback_data=BenchCb(action=BenchAction.page))
    builder.adjust(1)
    return builder.as_markup()
