"""The CRM card's buttons: only those the viewer may press (crm.dossier.Rights)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import CardAction, CardCb
from bot.callbacks_crm import OfferCb, PipeAction, PipeCb, Stage, StageCb
from bot.callbacks_outreach import OutreachAction, OutreachCb
from bot.callbacks_pages import Listing, ListPageCb
from bot.callbacks_teams import ReassignCb
from bot.i18n import I18n
from crm.dossier import CardDossier
from crm.pipeline import TRANSITIONS
from db.records.users import UserRecord


def dossier_kb(d: CardDossier, viewer: UserRecord, i18n: I18n) -> InlineKeyboardMarkup:
    card, rights = d.card, d.rights
    builder = InlineKeyboardBuilder()
    if rights.take:
        builder.button(text=i18n.get("crm-take"),
                       callback_data=PipeCb(action=PipeAction.take, card_id=card.id))
    # Stage moves of an unowned card wait for someone to take it (taking is the first move).
    if rights.manage and card.owner_user_id is not None:
        for stage in TRANSITIONS[card.stage]:
            if stage == "lost":
                builder.button(text=i18n.get("crm-to-lost"),
                               callback_data=PipeCb(action=PipeAction.lost, card_id=card.id))
            else:
                builder.button(text=i18n.get("crm-to-stage", stage=i18n.get(f"stage-{stage}")),
                               callback_data=StageCb(card_id=card.id, stage=Stage(stage)))
    actions = [PipeAction.note, PipeAction.task]
    if rights.manage or rights.take:
        actions.insert(0, PipeAction.match)
    if d.interviews:
        actions.append(PipeAction.interviews)
    if rights.manage:
        actions.append(PipeAction.client)
    for action in actions:
        builder.button(text=i18n.get(f"crm-action-{action.value}"),
                       callback_data=PipeCb(action=action, card_id=card.id))
    if rights.manage and card.kind == "request":
        builder.button(text=i18n.get("outreach-reach-out"),
                       callback_data=OutreachCb(action=OutreachAction.open, card_id=card.id))
    if rights.reassign:
        builder.button(text=i18n.get("crm-card-reassign"),
                       callback_data=ReassignCb(card_id=card.id))
    if card.kind == "offer":
        builder.button(text=i18n.get("crm-offer-to-bench"), callback_data=OfferCb(card_id=card.id))
    builder.adjust(2)
    mine = card.owner_user_id == viewer.id or not viewer.is_lead
    builder.row(
        InlineKeyboardButton(
            text=i18n.get("crm-card-to-list" if mine else "crm-card-to-team"),
            callback_data=ListPageCb(listing=Listing.my if mine else Listing.team).pack()),
        InlineKeyboardButton(text=i18n.get("crm-card-labelled"), callback_data=CardCb(
            action=CardAction.back, card_id=card.id).pack()),
    )
    return builder.as_markup()
