"""Callback data of the team screens and of handing a card over: ids and enums only."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.callback_types import Id, Page


class TeamAction(StrEnum):
    list = "list"
    show = "show"  # a team's members
    create = "create"  # asks for the name
    rename = "rename"  # asks for the new name


class MemberAction(StrEnum):
    show = "show"  # a user's card with the actions below
    teams = "teams"  # the team picker for a move
    move = "move"
    role = "role"
    deactivate = "deactivate"


class TeamCb(CallbackData, prefix="tmx"):
    action: TeamAction
    team_id: Id = 0


class MemberCb(CallbackData, prefix="mb"):
    """`value`: the team id of a move, the index into USER_ROLES of a role change."""

    action: MemberAction
    user_id: Id
    value: Id = 0


class SourceScopeCb(CallbackData, prefix="ssc"):
    """The source scope editor of a user: `source_id` 0 shows page `page`, else toggles it."""

    user_id: Id
    source_id: Id = 0
    page: Page = 0


class ReassignCb(CallbackData, prefix="ra"):
    """`user_id` 0 opens the picker of the card's team members."""

    card_id: Id
    user_id: Id = 0
