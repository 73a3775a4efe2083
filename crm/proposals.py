"""Matching use cases: bench developers for a request, requests for a developer, proposing."""

from __future__ import annotations

import heapq
from collections.abc import AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass
from datetime import UTC, date, datetime

from crm.access import managed_card, visible_card
from crm.errors import AccessDenied, CrmInputError
from crm.matching import (
    DeveloperProfile,
    MatchScore,
    RequestProfile,
    Scorer,
    rank_key,
    score_match,
    stack_variants,
)
from crm.pipeline import apply_move
from db.models.enums import OPEN_STAGES
from db.records.bench import BenchCandidate, BenchRecord, CandidateChunk
from db.records.feed import CardRecord
from db.records.pipeline import PipelineCardRecord, SubmissionRecord
from db.records.users import UserRecord
from db.repositories.activities import ActivityRepo
from db.repositories.bench import BenchRepo
from db.repositories.bench_matching import BenchMatchRepo
from db.repositories.interviews import InterviewRepo
from db.repositories.pipeline import PipelineRepo
from db.uow import UnitOfWork

TOP = 10
CHUNK = 200
OPEN_REQUESTS_SCANNED = 300


@dataclass(frozen=True)
class DeveloperMatch:
    developer: BenchCandidate
    match: MatchScore


@dataclass(frozen=True)
class RequestMatch:
    card: PipelineCardRecord
    match: MatchScore


def request_profile(card: PipelineCardRecord | CardRecord, today: date) -> RequestProfile:
    # Cards carry no start date: a request is wanted as soon as it is posted, so it starts
    # on the day it was first seen or today, whichever is later.
    start = max(today, card.first_seen_at.date())
    return RequestProfile(
        stack=card.stack, grades=card.grades, rate_min=card.rate_rub_hour_min,
        rate_max=card.rate_rub_hour_max, formats=card.formats, start=start,
    )


def developer_profile(dev: BenchCandidate | BenchRecord) -> DeveloperProfile:
    return DeveloperProfile(
        stack=tuple(dev.stack), grade=dev.grade, rate=dev.rate_rub_hour,
        available_from=dev.available_from, formats=tuple(dev.formats),
    )


async def rank_developers(
    profile: RequestProfile, chunks: AsyncIterator[CandidateChunk], limit: int
) -> list[DeveloperMatch]:
    """The top `limit` by rank_key; only those get a full MatchScore with reasons.

    Each chunk tells the highest score bound left unread: once that is below the last of
    the top `limit`, no unread developer could enter it and the rest is never read.
    """
    scorer = Scorer(profile)
    best: list[tuple[tuple[float, int, int], BenchCandidate]] = []
    async for chunk in chunks:
        scored = [(scorer.key(c.id, c.stack, c.grade, c.rate_rub_hour, c.available_from,
                              c.formats), c) for c in chunk.candidates]
        best = heapq.nsmallest(limit, best + scored, key=lambda pair: pair[0])
        # Strictly below: an equal score could still win on the tie-breaks.
        if len(best) == limit and chunk.ceiling < -best[-1][0][0]:
            break
    return [DeveloperMatch(_frozen(c), scorer.match(developer_profile(c))) for _, c in best]


def _frozen(c: BenchCandidate) -> BenchCandidate:
    return c._replace(roles=tuple(c.roles), stack=tuple(c.stack), formats=tuple(c.formats))


async def for_request(
    uow: UnitOfWork, user: UserRecord, card_id: int, limit: int = TOP, today: date | None = None
) -> list[DeveloperMatch]:
    """The best bench developers for a request, ranked, each with the reasons of its score."""
    today = today or datetime.now(UTC).date()
    async with uow:
        card = await visible_card(uow, user, card_id)
        profile = request_profile(card, today)
        chunks = uow.repo(BenchMatchRepo).ranked_candidates(
            Scorer(profile).bound(), card.roles, CHUNK
        )
        async with aclosing(chunks):
            return await rank_developers(profile, chunks, limit)


async def for_developer(
    uow: UnitOfWork, user: UserRecord, developer_id: int, limit: int = TOP,
    today: date | None = None,
) -> list[RequestMatch]:
    """Open requests the user can see that fit a bench developer, best first."""
    today = today or datetime.now(UTC).date()
    async with uow:
        dev = await uow.repo(BenchRepo).get(developer_id)
        if dev is None or not user.active:
            raise AccessDenied(f"developer {developer_id}")
        cards = await uow.repo(PipelineRepo).open_matching(
            stack_variants(dev.stack), OPEN_STAGES, user, OPEN_REQUESTS_SCANNED
        )
    return rank_requests(cards, dev, today, limit)


def rank_requests(
    cards: list[PipelineCardRecord], dev: BenchRecord, today: date, limit: int
) -> list[RequestMatch]:
    """The `limit` requests that fit the developer best, each with its score's reasons."""
    profile = developer_profile(dev)
    found = [RequestMatch(c, score_match(request_profile(c, today), profile)) for c in cards]
    found.sort(key=lambda m: rank_key(m.match, m.card.id))
    return found[:limit]


async def propose(
    uow: UnitOfWork, user: UserRecord, card_id: int, developer_id: int, today: date | None = None
) -> SubmissionRecord:
    """Proposes a developer for a request: a Submission, and the card moves to proposed.

    Proposing the same developer again returns the existing submission and changes nothing.
    """
    today = today or datetime.now(UTC).date()
    async with uow:
        card = await managed_card(uow, user, card_id, lock=True, claim=True)
        dev = await uow.repo(BenchRepo).get(developer_id)
        if dev is None:
            raise AccessDenied(f"developer {developer_id}")
        if not dev.active:
            raise CrmInputError("developer_inactive", str(developer_id))
        score = score_match(request_profile(card, today), developer_profile(dev)).score
        submission, created = await uow.repo(InterviewRepo).add_submission(
            card_id, developer_id, user.id, round(score, 4)
        )
        if created:
            await uow.repo(ActivityRepo).add(
                "proposal", user_id=user.id, request_id=card_id, client_id=card.client_id,
                payload={"developer_id": dev.id, "developer": dev.name, "score": round(score, 4)},
            )
            if card.stage == "new":
                await apply_move(uow, user, card, "in_work")
                card = await _reload(uow, card_id)
            if card.stage == "in_work":
                await apply_move(uow, user, card, "proposed")
        await uow.commit()
    return submission


async def _reload(uow: UnitOfWork, card_id: int) -> PipelineCardRecord:
    card = await uow.repo(PipelineRepo).card(card_id)
    assert card is not None  # locked by the caller
    return card
