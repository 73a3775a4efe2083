"""The bench's add form on one screen, and the one-field edit of a developer.

The form keeps what was typed (raw text, JSON-safe for the FSM storage), checks each field
when it is typed with the same `parse_field` as the edit, and saves once, on Save, so
nothing is ever half-saved.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks_bench import BenchFormCb, FormAction
from bot.callbacks_crm import BenchAction, BenchCb, BenchField, BenchFieldCb, BenchPickCb
from bot.handlers.common import edit, send_prompt
from bot.i18n import I18n
from bot.keyboards.bench_form import form_kb, form_text
from bot.keyboards.crm_bench import CHOICES, bench_choice_kb, bench_fields_kb, developer_kb
from bot.keyboards.prompts import with_cancel
from bot.views.crm import developer_text
from crm import bench
from crm.bench_input import SKIP, parse_answers, parse_field
from crm.errors import CrmInputError
from db.records.bench import BenchDraft
from db.records.feed import GRADES
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


class BenchForm(StatesGroup):
    screen = State()  # data: answers
    value = State()  # data: answers, field


class BenchEdit(StatesGroup):
    value = State()  # data: developer_id, field


def prompt(field: BenchField, i18n: I18n) -> str:
    return i18n.get(f"crm-form-{field.value}", grades=", ".join(GRADES))


async def ask(message: Message, field: BenchField, i18n: I18n, hint: str | None = None) -> None:
    text = prompt(field, i18n) if hint is None else f"{hint}\n{prompt(field, i18n)}"
    markup = bench_choice_kb(field, i18n) if field in CHOICES else None
    await send_prompt(message, text, i18n, markup)


async def answers_of(state: FSMContext) -> dict[str, str]:
    return dict((await state.get_data()).get("answers", {}))


@router.callback_query(BenchCb.filter(F.action == BenchAction.add))
async def start_form(query: CallbackQuery, state: FSMContext, i18n: I18n) -> None:
    await state.set_state(BenchForm.screen)
    await state.update_data(answers={})
    if isinstance(query.message, Message):
        await query.message.answer(form_text({}, i18n), reply_markup=form_kb({}, i18n))
    await query.answer()


@router.callback_query(StateFilter(BenchForm), BenchFormCb.filter(F.action == FormAction.fill))
async def fill_field(
    query: CallbackQuery, callback_data: BenchFormCb, state: FSMContext, i18n: I18n
) -> None:
    field = callback_data.field
    await state.set_state(BenchForm.value)
    await state.update_data(field=field.value)
    # The form's own message becomes the question (its buttons for a choice), so no stale
    # copy of the form stays pressable; a typed answer brings the form back below it.
    await edit(query, f"{prompt(field, i18n)}\n\n{i18n.get('prompt-how-to-cancel')}",
               with_cancel(i18n, bench_choice_kb(field, i18n) if field in CHOICES else None))
    await query.answer()


@router.callback_query(StateFilter(BenchForm), BenchFormCb.filter(F.action == FormAction.save))
async def save_form(
    query: CallbackQuery, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    answers = await answers_of(state)
    if "name" not in answers:
        await query.answer(i18n.get("bench-form-need-name"), show_alert=True)
        return
    dev = await bench.add(uow, user, BenchDraft(**parse_answers(answers, user.timezone)))
    await state.clear()
    await edit(query, developer_text(dev, i18n), developer_kb(dev, i18n))
    await query.answer(i18n.get("bench-form-saved"))


@router.callback_query(BenchFormCb.filter(F.action == FormAction.cancel))
async def cancel_form(query: CallbackQuery, state: FSMContext, i18n: I18n) -> None:
    await state.clear()
    await edit(query, i18n.get("bench-form-cancelled"))
    await query.answer()


@router.callback_query(BenchCb.filter(F.action == BenchAction.edit))
async def pick_field(
    query: CallbackQuery, callback_data: BenchCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    dev = await bench.get(uow, user, callback_data.developer_id)
    await edit(query, developer_text(dev, i18n), bench_fields_kb(dev, i18n))
    await query.answer()


@router.callback_query(BenchFieldCb.filter())
async def start_edit(
    query: CallbackQuery, callback_data: BenchFieldCb, state: FSMContext, i18n: I18n
) -> None:
    await state.set_state(BenchEdit.value)
    await state.update_data(developer_id=callback_data.developer_id,
                            field=callback_data.field.value)
    if isinstance(query.message, Message):
        await ask(query.message, callback_data.field, i18n)
    await query.answer()


@router.message(StateFilter(BenchForm.value, BenchEdit.value), F.text)
async def typed_answer(
    message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    await accept(message, message.text or "", state, uow, user, i18n, in_place=False)


@router.callback_query(StateFilter(BenchForm.value, BenchEdit.value), BenchPickCb.filter())
async def picked_answer(
    query: CallbackQuery, callback_data: BenchPickCb, state: FSMContext, uow: UnitOfWork,
    user: UserRecord, i18n: I18n,
) -> None:
    field = BenchField((await state.get_data())["field"])
    options = CHOICES.get(callback_data.field, ())
    if field == callback_data.field and options and isinstance(query.message, Message):
        raw = options[callback_data.index] if callback_data.index < len(options) else SKIP
        await accept(query.message, raw, state, uow, user, i18n, in_place=True)
    await query.answer()


async def accept(
    message: Message, raw: str, state: FSMContext, uow: UnitOfWork, user: UserRecord,
    i18n: I18n, *, in_place: bool,
) -> None:
    """Checks one answer: a hint and the same question again, the edit saved, or the form
    shown again with the answer in it (in the same message when it was picked there)."""
    data = await state.get_data()
    field = BenchField(data["field"])
    try:
        changes = parse_field(field, raw, user.timezone)
    except CrmInputError as error:
        await ask(message, field, i18n, hint=error_text(error, i18n))
        return
    if await state.get_state() == BenchEdit.value.state:
        dev = await bench.edit(uow, user, int(data["developer_id"]), **changes)
        await state.clear()
        await message.answer(developer_text(dev, i18n), reply_markup=developer_kb(dev, i18n))
        return
    answers = {**data.get("answers", {}), field.value: raw}
    await state.set_state(BenchForm.screen)
    await state.update_data(answers=answers)
    text, markup = form_text(answers, i18n), form_kb(answers, i18n)
    if in_place:
        await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


def error_text(error: CrmInputError, i18n: I18n) -> str:
    key = f"crm-error-{error.code}"
    return i18n.get(key) if i18n.has(key) else i18n.get("crm-error-generic")
