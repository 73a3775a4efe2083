"""A chain's e-mail the outbox gave up on (a bounce, a dead letter): it is written into the
chain, and the chain goes on to its next step (the owner's task) at once rather than waiting
out the hours meant for an answer that cannot come."""

from __future__ import annotations

from datetime import datetime

from crm.outreach_notices import KIND
from crm.outreach_steps import log_step
from db.records.outbox import NotificationRecord
from db.repositories.outreach import OutreachRepo
from db.uow import UnitOfWork

ERROR_MAX = 500


def is_chain_email(note: NotificationRecord) -> bool:
    return note.kind == KIND and note.channel == "email" and "run_id" in note.payload


async def email_bounced(uow: UnitOfWork, note: NotificationRecord, error: str,
                        now: datetime) -> bool:
    """Stages, in the outbox's own transaction: the e-mail step failed with the reason, the
    card's history, and the next step due now. True when the chain was moved on."""
    repo = uow.repo(OutreachRepo)
    run = await repo.run(int(note.payload["run_id"]))
    if run is None:
        return False
    steps = await repo.steps(run.id)
    step_id = note.payload.get("step_id")
    sent = [s for s in steps if s.kind == "email" and (s.id == step_id or step_id is None)]
    if not sent:
        return False
    step, reason = sent[-1], f"bounced: {error}"[:ERROR_MAX]
    await repo.update_step(step.id, status="failed", error=reason)
    await log_step(uow, run, step, "bounced", step.text, error=reason)
    waiting = [s for s in steps if s.status == "pending" and s.sending_since is None]
    if run.status != "active" or not waiting:
        return False
    await repo.update_step(waiting[0].id, due_at=now)
    return True
