"""Admins: /teams (create, rename, members), /users, a user's card (move, role, switch off,
role and source scopes)."""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks_pages import Listing, ListPageCb
from bot.callbacks_teams import MemberAction, MemberCb, SourceScopeCb, TeamAction, TeamCb
from bot.handlers.common import ask, edit
from bot.i18n import I18n
from bot.keyboards.pager import Page
from bot.keyboards.teams import member_kb, people_kb, source_scope_kb, team_picker_kb, teams_kb
from crm import sources, teams, users
from db.records.users import UserRecord
from db.uow import UnitOfWork
from vocabulary import USER_ROLES

router = Router(name=__name__)
PEOPLE_PAGE = 10
SOURCES_PAGE = 20


class TeamStates(StatesGroup):
    name = State()


async def teams_view(uow: UnitOfWork, user: UserRecord, i18n: I18n
                     ) -> tuple[str, InlineKeyboardMarkup]:
    found = await teams.list_teams(uow, user)
    lines = [i18n.get("teams-title", total=len(found))]
    lines += [i18n.get("teams-line", name=html.escape(t.name), members=t.members) for t in found]
    return "\n".join(lines), teams_kb(found, i18n)


async def people_view(
    uow: UnitOfWork, user: UserRecord, i18n: I18n, number: int = 0, team_id: int = 0
) -> tuple[str, InlineKeyboardMarkup]:
    everyone = await users.list_users(uow, user)
    if team_id:
        names = {t.id: t.name for t in await teams.list_teams(uow, user)}
        people = [p for p in everyone if p.team_id == team_id]
        title = i18n.get("teams-members", name=html.escape(names.get(team_id, "")),
                         total=len(people))
    else:
        people, title = everyone, i18n.get("users-page-title", total=len(everyone))
    page = Page(number, len(people), size=PEOPLE_PAGE)
    listing = Listing.team_members if team_id else Listing.users
    return title, people_kb(people, page, listing, i18n, team_id=team_id)


async def member_view(uow: UnitOfWork, user: UserRecord, user_id: int, i18n: I18n
                      ) -> tuple[str, InlineKeyboardMarkup]:
    target = await users.get_user(uow, user, user_id)
    names = {t.id: t.name for t in await teams.list_teams(uow, user)}
    text = i18n.get(
        "teams-user", name=html.escape(target.first_name), role=i18n.get(
            f"user-role-{target.role}"),
        team=html.escape(names.get(target.team_id or 0, i18n.get("teams-no-team"))),
        off="" if target.active else i18n.get("teams-member-off"))
    return text, member_kb(target, user, i18n)


