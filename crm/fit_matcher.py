"""The bench-fit matcher: new and re-labelled request cards → fits for free bench developers.

A sibling of the saved-search matcher (crm.searches.match_new_cards): cards are claimed with
SKIP LOCKED from their own queue (fit_matched_at), and the fits, their outbox rows and the
cards' mark are committed together, so a crash repeats the batch and the unique pair makes the
repeat harmless.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from crm.access import can_see
from crm.fit_delivery import deliver
from crm.fit_rules import details, grades_allowed, is_fit, latest_start, rate_window
from crm.fit_settings import FitSettings
from crm.matching import DeveloperProfile, Scorer, stack_variants
from crm.proposals import request_profile
from db.records.feed import CardRecord
from db.records.fits import FitCandidate, FitPrefsRecord, NewFit
from db.records.users import UserRecord
from db.repositories.fits import FitRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

MATCH_BATCH = 100


@dataclass(frozen=True)
class FitMatchResult:
    cards: int
    fits: int
    notifications: int


def who_hears(dev: FitCandidate, users: Mapping[int, UserRecord]) -> UserRecord | None:
    """The developer's owner; if they left (inactive, or now in another team) the lead of the
    developer's team; with no team, the first admin."""
    owner = users.get(dev.owner_user_id) if dev.owner_user_id is not None else None
    if owner is not None and owner.active and (
        dev.team_id is None or owner.team_id == dev.team_id
    ):
        return owner
    team = dev.team_id if dev.team_id is not None else (owner.team_id if owner else None)
    active = sorted((u for u in users.values() if u.active), key=lambda u: u.id)
    leads = [u for u in active if u.role == "lead" and team is not None and u.team_id == team]
    admins = [u for u in active if u.is_admin]
    chosen = leads or admins
    return chosen[0] if chosen else None


def _threshold(prefs: FitPrefsRecord | None, settings: FitSettings) -> float:
    return float(prefs.threshold) if prefs and prefs.threshold is not None else settings.threshold


async def fits_for_card(
    uow: UnitOfWork, card: CardRecord, settings: FitSettings, users: Mapping[int, UserRecord],
    prefs: Mapping[int, FitPrefsRecord], now: datetime,
) -> list[NewFit]:
    """Every developer who fits `card`, each with who hears about it (not yet stored)."""
    if card.kind != "request" or card.first_seen_at < now - timedelta(
        hours=settings.max_card_age_hours
    ):
        return []
    profile = request_profile(card, now.date())
    if not profile.stack and not card.roles:
        return []  # nothing to match on: any "fit" would be noise
    scorer = Scorer(profile)
    found = await uow.repo(FitRepo).candidates(
        latest_start(profile.start, settings.available_within_days),
        stack_variants(profile.stack), card.roles, rate_window(profile), grades_allowed(profile),
    )
    fits = []
    for dev in found:
        hearer = who_hears(dev, users)
        their = prefs.get(hearer.id) if hearer else None
        if hearer is None or (their and their.paused) or not can_see(hearer, card):
            continue
        match = scorer.match(DeveloperProfile(
            tuple(dev.stack), dev.grade, dev.rate_rub_hour, dev.available_from, tuple(dev.formats)
        ))
        if is_fit(profile, match, _threshold(their, settings), card.roles, dev.roles):
            fits.append(NewFit(card.id, dev.id, hearer.id, match.score,
                               details(profile, match, dev.grade, dev.rate_rub_hour)))
    return fits


async def match_new_cards(
    uow: UnitOfWork, settings: FitSettings, batch: int = MATCH_BATCH,
    now: datetime | None = None,
) -> FitMatchResult:
    """Matches a batch of unmatched cards against the bench, queues pushes (or holds them for
    a digest), and flushes digests that came due; one transaction."""
    now = now or datetime.now(UTC)
    async with uow:
        repo = uow.repo(FitRepo)
        cards = await repo.claim_unmatched(batch)
        users = {u.id: u for u in await uow.repo(UserRepo).all()}
        prefs = await repo.all_prefs()
        staged = [fit for card in cards
                  for fit in await fits_for_card(uow, card, settings, users, prefs, now)]
        fresh = await repo.add_new(staged, "held")
        queued = await deliver(uow, settings, fresh, users, prefs, now)
        await repo.mark_matched([c.id for c in cards], now)
        await uow.commit()
    return FitMatchResult(len(cards), len(fresh), queued)
