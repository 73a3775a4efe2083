"""Callback data of follow-up chains: ids and enums only."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.callback_types import Id


class OutreachAction(StrEnum):
    open = "o"  # the card's chains, or the preview of a new one
    client = "c"  # the same from a client: their newest open request
    edit = "e"
    send = "s"
    stop = "x"
    reply = "r"  # a manager marks the e-mail answer they got


class OutreachCb(CallbackData, prefix="ou"):
    action: OutreachAction
    card_id: Id = 0
    run_id: Id = 0
    client_id: Id = 0


class SearchOfferAction(StrEnum):
    on = "1"
    off = "0"


class SearchOfferCb(CallbackData, prefix="oss"):
    """Whether a saved search's pushes carry "Reach out"."""

    action: SearchOfferAction
    search_id: Id


class TemplateAction(StrEnum):
    retire = "r"
    edit = "e"


class TemplateCb(CallbackData, prefix="ot"):
    action: TemplateAction
    template_id: Id
