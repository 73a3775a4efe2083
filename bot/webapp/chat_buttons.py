"""The Mini App's hooks in the chat, at the Bot API session: every card message the bot sends
is remembered (so a move in the Mini App can edit it), and card and CRM screens in private
chats get an "Open in app" web_app button. Done here once rather than in each handler, so
screens need not know the Mini App's URL.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import EditMessageReplyMarkup, EditMessageText, SendMessage, TelegramMethod
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message, WebAppInfo
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.callbacks import CardCb
from bot.callbacks_crm import MyCb, PipeCb
from bot.i18n import Translator
from crm import card_messages
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

log = logging.getLogger(__name__)
MARKUP_METHODS = (SendMessage, EditMessageText, EditMessageReplyMarkup)


def card_of(markup: InlineKeyboardMarkup | None) -> tuple[int, str] | None:
    """(card id, screen) when the keyboard is a feed card's or a pipeline card's."""
    datas = [b.callback_data for row in (markup.inline_keyboard if markup else ())
             for b in row if b.callback_data]
    for prefix, screen, parse in (("cd:", "feed", CardCb), ("pp:", "pipeline", PipeCb)):
        for data in datas:
            if data.startswith(prefix):
                return parse.unpack(data).card_id, screen
    return None


def is_crm_screen(markup: InlineKeyboardMarkup | None) -> bool:
    datas = [b.callback_data or "" for row in (markup.inline_keyboard if markup else ())
             for b in row]
    return card_of(markup) is not None or any(d.startswith(MyCb.__prefix__ + ":") for d in datas)


def app_url(base: str, card_id: int | None) -> str:
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}card={card_id}" if card_id is not None else base


class ChatButtonsMiddleware(BaseRequestMiddleware):
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], translator: Translator,
        webapp_url: str,
    ) -> None:
        self._session_factory = session_factory
        self._translator = translator
        self._url = webapp_url

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot,
        method: TelegramMethod[Any],
    ) -> Any:
        if not isinstance(method, MARKUP_METHODS) or not isinstance(
            method.reply_markup, InlineKeyboardMarkup | None
        ) or not is_crm_screen(method.reply_markup) or not _private(method.chat_id):
            return await make_request(bot, method)
        found = card_of(method.reply_markup)
        language = await self._language(int(method.chat_id or 0))
        if language is not None:
            method = method.model_copy(update={"reply_markup": self._with_button(
                method.reply_markup, found[0] if found else None, language)})
        sent = await make_request(bot, method)
        if found and isinstance(sent, Message) and not isinstance(method, EditMessageReplyMarkup):
            await card_messages.remember(
                UnitOfWork(self._session_factory), sent.chat.id, found[0], sent.chat.id,
                sent.message_id, found[1],
            )
        return sent

    async def _language(self, tg_user_id: int) -> str | None:
        async with UnitOfWork(self._session_factory) as uow:
            user = await uow.repo(UserRepo).by_tg_id(tg_user_id)
        return user.language if user is not None and user.active else None

    def _with_button(
        self, markup: InlineKeyboardMarkup | None, card_id: int | None, language: str
    ) -> InlineKeyboardMarkup:
        i18n = self._translator.pick(language)
        rows = [row for row in (markup.inline_keyboard if markup else ())
                if not any(b.web_app for b in row)]
        button = InlineKeyboardButton(text=i18n.get("miniapp-open-in-app"),
                                      web_app=WebAppInfo(url=app_url(self._url, card_id)))
        return InlineKeyboardMarkup(inline_keyboard=[*rows, [button]])


def _private(chat_id: int | str | None) -> bool:
    # Telegram allows web_app inline buttons only in private chats (positive chat ids).
    return isinstance(chat_id, int) and chat_id > 0
