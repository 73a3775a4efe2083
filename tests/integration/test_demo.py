"""`make demo` end to end, in process: the seeded admin's /start is answered through the
sandbox, and the replayed demo history reaches them as pushes of their saved searches."""

from __future__ import annotations

import socket
from typing import Any

from db.engine import make_engine, make_session_factory
from db.runtime import Database
from sandbox import ApiCall
from scripts import demo
from scripts.settings import DemoSettings
from tests.fakes.classifier import FakeClassifier


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _text(call: ApiCall) -> str:
    return str(call.params.get("text", ""))


class TestDemo:
    async def test_start_is_answered_and_history_is_pushed(
        self, database_url: str, session_factory: Any, redis: Any
    ) -> None:
        engine = make_engine(database_url, pool_size=5)
        database = Database(database_url, engine, make_session_factory(engine), embedded=False)
        settings = DemoSettings(
            DEMO_PORT=_free_port(), DEMO_MINIAPP_PORT=_free_port(), DEMO_POST_INTERVAL=0
        )
        running = await demo.start(
            settings, database=database, redis=redis, classifier=FakeClassifier()
        )
        try:
            emulator = running.emulator
            push = await emulator.wait_for(
                "sendMessage", lambda c: _text(c).startswith("🔔"), timeout=30, since=0
            )
            assert push.params["chat_id"] == settings.user_id
            since = len(emulator.calls)
            emulator.send_text(settings.user_id, "/start")
            answer = await emulator.wait_for(
                "sendMessage", lambda c: "Anna" in _text(c), timeout=15, since=since
            )
            assert answer.params["reply_markup"]["inline_keyboard"]
        finally:
            await running.close()
