from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class SearchStates(StatesGroup):
    phrase = State()


class SettingsStates(StatesGroup):
    email = State()


class SourceStates(StatesGroup):
    ref = State()
