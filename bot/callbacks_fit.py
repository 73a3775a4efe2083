"""Callback data of bench-fit pushes and their screens: ids and enums only."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.callback_types import Id, Index, Page


class FitAction(StrEnum):
    reject = "reject"  # not a fit
    open = "open"  # the request's card
    show = "show"  # the fit as a push (from a digest or the list)


class FitCb(CallbackData, prefix="ft"):
    action: FitAction
    fit_id: Id


class FitListCb(CallbackData, prefix="fa"):
    page: Page = 0
    reply: bool = False  # a new message (from a digest, which stays as it was) or an edit


class FitPrefsAction(StrEnum):
    show = "show"
    threshold = "threshold"  # index into THRESHOLDS; past the end: the default
    quiet = "quiet"  # index into QUIET_HOURS
    pause = "pause"
    resume = "resume"


class FitPrefsCb(CallbackData, prefix="fp"):
    action: FitPrefsAction
    index: Index = 0


class DevFitAction(StrEnum):
    show = "show"  # owner and status of a developer
    owners = "owners"  # the owner picker
    owner = "owner"  # `user_id` becomes the owner
    busy = "busy"
    free = "free"
    confirm = "confirm"  # still free (bench freshness)
    placed = "placed"  # off the bench


class DevFitCb(CallbackData, prefix="df"):
    action: DevFitAction
    developer_id: Id
    user_id: Id = 0
