"""A bench developer's owner and status (busy, free, placed), and the freshness reminder's
buttons; reached from the developer's card and from the reminder."""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.types import CallbackQuery

from bot.callbacks_fit import DevFitAction, DevFitCb
from bot.handlers.common import edit
from bot.i18n import I18n
from bot.keyboards.bench_fit import developer_status_kb, owners_kb
from bot.views.bench_fit import developer_status_text
from crm import bench, bench_owner
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


async def _show(query: CallbackQuery, uow: UnitOfWork, user: UserRecord, i18n: I18n,
                developer_id: int) -> None:
    dev, owner = await bench_owner.status(uow, user, developer_id)
    await edit(query, developer_status_text(dev, owner, i18n), developer_status_kb(dev, i18n))


@router.callback_query(DevFitCb.filter(F.action == DevFitAction.show))
async def show_status(
    query: CallbackQuery, callback_data: DevFitCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    await _show(query, uow, user, i18n, callback_data.developer_id)
    await query.answer()


@router.callback_query(DevFitCb.filter(F.action == DevFitAction.owners))
async def pick_owner(
    query: CallbackQuery, callback_data: DevFitCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    dev, people = await bench_owner.owner_choices(uow, user, callback_data.developer_id)
    text = i18n.get("fit-owner-pick", developer=html.escape(dev.name))
    await edit(query, text, owners_kb(dev, people, i18n))
    await query.answer()


@router.callback_query(DevFitCb.filter(F.action.in_({
    DevFitAction.owner, DevFitAction.busy, DevFitAction.free, DevFitAction.confirm,
    DevFitAction.placed,
})))
async def change_status(
    query: CallbackQuery, callback_data: DevFitCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    dev_id, action = callback_data.developer_id, callback_data.action
    if action is DevFitAction.owner:
        await bench_owner.set_owner(uow, user, dev_id, callback_data.user_id)
    elif action is DevFitAction.placed:
        await bench.set_active(uow, user, dev_id, False)
    elif action is DevFitAction.confirm:
        await bench_owner.confirm(uow, user, dev_id)
    else:
        await bench_owner.set_busy(uow, user, dev_id, action is DevFitAction.busy)
    await _show(query, uow, user, i18n, dev_id)
    await query.answer(i18n.get("settings-saved"))
