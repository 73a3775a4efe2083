"""/stats: pick a report, period, granularity and filters; get a photo album and CSVs."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InputMediaDocument,
    InputMediaPhoto,
    Message,
)

from analytics import reports
from analytics.records import PERIOD_DAYS, ChartFilters
from analytics.sources import visible_sources
from bot.callbacks import MenuAction, MenuCb
from bot.callbacks_stats import StatsAction, StatsCb, StatsField
from bot.handlers.common import chat_id, edit
from bot.i18n import I18n
from bot.keyboards.stats import after_album_kb, picker_kb, stats_kb
from bot.stats_state import FIXED, GRANULARITIES, REPORTS, StatsStore, choose, pick_index
from crm import feed
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)
CAPTION_LIMIT = 1024


@router.message(Command("stats"))
async def cmd_stats(message: Message, user: UserRecord, i18n: I18n, redis: Any) -> None:
    request, _ = await StatsStore(redis).load(user.id)
    await message.answer(i18n.get("stats-title"), reply_markup=stats_kb(request, i18n))


@router.callback_query(MenuCb.filter(F.action == MenuAction.stats))
@router.callback_query(StatsCb.filter(F.action == StatsAction.home))
async def show_pickers(query: CallbackQuery, user: UserRecord, i18n: I18n, redis: Any) -> None:
    request, _ = await StatsStore(redis).load(user.id)
    await edit(query, i18n.get("stats-title"), stats_kb(request, i18n))
    await query.answer()


@router.callback_query(StatsCb.filter(F.action.in_({
    StatsAction.report, StatsAction.period, StatsAction.granularity, StatsAction.reset})))
async def set_choice(
    query: CallbackQuery, callback_data: StatsCb, user: UserRecord, i18n: I18n, redis: Any
) -> None:
    store = StatsStore(redis)
    request, offered = await store.load(user.id)
    action, index = callback_data.action, callback_data.index
    if action is StatsAction.report and (report := pick_index(REPORTS, index)) is not None:
        request = replace(request, report=report)
    elif action is StatsAction.period and (days := pick_index(PERIOD_DAYS, index)) is not None:
        request = replace(request, period_days=days)
    elif action is StatsAction.granularity and (
            granularity := pick_index(GRANULARITIES, index)) is not None:
        request = replace(request, granularity=granularity)
    elif action is StatsAction.reset:
        request = replace(request, filters=ChartFilters())
    await store.save(user.id, request, offered)
    await edit(query, i18n.get("stats-title"), stats_kb(request, i18n))
    await query.answer()


async def _choices(
    field: StatsField, uow: UnitOfWork, user: UserRecord, i18n: I18n, chosen: tuple[Any, ...],
    offered: dict[str, list[Any]], refresh: bool,
) -> tuple[list[Any], list[str]]:
    """(values, button labels) of a picker; stacks and sources are looked up when it opens."""
    if field in FIXED:
        prefix = {"roles": "role", "grades": "grade", "formats": "format"}[field.value]
        values = list(FIXED[field])
        return values, [i18n.get(f"{prefix}-{v}") for v in values]
    if refresh:
        if field is StatsField.stack:
            offered["stack"] = list(dict.fromkeys((*chosen, *await feed.top_stacks(uow))))
        else:
            offered["sources"] = [list(s) for s in await visible_sources(uow, user)]
    if field is StatsField.stack:
        return list(offered.get("stack", [])), list(offered.get("stack", []))
    pairs = offered.get("sources", [])
    return [int(p[0]) for p in pairs], [str(p[1]) for p in pairs]


@router.callback_query(StatsCb.filter(F.action.in_({StatsAction.pick, StatsAction.toggle})))
async def pick_filter(
    query: CallbackQuery, callback_data: StatsCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n, redis: Any,
) -> None:
    store = StatsStore(redis)
    request, offered = await store.load(user.id)
    field = callback_data.field
    if field is StatsField.none:
        await query.answer()
        return
    name = "source_ids" if field is StatsField.sources else field.value
    values, labels = await _choices(field, uow, user, i18n, getattr(request.filters, name),
                                    offered, refresh=callback_data.action is StatsAction.pick)
    if callback_data.action is StatsAction.toggle:
        value = pick_index(tuple(values), callback_data.index)
        if value is not None:
            request = choose(request, field, value)
    await store.save(user.id, request, offered)
    chosen = set(getattr(request.filters, name))
    await edit(query, i18n.get(f"stats-picker-{field}"),
               picker_kb(field, labels, [v in chosen for v in values], i18n))
    await query.answer()


@router.callback_query(StatsCb.filter(F.action == StatsAction.show))
async def send_report(
    query: CallbackQuery, bot: Bot, uow: UnitOfWork, user: UserRecord, i18n: I18n, redis: Any,
) -> None:
    request, _ = await StatsStore(redis).load(user.id)
    await query.answer(i18n.get("stats-drawing"))
    report = await reports.build(uow, user, request, i18n.get, i18n.language)
    chat = chat_id(query)
    captions = [report.summary, *(c.caption for c in report.charts if c.caption)]
    if report.failed:
        captions.append(i18n.get("stats-failed", count=len(report.failed)))
    caption = "\n\n".join(captions)[:CAPTION_LIMIT]
    photos = [BufferedInputFile(c.png, f"{c.key.value}.png") for c in report.charts]
    if len(photos) == 1:
        await bot.send_photo(chat, photos[0], caption=caption, parse_mode=None)
    elif photos:
        await bot.send_media_group(chat, [
            InputMediaPhoto(media=p, caption=caption if n == 0 else None, parse_mode=None)
            for n, p in enumerate(photos[:10])
        ])
    await bot.send_message(chat, i18n.get("stats-after"), reply_markup=after_album_kb(i18n))


@router.callback_query(StatsCb.filter(F.action == StatsAction.csv))
async def send_csv(
    query: CallbackQuery, bot: Bot, uow: UnitOfWork, user: UserRecord, i18n: I18n, redis: Any,
) -> None:
    request, _ = await StatsStore(redis).load(user.id)
    await query.answer()
    files = [BufferedInputFile(data, name)
             for name, data in await reports.csv_tables(uow, user, request, i18n.get)]
    chat = chat_id(query)
    if len(files) == 1:
        await bot.send_document(chat, files[0])
    else:
        await bot.send_media_group(chat, [InputMediaDocument(media=f) for f in files[:10]])
