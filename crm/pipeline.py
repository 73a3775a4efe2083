"""The sales pipeline: explicit stage transitions, each recorded with who/when/why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from crm.access import managed_card, visible_card
from crm.errors import AccessDenied, CrmInputError, InvalidTransition
from crm.outreach_stage import stop_for_stage
from crm.settings import CrmSettings
from db.models.enums import OPEN_STAGES
from db.records.pipeline import PipelineCardRecord, StageChangeRecord
from db.records.users import UserRecord
from db.repositories.activities import ActivityRepo
from db.repositories.outbox import OutboxRepo
from db.repositories.pipeline import PipelineRepo
from db.uow import UnitOfWork

# Forward along the funnel, one step back where real deals slip, lost from anywhere open;
# a lost request can be reopened, a won one is final.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("in_work", "lost"),
    "in_work": ("proposed", "lost"),
    "proposed": ("interview", "in_work", "lost"),
    "interview": ("offer", "proposed", "lost"),
    "offer": ("won", "interview", "lost"),
    "won": (),
    "lost": ("in_work",),
}
REASON_MAX = 255
STALE_BATCH = 500


def allowed(from_stage: str, to_stage: str) -> bool:
    return to_stage in TRANSITIONS.get(from_stage, ())


async def apply_move(
    uow: UnitOfWork, user: UserRecord, card: PipelineCardRecord, to_stage: str,
    reason: str | None = None, *, now: datetime | None = None,
) -> None:
    """Stages one move inside the caller's transaction: card, stage_changes, activity log,
    and the stop of the card's running follow-up chains."""
    if not allowed(card.stage, to_stage):
        raise InvalidTransition(card.stage, to_stage)
    if to_stage == "lost" and not (reason and reason.strip()):
        raise CrmInputError("lost_reason_required")
    now = now or datetime.now(UTC)
    reason = reason.strip()[:REASON_MAX] if reason else None
    values: dict[str, object] = {"stage": to_stage, "stage_changed_at": now}
    values["lost_reason"] = reason if to_stage == "lost" else None
    if card.owner_user_id is None:
        values["owner_user_id"] = user.id
        # Taking a request makes it the team's: other teams stop seeing it in their feeds.
        if card.team_id is None:
            values["team_id"] = user.team_id
    await uow.repo(PipelineRepo).update(card.id, **values)
    await uow.repo(PipelineRepo).add_change(card.id, user.id, card.stage, to_stage, reason, now)
    await uow.repo(ActivityRepo).add(
        "stage", user_id=user.id, request_id=card.id, client_id=card.client_id, at=now,
        payload={"from": card.stage, "to": to_stage, "reason": reason},
    )
    await stop_for_stage(uow, user.id, card.id, to_stage)


async def move(
    uow: UnitOfWork, user: UserRecord, card_id: int, to_stage: str, reason: str | None = None,
    *, expected_stage: str | None = None,
) -> PipelineCardRecord:
    """Moves a card to `to_stage` (lost needs a reason); unowned cards become the user's.

    `expected_stage`: the stage the caller saw; if someone moved the card since, the move is
    refused (stage_changed) rather than applied on top of theirs.
    """
    async with uow:
        card = await managed_card(uow, user, card_id, lock=True, claim=to_stage == "in_work")
        if expected_stage is not None and card.stage != expected_stage:
            raise CrmInputError("stage_changed", f"{expected_stage} -> {card.stage}")
        await apply_move(uow, user, card, to_stage, reason)
        moved = await uow.repo(PipelineRepo).card(card_id)
        await uow.commit()
    assert moved is not None  # locked above
    return moved


async def take(uow: UnitOfWork, user: UserRecord, card_id: int) -> PipelineCardRecord:
    """Takes a new request into work (owner = user)."""
    return await move(uow, user, card_id, "in_work")


@dataclass(frozen=True)
class Overview:
    """'My requests': the cards (of one stage, or all) and how many there are per stage."""

    cards: list[PipelineCardRecord]
    counts: dict[str, int]


