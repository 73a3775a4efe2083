"""bot/screens.py is the one index of the bot's screens; these checks keep it true."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import StatesGroup

import bot
from bot.screens import SCREENS


def _defined_in(package_prefix: str, base: type) -> set[type]:
    found: set[type] = set()
    for info in pkgutil.walk_packages(bot.__path__, "bot."):
        if not info.name.startswith(package_prefix):
            continue
        module = importlib.import_module(info.name)
        found |= {
            value for value in vars(module).values()
            if inspect.isclass(value) and issubclass(value, base) and value is not base
            and value.__module__ == module.__name__
        }
    return found


class TestScreenIndex:
    def test_every_callback_class_belongs_to_a_screen(self) -> None:
        listed = {cb for screen in SCREENS for cb in screen.callbacks}
        assert _defined_in("bot.callbacks", CallbackData) - listed == set()

    def test_every_prompt_state_is_listed_with_its_own_handlers(self) -> None:
        listed = {group for screen in SCREENS for group in screen.states}
        assert _defined_in("bot.", StatesGroup) == listed
        for screen in SCREENS:
            for group in screen.states:
                assert group.__module__ == screen.handlers.__name__

    def test_each_screen_handles_its_callbacks_and_draws_with_its_keyboards(self) -> None:
        for screen in SCREENS:
            source = inspect.getsource(screen.handlers)
            for cb in screen.callbacks:
                assert f"{cb.__name__}.filter" in source, (screen.handlers.__name__, cb)
            for keyboards in screen.keyboards:
                assert f"bot.keyboards.{keyboards} import" in source, (
                    screen.handlers.__name__, keyboards)
