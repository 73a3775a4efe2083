"""Background work that starts and stops with the bot: the matcher and delivery workers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from aiogram import Bot
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.fit_worker import run_fit_matcher
from bot.delivery.pacing import SendPacer
from bot.delivery.senders import ChannelSender, EmailSender, TelegramSender
from bot.delivery.workers import run_delivery, run_matcher
from bot.i18n import Translator
from crm.fit_settings import FitSettings
from crm.mail import Mailer
from crm.outbox import DeliveryPolicy

log = logging.getLogger(__name__)


class Workers:
    def __init__(
        self, bot: Bot, session_factory: async_sessionmaker[AsyncSession], redis: Any,
        mailer: Mailer, translator: Translator, delivery_workers: int = 2,
        fit_settings: FitSettings | None = None,
        policy: DeliveryPolicy | None = None,
    ) -> None:
        self._fit_settings = fit_settings  # None: no bench-fit matcher in this process
        self._session_factory, self._redis = session_factory, redis
        self._count = delivery_workers
        self._policy = policy or DeliveryPolicy()
        # One pacer for all workers: together they stay under Telegram's ~30 messages/s.
        telegram = TelegramSender(bot, translator, SendPacer(), self._policy.send_timeout)
        self.sender = ChannelSender(telegram, EmailSender(mailer, translator))
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._stop.clear()
        self._tasks = [asyncio.create_task(
            run_matcher(self._session_factory, self._redis, self._stop), name="search-matcher"
        )]
        self._tasks += [
            asyncio.create_task(
                run_delivery(self._session_factory, self._redis, self.sender, self._stop,
                             self._policy, name=f"delivery-{n}"),
                name=f"delivery-{n}",
            )
            for n in range(self._count)
        ]
        if self._fit_settings is not None:
            self._tasks.append(asyncio.create_task(run_fit_matcher(
                self._session_factory, self._redis, self._fit_settings, self._stop,
            ), name="bench-fit-matcher"))

    async def stop(self, grace: float = 5.0) -> None:
        """Asks the loops to finish their current item, then cancels what is still running."""
        self._stop.set()
        _, pending = await asyncio.wait(self._tasks, timeout=grace) if self._tasks else ((), ())
        for task in pending:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                try:
                    await task
                except Exception:  # the loops catch their own errors: this is a real bug
                    log.exception("worker %s ended with an error", task.get_name())
        self._tasks = []

    def kill(self) -> None:
        """Cancels at once, mid-send if need be: what a killed process looks like to the DB."""
        for task in self._tasks:
            task.cancel()
