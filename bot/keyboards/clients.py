"""/clients (filters and paging) and the client card's buttons: pure builders."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_clients import (
    ClientsCb,
    Lifecycle,
    ProfileAction,
    ProfileCb,
    Segment,
    SplitCb,
)
from bot.callbacks_outreach import OutreachAction, OutreachCb
from bot.i18n import I18n
from db.records.client_profiles import ClientPageRecord, ClientProfileRecord

NAME_SHOWN = 48


def segment_picker_kb(lifecycle: Lifecycle | None, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for segment in Segment:
        builder.button(text=i18n.get(f"clients-segment-{segment.value}"),
                       callback_data=ClientsCb(lifecycle=lifecycle, segment=segment))
    builder.button(text=i18n.get("clients-segment-all"),
                   callback_data=ClientsCb(lifecycle=lifecycle))
    builder.adjust(2)
    return builder.as_markup()


def clients_kb(page: ClientPageRecord, lifecycle: Lifecycle | None, segment: Segment | None,
               i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for row in page.rows:
        mark = "⚠ " if row.at_risk else ""
        builder.button(text=f"{mark}{row.name[:NAME_SHOWN]} · {row.requests}",
                       callback_data=ProfileCb(action=ProfileAction.open, client_id=row.id))
    sizes = [1] * len(page.rows)
    for stage in Lifecycle:
        chosen = "• " if stage == lifecycle else ""
        builder.button(text=chosen + i18n.get(f"clients-lifecycle-{stage.value}"),
                       callback_data=ClientsCb(lifecycle=None if stage == lifecycle else stage,
                                               segment=segment))
    sizes += [3, 2]
    chosen_segment = (i18n.get(f"clients-segment-{segment.value}") if segment
                      else i18n.get("clients-segment-all"))
    builder.button(text=i18n.get("clients-segment-pick", segment=chosen_segment),
                   callback_data=ClientsCb(lifecycle=lifecycle, segment=segment,
                                           pick_segment=True))
    sizes.append(1)
    nav = 0
    if page.page > 0:
        builder.button(text="◀", callback_data=ClientsCb(page=page.page - 1, lifecycle=lifecycle,
                                                         segment=segment))
        nav += 1
    if page.page + 1 < page.pages:
        builder.button(text="▶", callback_data=ClientsCb(page=page.page + 1, lifecycle=lifecycle,
                                                         segment=segment))
        nav += 1
    if nav:
        sizes.append(nav)
    builder.adjust(*sizes)
    return builder.as_markup()


def profile_kb(profile: ClientProfileRecord, user_id: int, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if profile.owner_user_id != user_id:
        builder.button(text=i18n.get("clients-take"),
                       callback_data=ProfileCb(action=ProfileAction.take, client_id=profile.id))
    for action in (ProfileAction.rename, ProfileAction.merge, ProfileAction.contact,
                   ProfileAction.split_off):
        builder.button(text=i18n.get(f"clients-{action.value}"),
                       callback_data=ProfileCb(action=action, client_id=profile.id))
    builder.button(text=i18n.get("outreach-reach-out"), callback_data=OutreachCb(
        action=OutreachAction.client, client_id=profile.id))
    if profile.segment:
        builder.button(text=i18n.get("clients-same-segment"),
                       callback_data=ClientsCb(segment=Segment(profile.segment)))
    builder.adjust(1, 2, 2, 1, 1)
    return builder.as_markup()


def split_kb(client_id: int, keys: list[tuple[str, str]], i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for index, (kind, value) in enumerate(keys):
        builder.button(text=f"{i18n.get('clients-key-' + kind)}: {value}"[:64],
                       callback_data=SplitCb(client_id=client_id, index=index))
    builder.button(text=i18n.get("clients-back"),
                   callback_data=ProfileCb(action=ProfileAction.open, client_id=client_id))
    builder.adjust(1)
    return builder.as_markup()
