"""The one-screen bench form: fill a field, save, cancel; ids and enums only."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.callback_types import Id, Index
from bot.callbacks_crm import BenchField


class FormAction(StrEnum):
    fill = "fill"
    save = "save"
    cancel = "cancel"


class BenchFormCb(CallbackData, prefix="bfo"):
    action: FormAction
    field: BenchField = BenchField.name


class OfferPersonCb(CallbackData, prefix="op"):
    """Draft `index` of a multi-person offer: `keep` adds it, otherwise it is skipped."""

    card_id: Id
    index: Index
    keep: bool = False
