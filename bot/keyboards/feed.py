from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import FeedAction, FeedCb, FilterCb, FilterField, PageCb
from bot.feed_filters import options, selected
from bot.i18n import I18n
from bot.views.feed import option_label
from db.records.feed import FeedCursor, FeedFilters

CHECK = "✓ "
PICKER_COLUMNS = {FilterField.stack: 3, FilterField.roles: 3}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def filters_kb(i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for field in FilterField:
        builder.button(text=i18n.get(f"filter-{field.value}"), callback_data=FilterCb(field=field))
    builder.button(text=i18n.get("feed-show"), callback_data=FeedCb(action=FeedAction.show))
    builder.button(text=i18n.get("feed-reset"), callback_data=FeedCb(action=FeedAction.reset))
    builder.button(text=i18n.get("feed-save"), callback_data=FeedCb(action=FeedAction.save))
    builder.adjust(4, 3, 1, 2)
    return builder.as_markup()


def picker_kb(
    field: FilterField, filters: FeedFilters, offered_stacks: tuple[str, ...], i18n: I18n
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    chosen = selected(filters, field, offered_stacks)
    for index, value in enumerate(options(field, offered_stacks)):
        mark = CHECK if index in chosen else ""
        builder.button(
            text=mark + option_label(i18n, field, value),
            callback_data=FilterCb(field=field, index=index),
        )
    builder.adjust(PICKER_COLUMNS.get(field, 2))
    done = FeedCb(action=FeedAction.filters).pack()
    builder.row(InlineKeyboardButton(text=i18n.get("picker-done"), callback_data=done))
    return builder.as_markup()


def cursor_to_cb(cursor: FeedCursor) -> PageCb:
    # Integer microseconds: a float timestamp could round and skip or repeat a card.
    micros = (cursor.first_seen_at - EPOCH) // timedelta(microseconds=1)
    return PageCb(ts=micros, card_id=cursor.card_id)


def cb_to_cursor(data: PageCb) -> FeedCursor:
    return FeedCursor(EPOCH + timedelta(microseconds=data.ts), data.card_id)


def more_kb(cursor: FeedCursor | None, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if cursor is not None:
        builder.button(text=i18n.get("feed-more"), callback_data=cursor_to_cb(cursor))
    builder.button(text=i18n.get("feed-filters"), callback_data=FeedCb(action=FeedAction.filters))
    builder.adjust(1)
    return builder.as_markup()
