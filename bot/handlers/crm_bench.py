"""The bench: /bench list, a developer's card, CSV upload, offer → bench (form: crm_bench_form)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.callbacks_crm import BenchAction, BenchCb, OfferCb
from bot.handlers.common import edit
from bot.i18n import I18n
from bot.keyboards.crm_bench import bench_kb, developer_kb
from bot.middlewares.once import ONCE
from bot.views.crm import bench_text, developer_text, esc
from crm import bench, bench_csv, proposals
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)
CSV_MAX_BYTES = 512 * 1024
ERRORS_SHOWN = 20


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


@router.callback_query(OfferCb.filter(), flags=ONCE)
async def offer_to_bench(
    query: CallbackQuery, callback_data: OfferCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    dev = await bench.from_offer(uow, user, callback_data.card_id)
    if isinstance(query.message, Message):
        await query.message.answer(developer_text(dev, i18n), reply_markup=developer_kb(dev, i18n))
    await query.answer(i18n.get("crm-bench-added"))


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
