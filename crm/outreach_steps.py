"""What a due step does inside its transaction (the e-mail and the task, which only stage
rows), how its outcome is written to the history, and how the chain moves on."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from crm.outreach_chains import ChainBook
from crm.outreach_choice import pick_template
from crm.outreach_hours import add_working_hours, next_open
from crm.outreach_notices import email_row, owner_row, stage
from crm.outreach_templates import render
from db.records.outreach import RunRecord, StepRecord
from db.repositories.activities import ActivityRepo
from db.repositories.outreach import OutreachRepo, OutreachTemplateRepo
from db.uow import UnitOfWork

TASK_TITLE_MAX = 255
HISTORY_TEXT_MAX = 500


@dataclass(frozen=True)
class StepContext:
    book: ChainBook
    rng: random.Random
    floor: float
    reply_to: str | None


async def log_step(uow: UnitOfWork, run: RunRecord, step: StepRecord, status: str,
                   text: str | None = None, error: str | None = None) -> None:
    await uow.repo(ActivityRepo).add(
        "outreach_step", user_id=None, request_id=run.request_id, client_id=run.client_id,
        payload={"run_id": run.id, "step": step.name, "kind": step.kind, "status": status,
                 "text": (text or "")[:HISTORY_TEXT_MAX], "error": error})


async def advance(uow: UnitOfWork, ctx: StepContext, run: RunRecord, step: StepRecord,
                  now: datetime, *, immediate: bool = False) -> None:
    """The chain's next step, due after its wait; none left: the run is done. A step that
    reached nobody (`immediate`) leaves nothing to wait for, so the next one is due now."""
    repo = uow.repo(OutreachRepo)
    current = await repo.run(run.id)
    if current is None or current.status != "active":
        return
    steps = ctx.book.chain(run.chain).steps
    names = [s.name for s in steps]
    index = names.index(step.name) + 1 if step.name in names else len(steps)
    if index >= len(steps):
        await repo.update_run(run.id, status="done")
        return
    following = steps[index]
    if immediate:
        due = now
    elif following.after_working_hours:
        due = add_working_hours(now, following.after_working_hours, run.timezone)
    else:
        due = now + timedelta(hours=following.after_hours)
    await repo.add_step(run_id=run.id, position=step.position + 1, name=following.name,
                        kind=following.kind, due_at=due)


async def skip(uow: UnitOfWork, ctx: StepContext, run: RunRecord, step: StepRecord,
               now: datetime, reason: str, status: str = "skipped") -> None:
    await uow.repo(OutreachRepo).update_step(step.id, status=status, error=reason, done_at=now)
    await log_step(uow, run, step, status, error=reason)
    await advance(uow, ctx, run, step, now, immediate=True)


async def send_email(uow: UnitOfWork, ctx: StepContext, run: RunRecord, step: StepRecord,
                     now: datetime) -> None:
    """The e-mail is an outbox row staged with the step's end: both happen, or neither."""
    if not run.email:
        await skip(uow, ctx, run, step, now, "no_email")
        return
    opens = next_open(now, run.timezone)
    if opens > now:
        await uow.repo(OutreachRepo).update_step(step.id, due_at=opens)
        return
    template = await pick_template(uow, "email", run.language, run.segment, ctx.rng, ctx.floor,
                                   values=run.variables)
    if template is None:
        await skip(uow, ctx, run, step, now, "no_template", status="failed")
        return
    subject = render(template.subject or "", run.variables)
    # Nothing reached them yet (no DM): the text the manager confirmed is the first message,
    # and being theirs, it is no template's send.
    own = run.first_sent_at is None and bool(run.first_text)
    body = (run.first_text or "") if own else render(template.body, run.variables)
    counted = None if own else template.id
    await stage(uow, email_row(run, step.id, subject, body, ctx.reply_to))
    await uow.repo(OutreachRepo).update_step(step.id, status="done", done_at=now,
                                             template_id=counted, text=body)
    if counted is not None:
        await uow.repo(OutreachTemplateRepo).count(counted, run.segment, sends=1)
    if run.first_sent_at is None:
        await uow.repo(OutreachRepo).update_run(run.id, first_sent_at=now)
    await log_step(uow, run, step, "done", body)
    await advance(uow, ctx, run, step, now)


async def make_task(uow: UnitOfWork, ctx: StepContext, run: RunRecord, step: StepRecord,
                    now: datetime) -> None:
    """The owner's turn: a task with the text to use, and a notice in the bot."""
    # The text the manager confirmed at the start is the one to use now.
    template = None if run.first_text else await pick_template(
        uow, "telegram", run.language, run.segment, ctx.rng, ctx.floor, values=run.variables)
    text = render(template.body, run.variables) if template else (run.first_text or "")
    name = run.variables.get("name") or run.variables.get("company") or run.person_key
    task = await uow.repo(ActivityRepo).add_task(
        request_id=run.request_id, client_id=run.client_id, assignee_id=run.owner_user_id,
        title=f"{name}: {run.variables.get('title', '')}"[:TASK_TITLE_MAX], origin="outreach",
        due_at=now)
    await uow.repo(OutreachRepo).update_step(step.id, status="done", done_at=now, text=text,
                                             template_id=template.id if template else None)
    await log_step(uow, run, step, "done", text)
    await stage(uow, owner_row(run, "task", str(step.id), text=text, task_id=task.id,
                               title=run.variables.get("title", "")))
    await advance(uow, ctx, run, step, now)
