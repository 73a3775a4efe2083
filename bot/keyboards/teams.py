"""Team screens: the list of teams, a team's members, a user's card, pickers; all paged."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import ScopeCb
from bot.callbacks_pages import Listing
from bot.callbacks_teams import MemberAction, MemberCb, SourceScopeCb, TeamAction, TeamCb
from bot.i18n import I18n
from bot.keyboards.pager import Page, add_pager
from db.records.sources import SourceRecord
from db.records.teams import TeamRecord
from db.records.users import UserRecord
from vocabulary import USER_ROLES

NAME_MAX = 30


def _row(text: str, data: MemberCb | TeamCb | SourceScopeCb | ScopeCb) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def teams_kb(teams: Sequence[TeamRecord], i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for team in teams:
        builder.button(text=f"{team.name[:NAME_MAX]} · {team.members}",
                       callback_data=TeamCb(action=TeamAction.show, team_id=team.id))
    builder.button(text=i18n.get("teams-create"), callback_data=TeamCb(action=TeamAction.create))
    builder.adjust(1)
    return builder.as_markup()


def people_kb(
    people: Sequence[UserRecord], page: Page, listing: Listing, i18n: I18n, *,
    team_id: int = 0,
) -> InlineKeyboardMarkup:
    """A page of people (the users list, or a team's members with its rename/back buttons)."""
    builder = InlineKeyboardBuilder()
    for person in page.slice(people):
        off = " ⛔" if not person.active else ""
        builder.button(
            text=f"{(person.first_name or str(person.tg_user_id))[:NAME_MAX]} · "
                 f"{i18n.get(f'user-role-{person.role}')}{off}",
            callback_data=MemberCb(action=MemberAction.show, user_id=person.id))
    builder.adjust(1)
    add_pager(builder, page, listing, i18n, key=team_id)
    if team_id:
        builder.row(_row(i18n.get("teams-rename"), TeamCb(action=TeamAction.rename,
                                                         team_id=team_id)),
                    _row(i18n.get("teams-back"), TeamCb(action=TeamAction.list)))
    return builder.as_markup()


def member_kb(target: UserRecord, viewer: UserRecord, i18n: I18n) -> InlineKeyboardMarkup:
    """Only what the admin may do to this user: nobody demotes or switches off themselves."""
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("teams-move"),
                   callback_data=MemberCb(action=MemberAction.teams, user_id=target.id))
    if target.id != viewer.id:
        for index, role in enumerate(USER_ROLES):
            if role != target.role:
                builder.button(
                    text=i18n.get("teams-role", role=i18n.get(f"user-role-{role}")),
                    callback_data=MemberCb(action=MemberAction.role, user_id=target.id,
                                           value=index))
        if target.active:
            builder.button(text=i18n.get("teams-deactivate"), callback_data=MemberCb(
                action=MemberAction.deactivate, user_id=target.id))
    builder.button(text=i18n.get("scope-roles-edit"), callback_data=ScopeCb(user_id=target.id))
    builder.button(text=i18n.get("teams-sources"),
                   callback_data=SourceScopeCb(user_id=target.id))
    builder.adjust(1, 2, 1, 2)
    if target.team_id:
        builder.row(_row(i18n.get("teams-to-team"), TeamCb(action=TeamAction.show,
                                                           team_id=target.team_id)))
    return builder.as_markup()


def team_picker_kb(target: UserRecord, teams: Sequence[TeamRecord], i18n: I18n
                   ) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for team in teams:
        mark = "✓ " if team.id == target.team_id else ""
        builder.button(text=mark + team.name[:NAME_MAX], callback_data=MemberCb(
            action=MemberAction.move, user_id=target.id, value=team.id))
    builder.button(text=i18n.get("crm-back"),
                   callback_data=MemberCb(action=MemberAction.show, user_id=target.id))
    builder.adjust(2)
    return builder.as_markup()


def source_scope_kb(
    target: UserRecord, sources: Sequence[SourceRecord], page: Page, i18n: I18n
) -> InlineKeyboardMarkup:
    """The role-scope editor's look for sources: ✓ what the user sees, one tap toggles."""
    seen = (set(target.scope_source_ids) if target.scope_source_ids is not None
            else {s.id for s in sources})
    builder = InlineKeyboardBuilder()
    for source in page.slice(sources):
        mark = "✓ " if source.id in seen else ""
        name = source.title or source.username or source.ref
        builder.button(text=mark + name[:NAME_MAX], callback_data=SourceScopeCb(
            user_id=target.id, source_id=source.id, page=page.number))
    builder.adjust(2)
    add_pager(builder, page, Listing.source_scope, i18n, key=target.id)
    builder.row(_row(i18n.get("crm-back"), MemberCb(action=MemberAction.show,
                                                    user_id=target.id)))
    return builder.as_markup()
