"""Every text the bot sends is cut to Telegram's limit at a safe point (bot/views/fit.py).

Views that can grow without bound (a card with many sources, a long list) cut themselves where
it reads best; this is the net under all of them, so no message is rejected for its length.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import EditMessageText, SendMessage, TelegramMethod

from bot.views.html_cut import cut_html


class HtmlCutMiddleware(BaseRequestMiddleware):
    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot,
        method: TelegramMethod[Any],
    ) -> Any:
        if isinstance(method, SendMessage | EditMessageText) and method.text:
            method.text = cut_html(method.text)
        return await make_request(bot, method)