@router.message(Command("teams"))
async def cmd_teams(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    text, markup = await teams_view(uow, user, i18n)
    await message.answer(text, reply_markup=markup)


@router.callback_query(TeamCb.filter(F.action == TeamAction.list))
async def list_teams(query: CallbackQuery, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    await edit(query, *await teams_view(uow, user, i18n))
    await query.answer()


@router.callback_query(TeamCb.filter(F.action.in_({TeamAction.create, TeamAction.rename})))
async def ask_team_name(
    query: CallbackQuery, callback_data: TeamCb, state: FSMContext, uow: UnitOfWork,
    user: UserRecord, i18n: I18n,
) -> None:
    names = {t.id: t.name for t in await teams.list_teams(uow, user)}
    prompt = ("teams-create-ask" if callback_data.action is TeamAction.create
              else "teams-rename-ask")
    await ask(query, state, TeamStates.name,
              i18n.get(prompt, name=html.escape(names.get(callback_data.team_id, ""))), i18n,
              team_id=callback_data.team_id)


@router.message(TeamStates.name, F.text)
async def save_team_name(
    message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    team_id = int((await state.get_data()).get("team_id", 0))
    await state.clear()
    if team_id:
        team = await teams.rename(uow, user, team_id, message.text or "")
        said = i18n.get("teams-renamed", name=html.escape(team.name))
    else:
        team = await teams.create(uow, user, message.text or "")
        said = i18n.get("teams-created", name=html.escape(team.name))
    text, markup = await teams_view(uow, user, i18n)
    await message.answer(said + "\n\n" + text, reply_markup=markup)


@router.callback_query(TeamCb.filter(F.action == TeamAction.show))
async def show_team_members(
    query: CallbackQuery, callback_data: TeamCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    await edit(query, *await people_view(uow, user, i18n, team_id=callback_data.team_id))
    await query.answer()


@router.message(Command("users"))
async def cmd_users(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    text, markup = await people_view(uow, user, i18n)
    await message.answer(text, reply_markup=markup)


@router.callback_query(ListPageCb.filter(F.listing.in_({Listing.users, Listing.team_members})))
async def page_people(
    query: CallbackQuery, callback_data: ListPageCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    team_id = callback_data.key if callback_data.listing is Listing.team_members else 0
    await edit(query, *await people_view(uow, user, i18n, callback_data.page, team_id))
    await query.answer()


@router.callback_query(MemberCb.filter(F.action == MemberAction.show))
async def show_member(
    query: CallbackQuery, callback_data: MemberCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    await edit(query, *await member_view(uow, user, callback_data.user_id, i18n))
    await query.answer()


@router.callback_query(MemberCb.filter(F.action == MemberAction.teams))
async def pick_team(
    query: CallbackQuery, callback_data: MemberCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    target = await users.get_user(uow, user, callback_data.user_id)
    found = await teams.list_teams(uow, user)
    await edit(query, i18n.get("teams-move-pick", name=html.escape(target.first_name)),
               team_picker_kb(target, found, i18n))
    await query.answer()


@router.callback_query(MemberCb.filter(F.action == MemberAction.move))
async def move_member(
    query: CallbackQuery, callback_data: MemberCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    moved = await teams.move_user(uow, user, callback_data.user_id, callback_data.value)
    await edit(query, *await member_view(uow, user, moved.id, i18n))
    await query.answer()


@router.callback_query(MemberCb.filter(F.action == MemberAction.role))
async def change_role(
    query: CallbackQuery, callback_data: MemberCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    role = USER_ROLES[callback_data.value % len(USER_ROLES)]
    changed = await teams.set_role(uow, user, callback_data.user_id, role)
    await edit(query, *await member_view(uow, user, changed.id, i18n))
    await query.answer(i18n.get("teams-role-set", name=changed.first_name,
                                role=i18n.get(f"user-role-{role}")))


@router.callback_query(MemberCb.filter(F.action == MemberAction.deactivate))
async def deactivate_member(
    query: CallbackQuery, callback_data: MemberCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    off, moved = await teams.deactivate(uow, user, callback_data.user_id)
    await edit(query, *await member_view(uow, user, off.id, i18n))
    await query.answer(i18n.get("teams-deactivated", name=off.first_name, cards=moved),
                       show_alert=True)


async def source_scope_view(
    uow: UnitOfWork, user: UserRecord, target: UserRecord, number: int, i18n: I18n
) -> tuple[str, InlineKeyboardMarkup]:
    found = await sources.list_sources(uow, by=user)
    page = Page(number, len(found), size=SOURCES_PAGE)
    return (i18n.get("teams-sources-title", name=html.escape(target.first_name)),
            source_scope_kb(target, found, page, i18n))


@router.callback_query(SourceScopeCb.filter())
async def edit_source_scope(
    query: CallbackQuery, callback_data: SourceScopeCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    target = await users.get_user(uow, user, callback_data.user_id)
    if callback_data.source_id:
        every = [s.id for s in await sources.list_sources(uow, by=user)]
        target = await users.toggle_scope_source(
            uow, user, target.id, callback_data.source_id, every)
    await edit(query, *await source_scope_view(uow, user, target, callback_data.page, i18n))
    await query.answer()


@router.callback_query(ListPageCb.filter(F.listing == Listing.source_scope))
async def page_source_scope(
    query: CallbackQuery, callback_data: ListPageCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    target = await users.get_user(uow, user, callback_data.key)
    await edit(query, *await source_scope_view(uow, user, target, callback_data.page, i18n))
    await query.answer()
