"""The bench with its matches: filtered developers, each with its best open requests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from crm.errors import AccessDenied
from crm.matching import stack_variants
from crm.proposals import RequestMatch, rank_requests
from db.models.enums import OPEN_STAGES
from db.records.bench import BenchRecord
from db.records.users import UserRecord
from db.repositories.bench_filter import BenchFilterRepo
from db.repositories.pipeline import PipelineRepo
from db.uow import UnitOfWork

DEVELOPERS_SHOWN = 20
MATCHES_PER_DEVELOPER = 3
OPEN_REQUESTS_SCANNED = 300


@dataclass(frozen=True)
class BenchFilters:
    stack: tuple[str, ...] = ()
    grade: str | None = None
    rate_max: Decimal | None = None
    available_by: date | None = None


@dataclass(frozen=True)
class DeveloperMatches:
    developer: BenchRecord
    matches: list[RequestMatch]


async def bench_with_matches(
    uow: UnitOfWork, user: UserRecord, filters: BenchFilters,
    limit: int = DEVELOPERS_SHOWN, per_developer: int = MATCHES_PER_DEVELOPER,
    today: date | None = None,
) -> list[DeveloperMatches]:
    """Developers passing the filters, each with the open requests the user can see that fit
    best (the same score as crm.proposals.for_developer)."""
    if not user.active:
        raise AccessDenied("inactive")
    today = today or datetime.now(UTC).date()
    found = []
    async with uow:
        developers = await uow.repo(BenchFilterRepo).filtered(
            stack=filters.stack, grade=filters.grade, rate_max=filters.rate_max,
            available_by=filters.available_by, limit=limit,
        )
        for dev in developers:
            cards = await uow.repo(PipelineRepo).open_matching(
                stack_variants(dev.stack), OPEN_STAGES, user, OPEN_REQUESTS_SCANNED
            )
            found.append(DeveloperMatches(dev, rank_requests(cards, dev, today, per_developer)))
    return found
