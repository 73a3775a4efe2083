"""The lost-reason picker and 'my' (or the team's) requests."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_crm import LostCb, LostReason, MyCb, PipeAction, PipeCb, Stage
from bot.i18n import I18n
from db.records.pipeline import PipelineCardRecord

TITLE_MAX = 40


def lost_reasons_kb(card_id: int, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for reason in LostReason:
        builder.button(text=i18n.get(f"crm-lost-{reason.value}"),
                       callback_data=LostCb(card_id=card_id, reason=reason))
    builder.button(text=i18n.get("crm-back"),
                   callback_data=PipeCb(action=PipeAction.open, card_id=card_id))
    builder.adjust(2)
    return builder.as_markup()


def my_requests_kb(
    cards: Sequence[PipelineCardRecord], stages: Sequence[str], i18n: I18n, *, team: bool = False
) -> InlineKeyboardBuilder:
    """One button per card (opens it), then a stage filter row (of /team when `team`);
    a builder, so the caller can put the pager under it."""
    builder = InlineKeyboardBuilder()
    for card in cards:
        title = (card.title or i18n.get("card-untitled"))[:TITLE_MAX]
        builder.button(text=f"{title} · {i18n.get(f'stage-{card.stage}')}",
                       callback_data=PipeCb(action=PipeAction.open, card_id=card.id))
    for stage in stages:
        builder.button(text=i18n.get(f"stage-{stage}"),
                       callback_data=MyCb(stage=Stage(stage), team=team))
    builder.button(text=i18n.get("crm-my-all"), callback_data=MyCb(team=team))
    builder.adjust(*([1] * len(cards)), 3)
    return builder
