"""A user's own settings, and the scopes admins give users."""

from __future__ import annotations

import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crm.access import require_admin
from crm.errors import InvalidValue
from db.records.users import UserRecord
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

LANGUAGES: tuple[str, ...] = ("ru", "en")
# Deliberately strict and simple: one @, a dot in the domain, no spaces; the SMTP server decides.
EMAIL_RE = re.compile(r"^[^@\s<>\"']{1,64}@[^@\s<>\"']{1,190}\.[A-Za-z]{2,24}$")


async def _update(uow: UnitOfWork, user_id: int, **values: object) -> UserRecord:
    async with uow:
        users = uow.repo(UserRepo)
        await users.update(user_id, **values)
        updated = await users.get(user_id)
        await uow.commit()
    if updated is None:
        raise InvalidValue("user is gone")
    return updated


async def set_language(uow: UnitOfWork, user: UserRecord, language: str) -> UserRecord:
    if language not in LANGUAGES:
        raise InvalidValue(language)
    return await _update(uow, user.id, language=language)


async def set_email(uow: UnitOfWork, user: UserRecord, address: str) -> UserRecord:
    """Stores a validated address and turns email pushes on."""
    address = address.strip()
    if not EMAIL_RE.match(address):
        raise InvalidValue(address, key="settings-email-invalid")
    return await _update(uow, user.id, email=address, email_enabled=True)


async def set_email_enabled(uow: UnitOfWork, user: UserRecord, enabled: bool) -> UserRecord:
    if enabled and not user.email:
        raise InvalidValue("no address")
    return await _update(uow, user.id, email_enabled=enabled)


async def set_timezone(uow: UnitOfWork, user: UserRecord, timezone: str) -> UserRecord:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidValue(timezone) from exc
    return await _update(uow, user.id, timezone=timezone)


async def resume_pushes(uow: UnitOfWork, user: UserRecord) -> UserRecord:
    """A user who writes to the bot again has unblocked it: pushes may go out again."""
    if user.pushes_paused_at is None:
        return user
    return await _update(uow, user.id, pushes_paused_at=None)


async def everyone(uow: UnitOfWork) -> list[UserRecord]:
    """Every user, for the bot's start-up chores (their command lists); no one's screen."""
    async with uow:
        return await uow.repo(UserRepo).all()


async def list_users(uow: UnitOfWork, admin: UserRecord) -> list[UserRecord]:
    require_admin(admin)
    async with uow:
        return await uow.repo(UserRepo).all()


async def get_user(uow: UnitOfWork, admin: UserRecord, user_id: int) -> UserRecord:
    require_admin(admin)
    async with uow:
        found = await uow.repo(UserRepo).get(user_id)
    if found is None:
        raise InvalidValue("no such user")
    return found


async def toggle_scope_role(
    uow: UnitOfWork, admin: UserRecord, user_id: int, role_family: str,
    all_families: Sequence[str],
) -> UserRecord:
    """Admins narrow or widen what a user sees; a full set is stored as NULL (= everything)."""
    target = await get_user(uow, admin, user_id)
    current = set(target.scope_roles if target.scope_roles is not None else all_families)
    current ^= {role_family}
    value = None if current >= set(all_families) else sorted(current)
    return await _update(uow, user_id, scope_roles=value)


async def reset_scope(uow: UnitOfWork, admin: UserRecord, user_id: int) -> UserRecord:
    await get_user(uow, admin, user_id)
    return await _update(uow, user_id, scope_roles=None, scope_source_ids=None)


async def toggle_scope_source(
    uow: UnitOfWork, admin: UserRecord, user_id: int, source_id: int,
    all_sources: Sequence[int],
) -> UserRecord:
    """The role-scope rule for sources: toggling narrows or widens; all of them is NULL."""
    target = await get_user(uow, admin, user_id)
    current = set(target.scope_source_ids if target.scope_source_ids is not None
                  else all_sources)
    current ^= {source_id}
    value = None if current >= set(all_sources) else sorted(current)
    return await _update(uow, user_id, scope_source_ids=value)
