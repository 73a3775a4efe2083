"""The bench's guided add form and the one-field edit of a developer.

Both keep what was typed (raw text, JSON-safe for the FSM storage) and parse it with the same
`parse_field`; the form saves once, after the last step, so nothing is ever half-saved.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks_crm import BenchAction, BenchCb, BenchField, BenchFieldCb, BenchPickCb
from bot.handlers.common import edit, send_prompt
from bot.i18n import I18n
from bot.keyboards.crm_bench import CHOICES, bench_choice_kb, bench_fields_kb, developer_kb
from bot.views.crm import developer_text
from crm import bench
from crm.bench_fields import (
    ENGLISH_LEVELS,
    NAME_MAX,
    parse_choice,
    parse_date,
    parse_rate,
    parse_url,
    split_list,
)
from crm.crm_errors import CrmInputError
from db.records.bench import BenchDraft
from db.records.feed import GRADES, ROLE_FAMILIES
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)
SKIP = "-"
NOW_WORDS = frozenset({"now", "сейчас"})
FORM_ORDER: tuple[BenchField, ...] = (
    BenchField.name, BenchField.stack, BenchField.grade, BenchField.rate, BenchField.roles,
    BenchField.available, BenchField.english, BenchField.location, BenchField.cv,
)


class BenchForm(StatesGroup):
    """One state per step, named after its BenchField."""

    name = State()
    stack = State()
    grade = State()
    rate = State()
    roles = State()
    available = State()
    english = State()
    location = State()
    cv = State()


class BenchEdit(StatesGroup):
    value = State()  # data: developer_id, field


def parse_field(field: BenchField, raw: str, timezone: str) -> dict[str, Any]:
    """The BenchDraft changes one answer makes; CrmInputError (with a code) if it is invalid."""
    text = raw.strip()
    skip = text == SKIP
    if field == BenchField.name:
        name = " ".join(text.split())
        if not name or len(name) > NAME_MAX:
            raise CrmInputError("bad_name", raw)
        return {"name": name}
    if field == BenchField.stack:
        return {"stack": () if skip else split_list(text)}
    if field == BenchField.grade:
        return {"grade": None if skip else parse_choice(text, GRADES, "bad_grade")}
    if field == BenchField.roles:
        return {"roles": () if skip else (parse_choice(text, ROLE_FAMILIES, "bad_role"),)}
    if field == BenchField.english:
        return {"english_level": None if skip else parse_choice(text, ENGLISH_LEVELS,
                                                                 "bad_english")}
    if field == BenchField.rate:
        amount, currency, period = (None, None, None) if skip else parse_rate(text)
        return {"rate_min": amount, "rate_max": None, "rate_currency": currency,
                "rate_period": period}
    if field == BenchField.available:
        if skip:
            return {"available_from": None}
        if text.lower() in NOW_WORDS:
            return {"available_from": datetime.now(ZoneInfo(timezone)).date()}
        return {"available_from": parse_date(text)}
    if field == BenchField.location:
        return {"location": None if skip else text}
    return {"cv_url": None if skip else parse_url(text)}


def prompt(field: BenchField, i18n: I18n) -> str:
    return i18n.get(f"crm-form-{field.value}", grades=", ".join(GRADES))


async def ask(message: Message, field: BenchField, i18n: I18n, hint: str | None = None) -> None:
    text = prompt(field, i18n) if hint is None else f"{hint}\n{prompt(field, i18n)}"
    markup = bench_choice_kb(field, i18n) if field in CHOICES else None
    await send_prompt(message, text, i18n, markup)


async def current_field(state: FSMContext) -> tuple[BenchField, int | None]:
    """(the field being asked, the developer being edited or None in the add form)."""
    raw = await state.get_state() or ""
    if raw == BenchEdit.value.state:
        data = await state.get_data()
        return BenchField(data["field"]), int(data["developer_id"])
    return BenchField(raw.rsplit(":", 1)[-1]), None


@router.callback_query(BenchCb.filter(F.action == BenchAction.add))
async def start_form(query: CallbackQuery, state: FSMContext, i18n: I18n) -> None:
    await state.set_state(BenchForm.name)
    await state.update_data(answers={})
    if isinstance(query.message, Message):
        await ask(query.message, BenchField.name, i18n)
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


@router.message(StateFilter(BenchForm, BenchEdit), F.text)
async def typed_answer(
    message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    await accept(message, message.text or "", state, uow, user, i18n)


@router.callback_query(StateFilter(BenchForm, BenchEdit), BenchPickCb.filter())
async def picked_answer(
    query: CallbackQuery, callback_data: BenchPickCb, state: FSMContext, uow: UnitOfWork,
    user: UserRecord, i18n: I18n,
) -> None:
    field, _ = await current_field(state)
    options = CHOICES.get(callback_data.field, ())
    if field == callback_data.field and options and isinstance(query.message, Message):
        raw = options[callback_data.index] if callback_data.index < len(options) else SKIP
        await accept(query.message, raw, state, uow, user, i18n)
    await query.answer()


async def accept(
    message: Message, raw: str, state: FSMContext, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    """Checks one answer: a hint and the same question again, the next step, or the save."""
    field, developer_id = await current_field(state)
    try:
        changes = parse_field(field, raw, user.timezone)
    except CrmInputError as error:
        await ask(message, field, i18n, hint=error_text(error, i18n))
        return
    if developer_id is not None:
        dev = await bench.edit(uow, user, developer_id, **changes)
        await state.clear()
        await message.answer(developer_text(dev, i18n), reply_markup=developer_kb(dev, i18n))
        return
    answers = {**(await state.get_data()).get("answers", {}), field.value: raw}
    following = FORM_ORDER[FORM_ORDER.index(field) + 1:]
    if following:
        await state.update_data(answers=answers)
        await state.set_state(getattr(BenchForm, following[0].value))
        await ask(message, following[0], i18n)
        return
    values: dict[str, Any] = {}
    for step in FORM_ORDER:
        values.update(parse_field(step, answers[step.value], user.timezone))
    dev = await bench.add(uow, user, BenchDraft(**values))
    await state.clear()
    await message.answer(developer_text(dev, i18n), reply_markup=developer_kb(dev, i18n))


def error_text(error: CrmInputError, i18n: I18n) -> str:
    key = f"crm-error-{error.code}"
    return i18n.get(key) if i18n.has(key) else i18n.get("crm-error-generic")
