"""Callback data: one class per screen, ids and enums only (pack() rejects over 64 bytes)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.callback_types import Id, Index, Micros


class MenuAction(StrEnum):
    """One per menu button; each value is also the command it stands for (bot/roles.py)."""

    feed = "feed"
    searches = "searches"
    settings = "settings"
    my = "my"
    tasks = "tasks"
    bench = "bench"
    team = "team"
    sources = "sources"
    invite = "invite"
    users = "users"
    help = "help"
    interviews = "interviews"
    teams = "teams"
    stats = "stats"
    clients = "clients"


class FeedAction(StrEnum):
    show = "show"
    filters = "filters"
    reset = "reset"
    save = "save"


class FilterField(StrEnum):
    kind = "kind"
    roles = "roles"
    stack = "stack"
    grades = "grades"
    formats = "formats"
    rate = "rate"
    period = "period"


class CardAction(StrEnum):
    full = "full"
    correct = "correct"
    take = "take"
    hide = "hide"
    back = "back"


class CorrectField(StrEnum):
    kind = "kind"
    roles = "roles"
    grades = "grades"
    formats = "formats"


class SearchAction(StrEnum):
    list = "list"
    pause = "pause"
    resume = "resume"
    delete = "delete"  # asks first
    delete_confirmed = "delete_yes"
    phrase = "phrase"


class SettingsAction(StrEnum):
    show = "show"
    language = "language"
    email_on = "email_on"
    email_off = "email_off"
    email_set = "email_set"
    timezones = "timezones"
    timezone = "timezone"
    digest_on = "digest_on"
    digest_off = "digest_off"


class Role(StrEnum):
    admin = "admin"
    lead = "lead"
    manager = "manager"


class MenuCb(CallbackData, prefix="mn"):
    action: MenuAction


class FeedCb(CallbackData, prefix="fd"):
    action: FeedAction


class FilterCb(CallbackData, prefix="fl"):
    """index -1 opens the picker of `field`; otherwise it toggles that vocabulary entry."""

    field: FilterField
    index: Index = -1


class PageCb(CallbackData, prefix="pg"):
    """The next feed page starts below this (first_seen_at in µs since the epoch, card id)."""

    ts: Micros
    card_id: Id


class CardCb(CallbackData, prefix="cd"):
    action: CardAction
    card_id: Id


class CorrectCb(CallbackData, prefix="cr"):
    card_id: Id
    field: CorrectField
    index: Index = -1


class SearchCb(CallbackData, prefix="ss"):
    action: SearchAction
    search_id: Id = 0


class SettingsCb(CallbackData, prefix="st"):
    action: SettingsAction
    index: Index = 0


class InviteCb(CallbackData, prefix="iv"):
    role: Role


class ScopeCb(CallbackData, prefix="sc"):
    """Admin scope editor: index -1 shows the user's scope, -2 resets it, else toggles a role."""

    user_id: Id
    index: Index = -1
