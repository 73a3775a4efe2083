"""Unpacking every button of a keyboard, as the keyboard unit tests check them."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup


def unpack_all(
    markup: InlineKeyboardMarkup, classes: tuple[type[CallbackData], ...],
    *, untranslated_prefix: str | None = None,
) -> list[CallbackData]:
    """Each button's callback data fits Telegram's 64 bytes and unpacks into one of `classes`;
    with `untranslated_prefix`, no button shows a raw locale key starting with it."""
    found = []
    for row in markup.inline_keyboard:
        for button in row:
            data = button.callback_data
            assert data is not None and len(data.encode()) <= 64
            prefix = data.split(":")[0]
            cls = next(c for c in classes if c.__prefix__ == prefix)
            found.append(cls.unpack(data))
            if untranslated_prefix is not None:
                assert not button.text.startswith(untranslated_prefix), (
                    f"missing text {button.text}"
                )
    return found
