"""Open tasks with their 'done' buttons, the client card's buttons."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_crm import ClientAction, ClientCb, TaskCb
from bot.i18n import I18n
from db.records.pipeline import TaskRecord

TITLE_MAX = 40


def tasks_kb(tasks: Sequence[TaskRecord], i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for task in tasks:
        builder.button(text=i18n.get("crm-task-done", title=task.title[:TITLE_MAX]),
                       callback_data=TaskCb(task_id=task.id))
    builder.adjust(1)
    return builder.as_markup()


def client_kb(client_id: int, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("crm-action-note"),
                   callback_data=ClientCb(action=ClientAction.note, client_id=client_id))
    return builder.as_markup()
