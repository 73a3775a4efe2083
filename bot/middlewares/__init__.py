from bot.middlewares.context import HandlerNameMiddleware, UpdateContext, UpdateContextMiddleware
from bot.middlewares.i18n import I18nMiddleware
from bot.middlewares.once import ONCE, OncePerPressMiddleware
from bot.middlewares.prompts import PromptExitMiddleware
from bot.middlewares.throttling import ThrottlingMiddleware
from bot.middlewares.uow import UnitOfWorkMiddleware
from bot.middlewares.user import UserMiddleware

__all__ = [
    "ONCE", "HandlerNameMiddleware", "I18nMiddleware", "OncePerPressMiddleware",
    "PromptExitMiddleware",
    "ThrottlingMiddleware", "UnitOfWorkMiddleware",
    "UpdateContext", "UpdateContextMiddleware", "UserMiddleware",
]
