"""Tasks on a request (add, /tasks, done) and notes on a client."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks_crm import ClientAction, ClientCb, PipeAction, PipeCb, TaskCb
from bot.callbacks_pages import Listing, ListPageCb
from bot.handlers.asking import AskAndSave
from bot.handlers.common import edit
from bot.i18n import I18n
from bot.keyboards.crm_notes import client_kb, tasks_kb
from bot.keyboards.pager import Page, with_pager
from bot.views.crm import client_text, tasks_text
from crm import clients, notes
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)
TASKS_PAGE = 10


class TaskStates(StatesGroup):
    title = State()


class ClientNoteStates(StatesGroup):
    text = State()


TASK = AskAndSave(TaskStates.title, "crm-task-ask", "card_id")  # a bad due time: asked again
CLIENT_NOTE = AskAndSave(ClientNoteStates.text, "crm-note-ask", "client_id")


@router.callback_query(PipeCb.filter(F.action == PipeAction.task))
async def ask_task(
    query: CallbackQuery, callback_data: PipeCb, state: FSMContext, i18n: I18n
) -> None:
    await TASK.ask(query, state, i18n, callback_data.card_id)


@router.message(TaskStates.title, F.text)
async def save_task(
    message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    async with TASK.saving(state) as card_id:
        title, due_at = notes.parse_task(message.text or "", user.timezone)
        await notes.add_task(uow, user, card_id, title, due_at)
    await message.answer(i18n.get("crm-task-saved"))


async def tasks_view(
    uow: UnitOfWork, user: UserRecord, i18n: I18n, number: int = 0
) -> tuple[str, InlineKeyboardMarkup]:
    tasks = await notes.my_tasks(uow, user)
    page = Page(number, len(tasks), size=TASKS_PAGE)
    shown = page.slice(tasks)
    return (tasks_text(shown, i18n, user.timezone, total=len(tasks)),
            with_pager(tasks_kb(shown, i18n), page, Listing.tasks, i18n))


@router.message(Command("tasks"))
async def show_tasks(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    text, markup = await tasks_view(uow, user, i18n)
    await message.answer(text, reply_markup=markup)


@router.callback_query(ListPageCb.filter(F.listing == Listing.tasks))
async def page_tasks(
    query: CallbackQuery, callback_data: ListPageCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    await edit(query, *await tasks_view(uow, user, i18n, callback_data.page))
    await query.answer()


@router.callback_query(TaskCb.filter())
async def finish_task(
    query: CallbackQuery, callback_data: TaskCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    await notes.complete_task(uow, user, callback_data.task_id)
    await edit(query, *await tasks_view(uow, user, i18n))
    await query.answer(i18n.get("crm-task-closed"))


@router.callback_query(ClientCb.filter(F.action == ClientAction.note))
async def ask_client_note(
    query: CallbackQuery, callback_data: ClientCb, state: FSMContext, i18n: I18n
) -> None:
    await CLIENT_NOTE.ask(query, state, i18n, callback_data.client_id)


@router.message(ClientNoteStates.text, F.text)
async def save_client_note(
    message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    async with CLIENT_NOTE.saving(state) as client_id:
        await notes.add_client_note(uow, user, client_id, message.text or "")
    view = await clients.card(uow, user, client_id)
    await message.answer(client_text(view, i18n), reply_markup=client_kb(client_id, i18n))

