"""Outbox rows of follow-up chains: the e-mail to the client, and what owners and admins hear
(the bot renders them from the payload in the reader's language)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from db.records.outreach import RunRecord
from db.repositories.outbox import OutboxRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

KIND = "followup"


def owner_row(run: RunRecord, event: str, key: str, **payload: Any) -> dict[str, Any] | None:
    if run.owner_user_id is None:
        return None
    return {"kind": KIND, "channel": "telegram", "user_id": run.owner_user_id,
            "request_id": run.request_id, "dedup_key": f"outreach:{run.id}:{event}:{key}",
            "payload": {"event": event, "run_id": run.id, **payload}}


def email_row(run: RunRecord, step_id: int, subject: str, text: str,
              reply_to: str | None) -> dict[str, Any] | None:
    """The client's e-mail, sent on the owner's row: the outbox retries it and ends it dead."""
    if run.owner_user_id is None or not run.email:
        return None
    return {"kind": KIND, "channel": "email", "user_id": run.owner_user_id,
            "request_id": run.request_id, "dedup_key": f"outreach-step:{step_id}",
            "payload": {"event": "email", "run_id": run.id, "step_id": step_id, "to": run.email,
                        "subject": subject, "text": text, "reply_to": reply_to}}


async def stage(uow: UnitOfWork, *rows: dict[str, Any] | None) -> int:
    return await uow.repo(OutboxRepo).add_many([r for r in rows if r is not None])


async def tell_admins(uow: UnitOfWork, account: str, reason: str, until: datetime) -> int:
    admins = [u for u in await uow.repo(UserRepo).all() if u.is_admin and u.active]
    return await uow.repo(OutboxRepo).add_many([
        {"kind": KIND, "channel": "telegram", "user_id": admin.id,
         "dedup_key": f"outreach-paused:{account}:{until.isoformat()}",
         "payload": {"event": "paused", "account": account, "reason": reason,
                     "until": until.isoformat()}}
        for admin in admins])
