"""Private messages the userbot receives: a chain's recipient answering stops the chain and
tells its owner; an opt-out stops every chain to that person for good."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from crm.outreach_notices import owner_row, stage
from crm.outreach_people import person_keys
from db.records.outreach import RunRecord
from db.repositories.activities import ActivityRepo
from db.repositories.outreach import OutreachRepo, OutreachTemplateRepo
from db.uow import UnitOfWork

# What a chain writes in the card's and the client's history.
OUTREACH_KINDS = ("outreach_started", "outreach_step", "outreach_reply", "outreach_stopped",
                  "outreach_opt_out")
REPLY_MAX = 3000
NOTICE_TEXT_MAX = 1000
# Short messages that are only a refusal; a longer reply that merely contains "stop" is not.
OPT_OUT = re.compile(
    r"(не\s+пиш|не\s+беспоко|отпиш|удалите\s+(меня|мой)|прекратите|спам|"
    r"\bstop\b|unsubscribe|don'?t\s+(write|message|contact)|do\s+not\s+(write|message|contact)|"
    r"leave\s+me\s+alone|remove\s+me)",
    re.IGNORECASE,
)
OPT_OUT_MAX_CHARS = 200


@dataclass(frozen=True)
class ReplySeen:
    run: RunRecord | None  # the chain it answered; None when it answered none
    opted_out: bool
    stopped: int  # chains stopped by an opt-out


def is_opt_out(text: str) -> bool:
    return len(text) <= OPT_OUT_MAX_CHARS and OPT_OUT.search(text) is not None


async def close_with_reply(
    uow: UnitOfWork, run: RunRecord, text: str, at: datetime, *, channel: str,
    user_id: int | None = None, event: str = "reply",
) -> None:
    """Stages: the run replied, its pending steps cancelled, the answered template counted,
    the card's and client's history, and the owner's notice with the text."""
    repo = uow.repo(OutreachRepo)
    await repo.update_run(run.id, status="replied", replied_at=at, reply_text=text[:REPLY_MAX],
                          stop_reason="reply")
    await repo.cancel_pending(run.id)
    sent = [s for s in await repo.steps(run.id)
            if s.status == "done" and s.kind != "task" and s.done_at is not None]
    answered = sent[-1] if sent else None
    if answered is not None and answered.template_id is not None:
        await uow.repo(OutreachTemplateRepo).count(answered.template_id, run.segment, replies=1)
    since = run.first_sent_at or (answered.done_at if answered else None) or run.started_at
    seconds = max(int((at - since).total_seconds()), 0)
    await uow.repo(ActivityRepo).add(
        "outreach_reply", user_id=user_id, request_id=run.request_id, client_id=run.client_id,
        payload={"run_id": run.id, "channel": channel, "text": text[:NOTICE_TEXT_MAX],
                 "seconds_to_reply": seconds})
    await stage(uow, owner_row(run, event, "1", text=text[:NOTICE_TEXT_MAX], channel=channel,
                               seconds=seconds))


async def _opt_out(uow: UnitOfWork, tg_user_id: int, text: str, email: str | None) -> int:
    repo = uow.repo(OutreachRepo)
    runs = await repo.active_for(tg_user_id, None)
    emails = {r.email for r in runs if r.email} | ({email} if email else set())
    keys = {*person_keys(tg_user_id, None), *(k for e in emails for k in person_keys(None, e))}
    await repo.add_opt_outs(sorted(keys), text)
    for email in emails:  # the same person reached by e-mail in another chain
        runs += [r for r in await repo.active_for(None, email) if r not in runs]
    for run in runs:
        await repo.update_run(run.id, status="stopped", stop_reason="opt_out")
        await repo.cancel_pending(run.id)
        await uow.repo(ActivityRepo).add(
            "outreach_opt_out", user_id=None, request_id=run.request_id,
            client_id=run.client_id, payload={"run_id": run.id, "text": text[:NOTICE_TEXT_MAX]})
        await stage(uow, owner_row(run, "opt_out", "1", text=text[:NOTICE_TEXT_MAX]))
    return len(runs)


async def record_private_message(
    uow: UnitOfWork, tg_user_id: int, text: str, at: datetime, reply_window: timedelta,
) -> ReplySeen:
    """One transaction: the reply (if it answers a chain) and the opt-out (if it is one)."""
    async with uow:
        run = await uow.repo(OutreachRepo).latest_of(tg_user_id, at - reply_window)
        opted = is_opt_out(text)
        if run is not None:  # a refusal is an answer too: its owner hears it as one
            await close_with_reply(uow, run, text, at, channel="telegram",
                                   event="opt_out" if opted else "reply")
        stopped = await _opt_out(uow, tg_user_id, text, run.email if run else None) if opted else 0
        await uow.commit()
    return ReplySeen(run, opted, stopped)
