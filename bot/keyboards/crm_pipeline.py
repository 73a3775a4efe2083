"""The pipeline card's buttons, the lost-reason picker and 'my' (or the team's) requests."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_crm import LostCb, LostReason, MyCb, OfferCb, PipeAction, PipeCb, Stage, StageCb
from bot.i18n import I18n
from crm.pipeline import TRANSITIONS
from db.records.pipeline import PipelineCardRecord

TITLE_MAX = 40


def pipeline_kb(card: PipelineCardRecord, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if card.owner_user_id is None:
        builder.button(text=i18n.get("crm-take"),
                       callback_data=PipeCb(action=PipeAction.take, card_id=card.id))
    for stage in TRANSITIONS[card.stage]:
        if stage == "lost":
            builder.button(text=i18n.get("crm-to-lost"),
                           callback_data=PipeCb(action=PipeAction.lost, card_id=card.id))
        elif card.owner_user_id is not None:
            builder.button(text=i18n.get("crm-to-stage", stage=i18n.get(f"stage-{stage}")),
                           callback_data=StageCb(card_id=card.id, stage=Stage(stage)))
    actions = [PipeAction.match, PipeAction.interviews, PipeAction.client, PipeAction.note,
               PipeAction.task]
    for action in actions:
        builder.button(text=i18n.get(f"crm-action-{action.value}"),
                       callback_data=PipeCb(action=action, card_id=card.id))
    if card.kind == "offer":
        builder.button(text=i18n.get("crm-offer-to-bench"), callback_data=OfferCb(card_id=card.id))
    builder.adjust(2)
    return builder.as_markup()


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
) -> InlineKeyboardMarkup:
    """One button per card (opens it), then a stage filter row (of /team when `team`)."""
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
    return builder.as_markup()
