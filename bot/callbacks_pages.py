"""The one pager's callback data: which list, which page, and what the list is of."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.callback_types import Id, Page


class Listing(StrEnum):
    my = "my"
    team = "team"
    bench = "bench"
    sources = "sources"
    searches = "searches"
    tasks = "tasks"
    matches = "matches"
    users = "users"
    teams = "teams"
    interviews = "interviews"
    full_text = "full_text"
    team_members = "team_members"
    source_scope = "source_scope"


class ListPageCb(CallbackData, prefix="lp"):
    """`key`: what the list is of where that varies: the card of a match list or a full text,
    the stage filter of /my and /team (index into STAGES plus one; 0 is every stage)."""

    listing: Listing
    page: Page = 0
    key: Id = 0
