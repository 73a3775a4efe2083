"""Callback data of /stats: which picker, which entry (an index into a fixed vocabulary)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.callback_types import Index


class StatsAction(StrEnum):
    home = "home"  # the picker screen
    report = "report"
    period = "period"
    granularity = "granularity"
    pick = "pick"  # open the filter picker of `field`
    toggle = "toggle"  # toggle entry `index` of `field`
    reset = "reset"
    show = "show"  # draw and send the album
    csv = "csv"


class StatsField(StrEnum):
    none = "none"
    roles = "roles"
    stack = "stack"
    grades = "grades"
    formats = "formats"
    sources = "sources"


class StatsCb(CallbackData, prefix="sa"):
    action: StatsAction
    field: StatsField = StatsField.none
    index: Index = 0
