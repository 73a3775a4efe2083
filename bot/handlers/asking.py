"""Ask and save: a button asks for one typed answer about one object, the next text saves it.

The note on a request, the task on a request and the note on a client are this one flow; each
handler module declares its `AskAndSave` beside its states, and its two handlers stay named
verbs (ask_note, save_note) that call `ask` and `saving`. A command or Cancel ends any prompt
(bot/middlewares/prompts.py, handlers/prompts.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery

from bot.handlers.common import ask
from bot.i18n import I18n


@dataclass(frozen=True)
class AskAndSave:
    """`key`: the name the object's id is kept under while the prompt waits.
    `retry`: a refused answer (a CrmError) keeps the prompt open for another try; without it
    the prompt ends before the answer is saved."""

    state: State
    prompt_key: str
    key: str
    retry: bool = True

    async def ask(self, query: CallbackQuery, state: FSMContext, i18n: I18n, about: int) -> None:
        await ask(query, state, self.state, i18n.get(self.prompt_key), i18n, **{self.key: about})

    @asynccontextmanager
    async def saving(self, state: FSMContext) -> AsyncIterator[int]:
        """The id the prompt is about; the prompt ends when the block saves without error."""
        about = int((await state.get_data())[self.key])
        if not self.retry:
            await state.clear()
        yield about
        await state.clear()
