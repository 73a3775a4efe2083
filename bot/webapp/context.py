"""What every Mini App route needs, kept once on the aiohttp app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import I18n, Translator
from bot.webapp.settings import MiniAppSettings
from crm.interviews import ReminderPlanner
from db.records.users import UserRecord
from db.uow import UnitOfWork


@dataclass(frozen=True)
class MiniAppContext:
    bot: Bot
    session_factory: async_sessionmaker[AsyncSession]
    redis: Any
    translator: Translator
    settings: MiniAppSettings
    # Interview reminders (the bot's CrmJobs); None where no scheduler runs.
    planner: ReminderPlanner | None = None

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)


CONTEXT = web.AppKey("miniapp_context", MiniAppContext)
USER = web.RequestKey("miniapp_user", UserRecord)


def context_of(request: web.Request) -> MiniAppContext:
    return request.app[CONTEXT]


def user_of(request: web.Request) -> UserRecord:
    """The caller, authenticated by the initData middleware."""
    user: UserRecord = request[USER]
    return user


def i18n_of(request: web.Request) -> I18n:
    return context_of(request).translator.pick(user_of(request).language)
