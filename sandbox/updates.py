"""Pending updates: handed out by getUpdates long polls, or pushed to a webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from sandbox.wire import Upload, decode_body

logger = logging.getLogger(__name__)

# Telegram leaves these out unless they are asked for by name.
OPT_IN_UPDATE_TYPES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
WEBHOOK_RETRY_DELAY = 0.5
WEBHOOK_TIMEOUT = 10.0

Update = dict[str, Any]
WebhookReplyHandler = Callable[[dict[str, Any], dict[str, Upload]], Awaitable[None]]


def update_type(update: Update) -> str:
    return next(key for key in update if key != "update_id")


class UpdateQueue:
    def __init__(self) -> None:
        self._pending: list[Update] = []
        self._arrived = asyncio.Event()
        self.allowed_updates: list[str] | None = None
        self._closed = False

    def __len__(self) -> int:
        return len(self._pending)

    def push(self, update: Update) -> None:
        self._pending.append(update)
        self._wake()

    def _wake(self) -> None:
        # Waiters hold the old event; setting it wakes all of them at once.
        self._arrived.set()
        self._arrived = asyncio.Event()

    def close(self) -> None:
        self._closed = True
        self._wake()

    def drop_pending(self) -> None:
        self._pending.clear()

    def confirm(self, offset: int) -> None:
        """Forget updates below `offset`; a negative offset keeps only the last -offset."""
        if offset < 0:
            self._pending = self._pending[offset:]
        else:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]

    def set_allowed(self, allowed_updates: list[str] | None) -> None:
        # Like Telegram, the last explicit list sticks until the next one.
        if allowed_updates is not None:
            self.allowed_updates = list(allowed_updates)

    def _is_wanted(self, update: Update) -> bool:
        kind = update_type(update)
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in OPT_IN_UPDATE_TYPES

    def _available(self, limit: int) -> list[Update]:
        self._pending = [u for u in self._pending if self._is_wanted(u)]
        return self._pending[:limit]

    async def get(self, offset: int | None, limit: int, wait_seconds: float) -> list[Update]:
        """Confirm below `offset`, then return up to `limit` updates, waiting if none yet."""
        if offset:
            self.confirm(offset)
        deadline = time.monotonic() + wait_seconds
        while not (found := self._available(limit)) and not self._closed:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), remaining)
        return found

    async def next_update(self) -> Update:
        while not (found := self._available(1)):
            await self._arrived.wait()
        return found[0]


class WebhookDelivery:
    """POSTs pending updates one at a time, in order, retrying until the receiver says 2xx."""

    def __init__(
        self,
        queue: UpdateQueue,
        url: str,
        secret_token: str | None,
        on_reply: WebhookReplyHandler,
    ) -> None:
        self.queue = queue
        self.url = url
        self.secret_token = secret_token
        self.on_reply = on_reply
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self.delivered: list[Update] = []
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        headers = {}
        if self.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.secret_token
        timeout = aiohttp.ClientTimeout(total=WEBHOOK_TIMEOUT)
        async with aiohttp.ClientSession(timeout=timeout, headers=headers) as session:
            while True:
                update = await self.queue.next_update()
                if await self._deliver(session, update):
                    self.queue.confirm(update["update_id"] + 1)
                    self.delivered.append(update)
                else:
                    await asyncio.sleep(WEBHOOK_RETRY_DELAY)

    async def _deliver(self, session: aiohttp.ClientSession, update: Update) -> bool:
        try:
            async with session.post(self.url, json=update) as response:
                if response.status >= 300:
                    self._record_error(f"Wrong response from the webhook: {response.status}")
                    return False
                await self._handle_reply(response)
                return True
        except (aiohttp.ClientError, TimeoutError) as error:
            self._record_error(f"Connection failed: {error.__class__.__name__}")
            return False

    async def _handle_reply(self, response: aiohttp.ClientResponse) -> None:
        # A webhook may answer with one Bot API call in its response body, as Telegram allows.
        if response.content_type not in ("application/json", "multipart/form-data"):
            return
        params, uploads = await decode_body(
            response.content_type, response.headers, response.content, {}
        )
        if "method" in params:
            await self.on_reply(params, uploads)

    def _record_error(self, message: str) -> None:
        logger.info("webhook delivery failed: %s", message)
        self.last_error_date = int(time.time())
        self.last_error_message = message
