"""Sources: the chats we read, who reads them and how healthy the reading is."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from crm.access import require_admin
from crm.errors import AccountFull, AccountNotFound, InvalidSourceRef, SourceExists, SourceNotFound
from db.records.sources import AccountRecord, ChatInfo, SourceRecord, SourceRef
from db.records.users import UserRecord
from db.repositories.sources import AccountRepo, ResolvedUsernameRepo, SourceRepo
from db.uow import UnitOfWork

_USERNAME = r"[A-Za-z][A-Za-z0-9_]{3,31}"
_LINK = re.compile(r"^(?:https?://)?(?:www\.)?(?:t|telegram)\.me/(?P<path>.+?)/?$", re.I)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^@?(?P<v>{_USERNAME})$"), "username"),
    (re.compile(r"^(?:\+|joinchat/)(?P<v>[\w-]{8,})$"), "invite"),
    (re.compile(r"^tg://join\?invite=(?P<v>[\w-]{8,})$"), "invite"),
    (re.compile(r"^c/(?P<v>\d+)(?:/\d+)?$"), "channel"),
    (re.compile(rf"^(?:s/)?(?P<v>{_USERNAME})(?:/\d+)?$"), "username"),
    (re.compile(r"^(?P<v>-?\d{5,})$"), "id"),
)
# Telegram's marked ids: a channel or supergroup id is -(10**12 + bare id).
_CHANNEL_BASE = 10**12


def parse_ref(ref: str) -> SourceRef:
    """@username, t.me/name, t.me/+hash, t.me/joinchat/hash, t.me/c/123/4 or a numeric id.

    A positive number is read as a bare channel id (what t.me/c/ links show).
    """
    text = ref.strip()
    link = _LINK.match(text)
    candidate = link.group("path") if link else text
    for pattern, kind in _PATTERNS:
        found = pattern.match(candidate)
        if found is None or (link is None and kind == "channel"):
            continue
        value = found.group("v")
        if kind in ("username", "invite"):
            return SourceRef(kind, value.lower() if kind == "username" else value)  # type: ignore[arg-type]
        number = int(value)
        return SourceRef("id", str(number if number < 0 else -(_CHANNEL_BASE + number)))
    raise InvalidSourceRef(ref)


def authorize(by: UserRecord | None) -> None:
    """Sources are the admins': a bot user must be one. None is the operator at the shell
    (the CLI, scripts, the collector), who holds the database anyway."""
    if by is not None:
        require_admin(by)


async def add(uow: UnitOfWork, ref: str, *, by: UserRecord | None = None) -> SourceRecord:
    """Add a chat by reference; the collector resolves it to a Telegram id on its next pass."""
    authorize(by)
    parsed = parse_ref(ref)
    async with uow:
        repo = uow.repo(SourceRepo)
        tg_id = int(parsed.value) if parsed.kind == "id" else None
        found = await repo.find(tg_id=tg_id) if tg_id is not None else None
        found = found or await repo.find(ref=parsed.text)
        if found is not None:
            raise SourceExists(parsed.text, found.id, asked=ref)
        username = parsed.value if parsed.kind == "username" else None
        chat = ChatInfo(tg_id, "channel") if tg_id is not None else None
        source = await repo.add(ref=parsed.text, username=username, chat=chat)
        await uow.commit()
    return source


async def ensure_chats(uow: UnitOfWork, chats: Sequence[ChatInfo]) -> list[SourceRecord]:
    """The sources of chats known by id (exports, replays), created on first sight."""
    out = []
    async with uow:
        repo = uow.repo(SourceRepo)
        for chat in chats:
            found = await repo.find(tg_id=chat.tg_id)
            if found is None:
                name = f"@{chat.username}" if chat.username else str(chat.tg_id)
                found = await repo.add(ref=name, chat=chat)
            out.append(found)
        await uow.commit()
    return out



async def _get(repo: SourceRepo, source_id: int) -> SourceRecord:
    source = await repo.get(source_id)
    if source is None:
        raise SourceNotFound(source_id)
    return source


async def set_enabled(
    uow: UnitOfWork, source_id: int, *, enabled: bool, by: UserRecord | None = None
) -> SourceRecord:
    authorize(by)
    async with uow:
        repo = uow.repo(SourceRepo)
        await _get(repo, source_id)
        # Re-enabling is the operator's "try again": forget the old error and flood wait.
        extra = {"last_error": None, "retry_after": None} if enabled else {}
        await repo.update(source_id, enabled=enabled, **extra)
        source = await _get(repo, source_id)
        await uow.commit()
    return source


async def enable(uow: UnitOfWork, source_id: int) -> SourceRecord:
    return await set_enabled(uow, source_id, enabled=True)


async def disable(uow: UnitOfWork, source_id: int) -> SourceRecord:
    return await set_enabled(uow, source_id, enabled=False)


async def list_sources(
    uow: UnitOfWork, *, account: str | None = None, enabled_only: bool = False,
    by: UserRecord | None = None,
) -> list[SourceRecord]:
    """Every source with its health fields (cursor, last post, last error, retry_after, owner)."""
    authorize(by)
    async with uow:
        account_id = None
        if account is not None:
            found = await uow.repo(AccountRepo).by_name(account)
            if found is None:
                raise AccountNotFound(account)
            account_id = found.id
        return await uow.repo(SourceRepo).all(account_id=account_id, enabled_only=enabled_only)


async def ensure_account(uow: UnitOfWork, name: str) -> AccountRecord:
    async with uow:
        account = await uow.repo(AccountRepo).ensure(name)
        await uow.commit()
    return account


async def assign(uow: UnitOfWork, source_id: int, account: str) -> SourceRecord:
    """Give a source to one account; an account reads at most `max_sources` channels."""
    async with uow:
        repo = uow.repo(SourceRepo)
        owner = await uow.repo(AccountRepo).by_name(account)
        if owner is None:
            raise AccountNotFound(account)
        source = await _get(repo, source_id)
        if source.account_id != owner.id:
            if await repo.count_limited(owner.id) >= owner.max_sources:
                raise AccountFull(account, owner.max_sources)
            await repo.update(source_id, account_id=owner.id)
        source = await _get(repo, source_id)
        await uow.commit()
    return source


async def claim_unassigned(uow: UnitOfWork, account: str) -> int:
    """Each pass of an account's collector: note it is alive, and take the sources nobody
    reads, up to its limit; returns how many it took."""
    async with uow:
        owner = await uow.repo(AccountRepo).ensure(account)
        await uow.repo(AccountRepo).heartbeat(owner.id, datetime.now(UTC))
        repo = uow.repo(SourceRepo)
        room = owner.max_sources - await repo.count_limited(owner.id)
        ids = await repo.unassigned_ids(max(room, 0))
        for source_id in ids:
            await repo.update(source_id, account_id=owner.id)
        await uow.commit()
    return len(ids)


async def record_resolved(uow: UnitOfWork, source_id: int, chat: ChatInfo) -> SourceRecord:
    async with uow:
        repo = uow.repo(SourceRepo)
        if chat.username:
            await uow.repo(ResolvedUsernameRepo).put(chat.username, chat)
        await repo.update(source_id, tg_id=chat.tg_id, kind=chat.kind, title=chat.title,
                          username=chat.username, last_error=None)
        source = await _get(repo, source_id)
        await uow.commit()
    return source


async def cached_username(uow: UnitOfWork, username: str) -> ChatInfo | None:
    """Telegram allows ~200 username resolutions a day: ask the cache first."""
    async with uow:
        return await uow.repo(ResolvedUsernameRepo).get(username)


async def record_error(
    uow: UnitOfWork, source_id: int, error: str, *, retry_in: timedelta | None = None
) -> None:
    """A chat failed: note why (and when to retry); no other source is touched."""
    now = datetime.now(UTC)
    async with uow:
        values: dict[str, object] = {"last_error": error[:2000], "last_error_at": now}
        if retry_in is not None:
            values["retry_after"] = now + retry_in
        await uow.repo(SourceRepo).update(source_id, **values)
        await uow.commit()


async def record_read(uow: UnitOfWork, source_id: int) -> None:
    """A clean pass over the chat clears its error and flood wait."""
    async with uow:
        await uow.repo(SourceRepo).update(
            source_id, last_error=None, retry_after=None, last_read_at=datetime.now(UTC)
        )
        await uow.commit()