async def get(uow: UnitOfWork, user: UserRecord, card_id: int) -> PipelineCardRecord:
    """The card's pipeline view, if the user may see the card."""
    async with uow:
        await visible_card(uow, user, card_id)
        card = await uow.repo(PipelineRepo).card(card_id)
    assert card is not None  # visible_card found it
    return card


async def editable(uow: UnitOfWork, user: UserRecord, card_id: int) -> PipelineCardRecord:
    """The card if the user may change it; otherwise AccessDenied saying why (whose it is),
    asked before a screen that leads to a change, so nobody picks a reason to be refused."""
    async with uow:
        return await managed_card(uow, user, card_id)


async def overview(
    uow: UnitOfWork, user: UserRecord, stage: str | None = None, limit: int = 20,
    offset: int = 0,
) -> Overview:
    """The user's own requests of `stage` (or all), with the per-stage counts."""
    async with uow:
        repo = uow.repo(PipelineRepo)
        stages = (stage,) if stage else ()
        return Overview(
            cards=await repo.cards(owner_id=user.id, stages=stages, limit=limit, offset=offset),
            counts=await repo.stage_counts(owner_id=user.id),
        )


async def history(uow: UnitOfWork, user: UserRecord, card_id: int) -> list[StageChangeRecord]:
    """Every stage move of the card, oldest first."""
    async with uow:
        await managed_card(uow, user, card_id)
        return await uow.repo(PipelineRepo).changes(card_id)


async def my_requests(
    uow: UnitOfWork, user: UserRecord, stage: str | None = None, limit: int = 50
) -> list[PipelineCardRecord]:
    """The user's own requests, optionally of one stage, most recently moved first."""
    async with uow:
        stages = (stage,) if stage else ()
        return await uow.repo(PipelineRepo).cards(owner_id=user.id, stages=stages, limit=limit)


async def team_requests(
    uow: UnitOfWork, user: UserRecord, stage: str | None = None, limit: int = 50,
    offset: int = 0,
) -> list[PipelineCardRecord]:
    """A lead's team's requests; an admin's view is every team's."""
    if not (user.active and user.is_lead):
        raise AccessDenied("leads only", "leads_only")
    team_id = None if user.is_admin else user.team_id
    async with uow:
        stages = (stage,) if stage else ()
        return await uow.repo(PipelineRepo).cards(
            team_id=team_id, stages=stages, limit=limit, offset=offset)


async def stage_counts(uow: UnitOfWork, user: UserRecord, *, team: bool = False) -> dict[str, int]:
    """How many requests per stage: the user's own, or (leads) the team's."""
    if team and not (user.active and user.is_lead):
        raise AccessDenied("leads only", "leads_only")
    async with uow:
        repo = uow.repo(PipelineRepo)
        if not team:
            return await repo.stage_counts(owner_id=user.id)
        return await repo.stage_counts(team_id=None if user.is_admin else user.team_id)


async def remind_stale(uow: UnitOfWork, settings: CrmSettings, now: datetime | None = None) -> int:
    """Queues one reminder per owned open card quiet for `stale_after_days`; returns how many.

    reminded_at is set in the same transaction as the outbox insert, and the dedup key names
    the quiet period, so a second run (or a crashed one re-run) never reminds twice.
    """
    now = now or datetime.now(UTC)
    async with uow:
        cards = await uow.repo(PipelineRepo).stale(
            OPEN_STAGES, now - timedelta(days=settings.stale_after_days), STALE_BATCH
        )
        rows = [_stale_notification(card, now) for card in cards]
        added = await uow.repo(OutboxRepo).add_many(rows)
        await uow.repo(PipelineRepo).mark_reminded([c.id for c in cards], now)
        await uow.commit()
    return added


def _stale_notification(card: PipelineCardRecord, now: datetime) -> dict[str, object]:
    quiet_since = card.stage_changed_at
    return {
        "kind": "reminder", "channel": "telegram", "user_id": card.owner_user_id,
        "request_id": card.id,
        "dedup_key": f"stale:{card.id}:{int(quiet_since.timestamp())}",
        "payload": {
            "reason": "stale", "title": card.title, "stage": card.stage,
            "days": (now - quiet_since).days,
        },
    }
