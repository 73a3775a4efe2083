"""Bench fits: the fit queue of request cards, candidates, pairs, digests' bookkeeping, prefs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BenchDeveloper, BenchFit, FitPrefs, Notification, RequestCard
from db.records.feed import CardRecord
from db.records.fits import FitCandidate, FitPrefsRecord, FitRecord, NewFit
from db.repositories.bench import TextArray, overlaps
from db.repositories.feed import FeedRepo, card_record

_RAW = sa.types.NullType()  # arrays as the driver's lists (see bench_matching)
# The advisory-lock namespace of "one owner's fit deliveries" (any constant unique to us).
_OWNER_LOCK = 2121


def fit_record(row: BenchFit, title: str = "", developer: str = "") -> FitRecord:
    return FitRecord(
        id=row.id, request_id=row.request_id, developer_id=row.developer_id,
        owner_user_id=row.owner_user_id, score=float(row.score), details=dict(row.details),
        delivery=row.delivery, verdict=row.verdict, created_at=row.created_at, title=title,
        developer=developer,
    )


class FitRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim_unmatched(self, limit: int) -> list[CardRecord]:
        """Cards not yet fit-matched, locked; a second matcher skips them instead of waiting."""
        query = (
            sa.select(RequestCard).where(RequestCard.fit_matched_at.is_(None))
            .order_by(RequestCard.id).limit(limit).with_for_update(skip_locked=True)
        )
        rows = list(await self.session.scalars(query))
        sources = await FeedRepo(self.session).sources_of([r.id for r in rows])
        return [card_record(r, sources.get(r.id, ())) for r in rows]

    async def mark_matched(self, card_ids: Sequence[int], at: datetime | None) -> None:
        """`at` None puts the cards back in the queue (their labels changed)."""
        if card_ids:
            await self.session.execute(
                sa.update(RequestCard).where(RequestCard.id.in_(card_ids))
                .values(fit_matched_at=at)
            )

    async def candidates(
        self, latest_start: date, stack_spellings: Sequence[str], roles: Sequence[str],
        rates: tuple[Decimal | None, Decimal | None], grades: Sequence[str] | None,
    ) -> list[FitCandidate]:
        """Free developers available by `latest_start` who share a stack spelling (or, with
        none given, a role), whose rate lies in `rates` and grade in `grades` (unknown ones
        pass). One statement shape whatever the request, so SQLAlchemy compiles it once."""
        b = BenchDeveloper
        where = [
            b.active.is_(True), b.busy.is_(False),
            sa.or_(b.available_from.is_(None), b.available_from <= latest_start),
            overlaps(b.stack, stack_spellings) if stack_spellings else overlaps(b.roles, roles),
            sa.or_(b.rate_rub_hour.is_(None), sa.and_(
                b.rate_rub_hour >= sa.func.coalesce(sa.bindparam("low", rates[0]), 0),
                b.rate_rub_hour <= sa.func.coalesce(sa.bindparam("high", rates[1]),
                                                    b.rate_rub_hour),
            )),
            sa.or_(b.grade.is_(None), sa.bindparam("any_grade", grades is None),
                   b.grade == sa.func.any(sa.cast(list(grades or ()), TextArray))),
        ]
        query = sa.select(
            b.id, b.name, sa.type_coerce(b.roles, _RAW), sa.type_coerce(b.stack, _RAW), b.grade,
            b.rate_rub_hour, b.available_from, sa.type_coerce(b.formats, _RAW),
            b.owner_user_id, b.team_id,
        ).where(*where).order_by(b.id)
        return [FitCandidate._make(row) for row in (await self.session.execute(query)).all()]

    async def add_new(self, fits: Sequence[NewFit], delivery: str) -> list[FitRecord]:
        """Inserts the pairs not seen before (any verdict, any time) and returns only those."""
        if not fits:
            return []
        values = [
            {"request_id": f.request_id, "developer_id": f.developer_id,
             "owner_user_id": f.owner_user_id, "score": round(f.score, 4),
             "details": dict(f.details), "delivery": delivery}
            for f in fits
        ]
        query = (
            insert(BenchFit).values(values)
            .on_conflict_do_nothing(constraint="uq_bench_fits_pair").returning(BenchFit)
        )
        return [fit_record(r) for r in (await self.session.scalars(query)).all()]

    async def set_delivery(self, fit_ids: Sequence[int], delivery: str) -> None:
        if fit_ids:
            await self.session.execute(
                sa.update(BenchFit).where(BenchFit.id.in_(fit_ids)).values(delivery=delivery)
            )

    async def developer_names(self, developer_ids: Sequence[int]) -> dict[int, str]:
        query = sa.select(BenchDeveloper.id, BenchDeveloper.name).where(
            BenchDeveloper.id.in_(list(set(developer_ids)))
        )
        return {i: n for i, n in (await self.session.execute(query)).all()}

    async def lock_owners(self, user_ids: Sequence[int]) -> None:
        """Serialises one owner's push/digest decisions across matchers; sorted, so two
        transactions never wait on each other crosswise."""
        for user_id in sorted(set(user_ids)):
            await self.session.execute(
                sa.select(sa.func.pg_advisory_xact_lock(_OWNER_LOCK, user_id))
            )

    async def sent_since(self, kind: str, user_ids: Sequence[int], since: datetime
                         ) -> dict[int, int]:
        """How many notifications of `kind` each user was queued since `since`."""
        if not user_ids:
            return {}
        n = Notification
        query = (
            sa.select(n.user_id, sa.func.count()).where(
                n.kind == kind, n.user_id.in_(list(set(user_ids))), n.created_at >= since,
                n.status != "cancelled",
            ).group_by(n.user_id)
        )
        return {uid: int(count) for uid, count in (await self.session.execute(query)).all()}

    async def held_owners(self, exclude: Sequence[int] = ()) -> list[int]:
        """Owners with fits waiting for a digest (not counting the fits `exclude` names)."""
        query = sa.select(BenchFit.owner_user_id).where(
            BenchFit.delivery == "held", BenchFit.owner_user_id.is_not(None),
            BenchFit.id.not_in(list(exclude)),
        ).distinct()
        return [uid for uid in await self.session.scalars(query) if uid is not None]

    async def held_of(self, owner_id: int) -> list[FitRecord]:
        """An owner's waiting fits with their cards' titles and developers' names, best first."""
        query = (
            sa.select(BenchFit, RequestCard.title, BenchDeveloper.name)
            .join(RequestCard, RequestCard.id == BenchFit.request_id)
            .join(BenchDeveloper, BenchDeveloper.id == BenchFit.developer_id)
            .where(BenchFit.owner_user_id == owner_id, BenchFit.delivery == "held")
            .order_by(BenchFit.score.desc(), BenchFit.id)
        )
        return [fit_record(f, t, d) for f, t, d in (await self.session.execute(query)).all()]

    async def get(self, fit_id: int, *, lock: bool = False) -> FitRecord | None:
        query = (
            sa.select(BenchFit, RequestCard.title, BenchDeveloper.name)
            .join(RequestCard, RequestCard.id == BenchFit.request_id)
            .join(BenchDeveloper, BenchDeveloper.id == BenchFit.developer_id)
            .where(BenchFit.id == fit_id)
        )
        if lock:
            query = query.with_for_update(of=BenchFit)
        found = (await self.session.execute(query)).first()
        return fit_record(*found) if found else None

    async def set_verdict(self, fit_id: int, verdict: str, user_id: int, at: datetime) -> None:
        await self.session.execute(
            sa.update(BenchFit).where(BenchFit.id == fit_id)
            .values(verdict=verdict, decided_by=user_id, decided_at=at)
        )

    async def of_owner(self, owner_id: int, offset: int, limit: int) -> list[FitRecord]:
        query = (
            sa.select(BenchFit, RequestCard.title, BenchDeveloper.name)
            .join(RequestCard, RequestCard.id == BenchFit.request_id)
            .join(BenchDeveloper, BenchDeveloper.id == BenchFit.developer_id)
            .where(BenchFit.owner_user_id == owner_id, BenchFit.verdict.is_(None))
            .order_by(BenchFit.id.desc()).offset(offset).limit(limit)
        )
        return [fit_record(f, t, d) for f, t, d in (await self.session.execute(query)).all()]

    async def count_of_owner(self, owner_id: int) -> int:
        query = sa.select(sa.func.count()).where(
            BenchFit.owner_user_id == owner_id, BenchFit.verdict.is_(None)
        )
        return int(await self.session.scalar(query) or 0)

    async def all_prefs(self) -> dict[int, FitPrefsRecord]:
        rows = await self.session.scalars(sa.select(FitPrefs))
        return {r.user_id: _prefs(r) for r in rows}

    async def prefs(self, user_id: int) -> FitPrefsRecord:
        row = await self.session.get(FitPrefs, user_id)
        return _prefs(row) if row else FitPrefsRecord(user_id)

    async def save_prefs(self, user_id: int, **values: Any) -> None:
        query = insert(FitPrefs).values(user_id=user_id, **values)
        await self.session.execute(
            query.on_conflict_do_update(index_elements=[FitPrefs.user_id], set_=values)
        )


def _prefs(row: FitPrefs) -> FitPrefsRecord:
    return FitPrefsRecord(row.user_id, row.threshold, row.quiet_from, row.quiet_to, row.paused)
