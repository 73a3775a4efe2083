"""Admission: first admins from configuration, everyone else through one-time invite codes."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from crm.access import require_admin
from crm.errors import AccessDenied
from crm.users import resume_pushes
from db.records.invites import InviteRecord
from db.records.users import UserRecord
from db.repositories.invites import InviteRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from vocabulary import USER_ROLES

DEFAULT_TEAM = "main"
CODE_BYTES = 12  # 16 url-safe characters: unguessable, well under the 64-character start limit
_CODE_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class TelegramPerson:
    tg_user_id: int
    first_name: str
    username: str | None
    language: str


async def create(uow: UnitOfWork, admin: UserRecord, role: str, ttl_hours: int) -> InviteRecord:
    """A one-time code for a new user with `role` in the admin's team."""
    require_admin(admin)
    if role not in USER_ROLES:
        raise ValueError(f"unknown role {role!r}")
    async with uow:
        expires = datetime.now(UTC) + timedelta(hours=ttl_hours)
        code = secrets.token_urlsafe(CODE_BYTES)
        invite = await uow.repo(InviteRepo).add(code, role, admin.team_id, admin.id, expires)
        await uow.commit()
    return invite


async def redeem(uow: UnitOfWork, code: str, person: TelegramPerson) -> UserRecord:
    """Registers `person` with the invite's role and team; raises AccessDenied if unusable."""
    async with uow:
        users = uow.repo(UserRepo)
        existing = await users.by_tg_id(person.tg_user_id)
        if existing is not None:
            return existing
        invite = await uow.repo(InviteRepo).get_for_use(code)
        now = datetime.now(UTC)
        if invite is None or invite.used_by is not None or invite.expires_at <= now:
            raise AccessDenied("invite is unknown, used or expired")
        user = await users.add(
            tg_user_id=person.tg_user_id, first_name=person.first_name,
            username=person.username, language=person.language, role=invite.role,
            team_id=invite.team_id,
        )
        await uow.repo(InviteRepo).mark_used(code, user.id, now)
        await uow.commit()
    return user


async def admit_first_admin(
    uow: UnitOfWork, person: TelegramPerson, admin_ids: frozenset[int]
) -> UserRecord | None:
    """Registers a configured admin on first contact (in the default team); None if not one."""
    if person.tg_user_id not in admin_ids:
        return None
    async with uow:
        users = uow.repo(UserRepo)
        user = await users.by_tg_id(person.tg_user_id)
        if user is None:
            team_id = await uow.repo(InviteRepo).default_team(DEFAULT_TEAM)
            user = await users.add(
                tg_user_id=person.tg_user_id, first_name=person.first_name,
                username=person.username, language=person.language, role="admin",
                team_id=team_id,
            )
            await uow.commit()
    return user


async def admit(
    uow: UnitOfWork, person: TelegramPerson, code: str | None, admin_ids: frozenset[int]
) -> UserRecord:
    """/start: an existing user, a configured first admin, or an invite redeemed; else refused."""
    async with uow:
        existing = await uow.repo(UserRepo).by_tg_id(person.tg_user_id)
    if existing is not None:
        if not existing.active:
            raise AccessDenied("deactivated")
        # Writing to the bot again means it is unblocked: pushes may resume.
        return await resume_pushes(uow, existing)
    admin = await admit_first_admin(uow, person, admin_ids)
    if admin is not None:
        return admin
    if not code or not _CODE_SHAPE.fullmatch(code):
        # Anything else (a NUL, 4 KB of text) cannot be a code: refused before the database.
        raise AccessDenied("no invite")
    return await redeem(uow, code, person)
