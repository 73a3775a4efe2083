"""Who sells a bench developer (their owner) and whether they are free to be pushed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from crm.access import can_edit_developer
from crm.errors import AccessDenied, CrmInputError
from db.records.bench import BenchRecord
from db.records.users import UserRecord
from db.repositories.bench import BenchRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

OWNERS_SHOWN = 30


async def _editable(uow: UnitOfWork, user: UserRecord, developer_id: int) -> BenchRecord:
    dev = await uow.repo(BenchRepo).get(developer_id, lock=True)
    if dev is None or not can_edit_developer(user, dev):
        raise AccessDenied(f"developer {developer_id}")
    return dev


def _may_own(candidate: UserRecord, dev: BenchRecord) -> bool:
    return candidate.active and (dev.team_id is None or candidate.team_id == dev.team_id
                                 or candidate.is_admin)


async def status(uow: UnitOfWork, user: UserRecord, developer_id: int
                 ) -> tuple[BenchRecord, UserRecord | None]:
    """The developer and their owner (None: nobody, or gone)."""
    async with uow:
        dev = await _editable(uow, user, developer_id)
        owner = await uow.repo(UserRepo).get(dev.owner_user_id) if dev.owner_user_id else None
    return dev, owner


async def owner_choices(uow: UnitOfWork, user: UserRecord, developer_id: int
                        ) -> tuple[BenchRecord, list[UserRecord]]:
    """The developer and who may own them: active members of the developer's team."""
    async with uow:
        dev = await _editable(uow, user, developer_id)
        people = [u for u in await uow.repo(UserRepo).all() if _may_own(u, dev)]
    return dev, people[:OWNERS_SHOWN]


async def set_owner(uow: UnitOfWork, user: UserRecord, developer_id: int, owner_id: int
                    ) -> BenchRecord:
    """Hands the developer to another owner (who then hears their fits)."""
    async with uow:
        dev = await _editable(uow, user, developer_id)
        owner = await uow.repo(UserRepo).get(owner_id)
        if owner is None or not _may_own(owner, dev):
            raise CrmInputError("bad_owner", str(owner_id))
        await uow.repo(BenchRepo).update(developer_id, owner_user_id=owner_id)
        await uow.commit()
    return replace(dev, owner_user_id=owner_id)


async def set_busy(uow: UnitOfWork, user: UserRecord, developer_id: int, busy: bool
                   ) -> BenchRecord:
    """Busy developers stay on the bench but are not pushed as fits."""
    async with uow:
        await _editable(uow, user, developer_id)
        await uow.repo(BenchRepo).update(developer_id, busy=busy)
        updated = await uow.repo(BenchRepo).get(developer_id)
        await uow.commit()
    assert updated is not None  # locked above
    return updated


async def confirm(uow: UnitOfWork, user: UserRecord, developer_id: int,
                  now: datetime | None = None) -> BenchRecord:
    """"Still free": the entry counts as fresh again; a passed availability becomes today."""
    today = (now or datetime.now(UTC)).date()
    async with uow:
        dev = await _editable(uow, user, developer_id)
        changes: dict[str, object] = {"busy": False}
        if dev.available_from is not None and dev.available_from < today:
            changes["available_from"] = today
        await uow.repo(BenchRepo).update(developer_id, **changes)
        updated = await uow.repo(BenchRepo).get(developer_id)
        await uow.commit()
    assert updated is not None  # locked above
    return updated
