"""The bench-fit matcher: new and re-labelled request cards → fits for free bench developers.

A sibling of the saved-search matcher (crm.searches.match_new_cards): cards are claimed with
SKIP LOCKED from their own queue (fit_matched_at), and the fits, their outbox rows and the
cards' mark are committed together, so a crash repeats the batch and the unique pair makes the
repeat harmless.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
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


def _owner_hears(dev: FitCandidate, users: Mapping[int, UserRecord]) -> bool:
    owner = users.get(dev.owner_user_id) if dev.owner_user_id is not None else None
    return owner is not None and owner.active and (
        dev.team_id is None or owner.team_id == dev.team_id)


def who_hears(dev: FitCandidate, users: Mapping[int, UserRecord]) -> UserRecord | None:
    """The developer's owner; if they left (inactive, or now in another team) the lead of the
    developer's team; with no team, the first admin."""
    owner = users.get(dev.owner_user_id) if dev.owner_user_id is not None else None
    if owner is not None and _owner_hears(dev, users):
        return owner
    team = dev.team_id if dev.team_id is not None else (owner.team_id if owner else None)
    active = sorted((u for u in users.values() if u.active), key=lambda u: u.id)
    leads = [u for u in active if u.role == "lead" and team is not None and u.team_id == team]
    admins = [u for u in active if u.is_admin]
    chosen = leads or admins
    return chosen[0] if chosen else None


async def _users_needed(
    uow: UnitOfWork, found: Sequence[FitCandidate], held: Collection[int]
) -> dict[int, UserRecord]:
    """The users a pass reads: the candidates' owners and the owners whose fits wait for a
    digest. Everyone only when an owner cannot hear (left, or now in another team), for the
    leads and admins `who_hears` then picks from: not the whole team on every pass."""
    users = uow.repo(UserRepo)
    wanted = {d.owner_user_id for d in found if d.owner_user_id is not None} | set(held)
    known = await users.many(wanted)
    if all(_owner_hears(d, known) for d in found):
        return known
    return {u.id: u for u in await users.all()}


def _threshold(prefs: FitPrefsRecord | None, settings: FitSettings) -> float:
    return float(prefs.threshold) if prefs and prefs.threshold is not None else settings.threshold


async def _candidates(
    uow: UnitOfWork, card: CardRecord, settings: FitSettings, now: datetime
) -> list[FitCandidate]:
    """The bench developers the card's profile may fit (none for a card too old or too vague)."""
    if card.kind != "request" or card.first_seen_at < now - timedelta(
        hours=settings.max_card_age_hours
    ):
        return []
    profile = request_profile(card, now.date())
    if not profile.stack and not card.roles:
        return []  # nothing to match on: any "fit" would be noise
    return await uow.repo(FitRepo).candidates(
        latest_start(profile.start, settings.available_within_days),
        stack_variants(profile.stack), card.roles, rate_window(profile), grades_allowed(profile),
    )


def fits_for_card(
    card: CardRecord, found: Sequence[FitCandidate], settings: FitSettings,
    users: Mapping[int, UserRecord], prefs: Mapping[int, FitPrefsRecord], now: datetime,
) -> list[NewFit]:
    """Every candidate who fits `card`, each with who hears about it (not yet stored)."""
    if not found:
        return []
    profile = request_profile(card, now.date())
    scorer = Scorer(profile)
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
    a digest), and flushes digests that came due; one transaction. Reads only the users and
    preferences the pass needs: an idle pass with no digest waiting reads neither."""
    now = now or datetime.now(UTC)
    async with uow:
        repo = uow.repo(FitRepo)
        cards = await repo.claim_unmatched(batch)
        found = [(card, await _candidates(uow, card, settings, now)) for card in cards]
        held = await repo.held_owners()
        if not held and not any(devs for _, devs in found):
            await repo.mark_matched([c.id for c in cards], now)
            await uow.commit()
            return FitMatchResult(len(cards), 0, 0)
        users = await _users_needed(uow, [d for _, devs in found for d in devs], held)
        prefs = await repo.all_prefs()
        staged = [fit for card, devs in found
                  for fit in fits_for_card(card, devs, settings, users, prefs, now)]
        fresh = await repo.add_new(staged, "held")
        queued = await deliver(uow, settings, fresh, users, prefs, now)
        await repo.mark_matched([c.id for c in cards], now)
        await uow.commit()
    return FitMatchResult(len(cards), len(fresh), queued)
