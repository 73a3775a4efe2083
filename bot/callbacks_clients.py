"""Callback data of /clients and the client card: ids and enums only."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.callback_types import Id, Index, Page


class Lifecycle(StrEnum):
    new = "new"
    active = "active"
    returning = "returning"
    dormant = "dormant"
    lost = "lost"


class Segment(StrEnum):
    champion = "champion"
    loyal = "loyal"
    big_spender = "big_spender"
    promising = "promising"
    need_attention = "need_attention"
    hibernating = "hibernating"
    lost = "lost"


class ClientsCb(CallbackData, prefix="cs"):
    """A page of /clients filtered by lifecycle and/or segment (None: all)."""

    page: Page = 0
    lifecycle: Lifecycle | None = None
    segment: Segment | None = None
    pick_segment: bool = False  # show the segment picker instead of the list's buttons


class ProfileAction(StrEnum):
    open = "open"
    take = "take"
    rename = "rename"  # asks for the name
    merge = "merge"  # asks for the other client's number
    contact = "contact"  # asks for the contact
    split_off = "split"  # opens the key picker


class ProfileCb(CallbackData, prefix="cp"):
    action: ProfileAction
    client_id: Id


class SplitCb(CallbackData, prefix="cx"):
    """Split off the client's key at `index` (of crm.client_views.split_keys' order)."""

    client_id: Id
    index: Index
