"""What a user does with bench fits: "not a fit", the list of their fits, their fit prefs."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

from crm.access import can_edit_developer, visible_card
from crm.errors import AccessDenied, CrmInputError
from db.records.feed import CardRecord
from db.records.fits import FitPrefsRecord, FitRecord
from db.records.users import UserRecord
from db.repositories.bench import BenchRepo
from db.repositories.fits import FitRepo
from db.uow import UnitOfWork

PAGE_SIZE = 10
THRESHOLD_MIN, THRESHOLD_MAX = Decimal("0.30"), Decimal("1.00")


async def _own_fit(uow: UnitOfWork, user: UserRecord, fit_id: int, *, lock: bool = False
                   ) -> FitRecord:
    """The fit if `user` heard it or may edit its developer (their lead, an admin)."""
    fit = await uow.repo(FitRepo).get(fit_id, lock=lock)
    if fit is None or not user.active:
        raise AccessDenied(f"fit {fit_id}")
    if fit.owner_user_id != user.id:
        dev = await uow.repo(BenchRepo).get(fit.developer_id)
        if dev is None or not can_edit_developer(user, dev):
            raise AccessDenied(f"fit {fit_id}")
    return fit


async def get(uow: UnitOfWork, user: UserRecord, fit_id: int) -> FitRecord:
    async with uow:
        return await _own_fit(uow, user, fit_id)


async def view(uow: UnitOfWork, user: UserRecord, fit_id: int) -> tuple[FitRecord, CardRecord]:
    """The fit and its request card, as the push shows them."""
    async with uow:
        fit = await _own_fit(uow, user, fit_id)
        return fit, await visible_card(uow, user, fit.request_id)


async def reject(uow: UnitOfWork, user: UserRecord, fit_id: int) -> FitRecord:
    """'Not a fit': recorded on the pair, which is therefore never pushed again. Idempotent."""
    async with uow:
        fit = await _own_fit(uow, user, fit_id, lock=True)
        if fit.verdict is None:
            now = datetime.now(UTC)
            await uow.repo(FitRepo).set_verdict(fit_id, "not_fit", user.id, now)
            fit = replace(fit, verdict="not_fit")
        await uow.commit()
    return fit


async def page(uow: UnitOfWork, user: UserRecord, page_no: int = 0, size: int = PAGE_SIZE
               ) -> tuple[list[FitRecord], int]:
    """(one page of the fits the user heard and did not reject, newest first; how many)."""
    if not user.active:
        raise AccessDenied("inactive")
    async with uow:
        repo = uow.repo(FitRepo)
        return (await repo.of_owner(user.id, max(page_no, 0) * size, size),
                await repo.count_of_owner(user.id))


async def prefs(uow: UnitOfWork, user: UserRecord) -> FitPrefsRecord:
    async with uow:
        return await uow.repo(FitRepo).prefs(user.id)


async def _save(uow: UnitOfWork, user: UserRecord, **values: object) -> FitPrefsRecord:
    async with uow:
        repo = uow.repo(FitRepo)
        await repo.save_prefs(user.id, **values)
        saved = await repo.prefs(user.id)
        await uow.commit()
    return saved


async def set_threshold(uow: UnitOfWork, user: UserRecord, threshold: Decimal | None
                        ) -> FitPrefsRecord:
    """None returns to the default; otherwise 0.30..1.00."""
    if threshold is not None and not THRESHOLD_MIN <= threshold <= THRESHOLD_MAX:
        raise CrmInputError("bad_threshold", str(threshold))
    return await _save(uow, user, threshold=threshold)


async def set_quiet_hours(uow: UnitOfWork, user: UserRecord, quiet_from: int | None,
                          quiet_to: int | None) -> FitPrefsRecord:
    """Local hours [from, to) without pushes (fits wait for the next digest); None, None: off."""
    if (quiet_from is None) != (quiet_to is None) or any(
        h is not None and not 0 <= h <= 23 for h in (quiet_from, quiet_to)
    ):
        raise CrmInputError("bad_quiet_hours", f"{quiet_from}-{quiet_to}")
    return await _save(uow, user, quiet_from=quiet_from, quiet_to=quiet_to)


async def set_paused(uow: UnitOfWork, user: UserRecord, paused: bool) -> FitPrefsRecord:
    return await _save(uow, user, paused=paused)
