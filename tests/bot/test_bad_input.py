"""Forged button data and odd /start payloads: a polite answer, one WARNING, no traceback and
nothing changed."""

from __future__ import annotations

import importlib
import inspect
import logging
import pkgutil

import pytest
from aiogram.filters.callback_data import CallbackData

import bot
from tests.support.chat import ChatUser, TelegramHarness

FORGED = (
    "cd:full:9223372036854775808",  # card id beyond int64
    "bn:page:0:-5",  # a negative page
    "tm:1:0:99999:0",  # minute 99999 of a day
    "pg:-1:1",  # a cursor before the epoch
    "ss:delete:99999999999999999999999",
    "dy:1:400:0",
)


def _classes() -> list[type[CallbackData]]:
    """Every CallbackData class of every bot/callbacks*.py module, new ones included."""
    modules = [importlib.import_module(f"bot.{info.name}") for info in pkgutil.iter_modules(
        bot.__path__) if info.name.startswith("callbacks")]
    return [c for m in modules for _, c in inspect.getmembers(m, inspect.isclass)
            if issubclass(c, CallbackData) and c is not CallbackData]


class TestCallbackBounds:
    def test_every_callback_class_has_its_own_prefix(self) -> None:
        # Two classes on one prefix send one screen's presses to the other's handlers.
        prefixes = [c.__prefix__ for c in _classes()]
        assert sorted(p for p in set(prefixes) if prefixes.count(p) > 1) == []

    def test_every_number_in_callback_data_has_a_range(self) -> None:
        for cls in _classes():
            for name, field in cls.model_fields.items():
                if field.annotation is int:
                    bounds = [m for m in field.metadata if hasattr(m, "ge") or hasattr(m, "le")]
                    assert bounds, f"{cls.__name__}.{name} is an unbounded int"

    @pytest.mark.parametrize("data", FORGED)
    async def test_forged_numbers_get_a_polite_answer_and_no_traceback(
        self, manager: ChatUser, data: str, caplog: pytest.LogCaptureFixture,
    ) -> None:
        await manager.send("/start")
        message_id = manager.messages[-1].message_id
        with caplog.at_level(logging.WARNING):
            await manager.forge_press(message_id, data)
        assert manager.last_alert is not None and "устарела" in manager.last_alert
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
        assert any("matched no screen" in r.message for r in caplog.records)


class TestStartPayload:
    @pytest.mark.parametrize("payload", ["x\x00y", "x" * 300, "\ud800"])
    async def test_an_impossible_invite_code_is_refused_without_an_error(
        self, tg: TelegramHarness, payload: str, caplog: pytest.LogCaptureFixture,
    ) -> None:
        stranger = await tg.user(5005, "Eve")
        with caplog.at_level(logging.WARNING):
            await stranger.send(f"/start {payload}")
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert stranger.last_message.text  # the refusal, not an apology for a crash
        assert "ошибк" not in stranger.last_message.text.lower()
