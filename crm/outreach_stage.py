"""A card that changes stage stops its running chains in the same transaction: a message
about a request the client has since won, lost or moved on would be worse than none."""

from __future__ import annotations

from db.repositories.activities import ActivityRepo
from db.repositories.outreach import OutreachRepo
from db.uow import UnitOfWork

STAGE_CHANGED = "stage_changed"


async def stop_for_stage(uow: UnitOfWork, user_id: int | None, card_id: int,
                         to_stage: str) -> int:
    """Stages the stop of every active chain about the card; returns how many stopped."""
    repo = uow.repo(OutreachRepo)
    stopped = 0
    for run in await repo.active_of_card(card_id):
        # Steps before the run, as the worker locks them: a due step being worked on is
        # waited for, not deadlocked with. A DM in flight is left to its worker.
        await repo.cancel_pending(run.id)
        if not await repo.stop_active(run.id, STAGE_CHANGED):
            continue  # answered or stopped a moment ago: that outcome stands
        stopped += 1
        await uow.repo(ActivityRepo).add(
            "outreach_stopped", user_id=user_id, request_id=card_id, client_id=run.client_id,
            payload={"run_id": run.id, "reason": STAGE_CHANGED, "stage": to_stage})
    return stopped
