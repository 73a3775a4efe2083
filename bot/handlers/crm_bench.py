"""The bench: /bench list, a developer's card, a short add form, CSV upload, offer → bench."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks_crm import BenchAction, BenchCb, OfferCb
from bot.handlers.common import edit
from bot.i18n import I18n
from bot.keyboards.crm_bench import bench_kb, developer_kb
from bot.views.crm import bench_text, developer_text, esc
from crm import bench, bench_csv, proposals
from crm.bench_fields import parse_choice, parse_rate, split_list
from db.records.bench import BenchDraft
from db.records.feed import GRADES
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)
CSV_MAX_BYTES = 512 * 1024
ERRORS_SHOWN = 20


class BenchForm(StatesGroup):
    name = State()
    stack = State()
    grade = State()
    rate = State()


@router.message(Command("bench"))
async def show_bench(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    devs, total = await bench.page(uow, user)
    await message.answer(bench_text(devs, total, i18n),
                         reply_markup=bench_kb(devs, 0, total, bench.PAGE_SIZE, i18n))


@router.callback_query(BenchCb.filter(F.action == BenchAction.page))
async def page_bench(
    query: CallbackQuery, callback_data: BenchCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    devs, total = await bench.page(uow, user, callback_data.page)
    await edit(query, bench_text(devs, total, i18n),
               bench_kb(devs, callback_data.page, total, bench.PAGE_SIZE, i18n))
    await query.answer()


@router.callback_query(BenchCb.filter(F.action == BenchAction.show))
async def show_developer(
    query: CallbackQuery, callback_data: BenchCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    dev = await bench.get(uow, user, callback_data.developer_id)
    await edit(query, developer_text(dev, i18n), developer_kb(dev, i18n))
    await query.answer()


@router.callback_query(BenchCb.filter(F.action == BenchAction.off))
async def take_off_bench(
    query: CallbackQuery, callback_data: BenchCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    dev = await bench.set_active(uow, user, callback_data.developer_id, False)
    await edit(query, developer_text(dev, i18n), developer_kb(dev, i18n))
    await query.answer()


@router.callback_query(BenchCb.filter(F.action == BenchAction.requests))
async def show_fitting_requests(
    query: CallbackQuery, callback_data: BenchCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    found = await proposals.for_developer(uow, user, callback_data.developer_id)
    lines = [i18n.get("crm-fit-line", id=m.card.id, title=esc(m.card.title),
                      score=round(m.match.score * 100)) for m in found]
    if isinstance(query.message, Message):
        await query.message.answer("\n".join(lines) or i18n.get("crm-fit-none"))
    await query.answer()


@router.callback_query(OfferCb.filter())
async def offer_to_bench(
    query: CallbackQuery, callback_data: OfferCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    dev = await bench.from_offer(uow, user, callback_data.card_id)
    if isinstance(query.message, Message):
        await query.message.answer(developer_text(dev, i18n), reply_markup=developer_kb(dev, i18n))
    await query.answer(i18n.get("crm-bench-added"))


@router.callback_query(BenchCb.filter(F.action == BenchAction.add))
async def start_form(query: CallbackQuery, state: FSMContext, i18n: I18n) -> None:
    await state.set_state(BenchForm.name)
    if isinstance(query.message, Message):
        await query.message.answer(i18n.get("crm-form-name"))
    await query.answer()


@router.message(BenchForm.name, F.text)
async def form_name(message: Message, state: FSMContext, i18n: I18n) -> None:
    await state.update_data(name=message.text)
    await state.set_state(BenchForm.stack)
    await message.answer(i18n.get("crm-form-stack"))


@router.message(BenchForm.stack, F.text)
async def form_stack(message: Message, state: FSMContext, i18n: I18n) -> None:
    await state.update_data(stack=list(split_list(message.text or "")))
    await state.set_state(BenchForm.grade)
    await message.answer(i18n.get("crm-form-grade", grades=", ".join(GRADES)))


@router.message(BenchForm.grade, F.text)
async def form_grade(message: Message, state: FSMContext, i18n: I18n) -> None:
    grade = parse_choice(message.text or "", GRADES, "bad_grade")
    await state.update_data(grade=grade)
    await state.set_state(BenchForm.rate)
    await message.answer(i18n.get("crm-form-rate"))


@router.message(BenchForm.rate, F.text)
async def form_rate(
    message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    text = (message.text or "").strip()
    amount, currency, period = parse_rate(text) if text != "-" else (None, None, None)
    data = await state.get_data()
    dev = await bench.add(uow, user, BenchDraft(
        name=str(data["name"]), stack=tuple(data["stack"]), grade=data["grade"],
        rate_min=amount, rate_currency=currency, rate_period=period,
    ))
    await state.clear()
    await message.answer(developer_text(dev, i18n), reply_markup=developer_kb(dev, i18n))


@router.message(F.document.file_name.lower().endswith(".csv"))
async def import_csv(
    message: Message, bot: Bot, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    document = message.document
    if document is None or (document.file_size or 0) > CSV_MAX_BYTES:
        await message.answer(i18n.get("crm-csv-too-big"))
        return
    data = await bot.download(document)
    text = data.read().decode("utf-8-sig", errors="replace") if data else ""
    result = await bench_csv.import_csv(uow, user, text)
    lines = [i18n.get("crm-csv-done", added=len(result.added), failed=len(result.errors))]
    lines += [i18n.get("crm-csv-error", line=e.line, column=esc(e.column),
                       error=i18n.get(f"crm-error-{e.code}"))
              for e in result.errors[:ERRORS_SHOWN]]
    await message.answer("\n".join(lines))
