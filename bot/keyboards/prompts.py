from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks_ui import PromptAction, PromptCb
from bot.i18n import I18n


def with_cancel(i18n: I18n, markup: InlineKeyboardMarkup | None = None) -> InlineKeyboardMarkup:
    """A prompt's own buttons (if any) with a Cancel row under them."""
    rows = list(markup.inline_keyboard) if markup is not None else []
    cancel = InlineKeyboardButton(
        text=i18n.get("prompt-cancel"),
        callback_data=PromptCb(action=PromptAction.cancel).pack(),
    )
    return InlineKeyboardMarkup(inline_keyboard=[*rows, [cancel]])
