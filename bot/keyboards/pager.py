"""One pager for every list that can grow: a slice, its "21–40 of 132" label, ◀ / ▶."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_pages import Listing, ListPageCb
from bot.i18n import I18n

PAGE_SIZE = 20
T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    """Page `number` (from 0) of `size` items out of `total`; a number past the end is clamped."""

    number: int
    total: int
    size: int = PAGE_SIZE

    def __post_init__(self) -> None:
        last = max(0, (self.total - 1) // self.size)
        object.__setattr__(self, "number", min(max(0, self.number), last))

    @property
    def offset(self) -> int:
        return self.number * self.size

    @property
    def has_prev(self) -> bool:
        return self.number > 0

    @property
    def has_next(self) -> bool:
        return self.offset + self.size < self.total

    def slice(self, items: Sequence[T]) -> list[T]:
        return list(items[self.offset:self.offset + self.size])


def page_label(page: Page, i18n: I18n) -> str:
    first = page.offset + 1 if page.total else 0
    last = min(page.offset + page.size, page.total)
    return i18n.get("pager-range", first=first, last=last, total=page.total)


def pager_row(
    page: Page, listing: Listing, i18n: I18n, key: int = 0
) -> list[InlineKeyboardButton]:
    """◀, the range, ▶ as one row; nothing when everything fits on one page."""
    if not (page.has_prev or page.has_next):
        return []

    def to(text: str, number: int) -> InlineKeyboardButton:
        data = ListPageCb(listing=listing, page=number, key=key).pack()
        return InlineKeyboardButton(text=text, callback_data=data)

    row = [to(i18n.get("crm-prev"), page.number - 1)] if page.has_prev else []
    row.append(to(page_label(page, i18n), page.number))
    if page.has_next:
        row.append(to(i18n.get("crm-next"), page.number + 1))
    return row


def add_pager(
    builder: InlineKeyboardBuilder, page: Page, listing: Listing, i18n: I18n, key: int = 0
) -> None:
    """Appends the pager row under whatever `builder` already laid out (call after adjust)."""
    row = pager_row(page, listing, i18n, key)
    if row:
        builder.row(*row)


def with_pager(
    markup: InlineKeyboardMarkup, page: Page, listing: Listing, i18n: I18n, key: int = 0
) -> InlineKeyboardMarkup:
    """A finished keyboard with the pager row added under it (for builders that return a
    markup rather than a builder)."""
    row = pager_row(page, listing, i18n, key)
    if not row:
        return markup
    return InlineKeyboardMarkup(inline_keyboard=[*markup.inline_keyboard, row])
