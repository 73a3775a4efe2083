"""Executing follow-up chains: claim one due step (FOR UPDATE SKIP LOCKED), do it, record it.

E-mails and tasks only stage rows, so each is done in the claim's own transaction: exactly
once, whatever crashes. A DM leaves the process, so it follows the outbox's rule: the claim
stamps `sending_since` and commits, the send holds no transaction, the outcome is written
only if the stamp is still this claim's. A stamp found by a later claim means a worker died
mid-send: the DM may have left, so it is recorded as sent (`unconfirmed`) and never sent again.
That is the one window, and it loses a message rather than writing to a stranger twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from crm.outreach_chains import ChainBook
from crm.outreach_choice import pick_template
from crm.outreach_hours import next_open
from crm.outreach_notices import tell_admins
from crm.outreach_people import person_keys
from crm.outreach_sender import DmOutcome, DmResult, DmSender
from crm.outreach_settings import OutreachSettings
from crm.outreach_stage import STAGE_CHANGED
from crm.outreach_steps import StepContext, advance, log_step, make_task, send_email, skip
from crm.outreach_templates import render
from db.records.outreach import RunRecord, StepRecord
from db.repositories.outreach import OutreachRepo, OutreachTemplateRepo
from db.repositories.pipeline import PipelineRepo
from db.uow import UnitOfWork

log = logging.getLogger(__name__)

SEND_TIMEOUT_SECONDS = 20.0
TRANSIENT_RETRY = timedelta(minutes=1)
PEER_FLOOD_PAUSE = timedelta(hours=24)


@dataclass(frozen=True)
class Claimed:
    step: StepRecord
    run: RunRecord
    text: str
    claimed_at: datetime


class OutreachWorker:
    def __init__(self, book: ChainBook, settings: OutreachSettings, dm: DmSender | None = None,
                 rng: random.Random | None = None) -> None:
        self.settings = settings
        self.dm = dm
        self.ctx = StepContext(book, rng or random.Random(), settings.exploration_floor,
                               settings.reply_to)
        # A worker without a userbot (the demo's) leaves DMs to the collector's, all but those
        # with nobody to write to.
        self.kinds = ("telegram", "email", "task") if dm else ("email", "task")

    async def run_next(self, uow: UnitOfWork, now: datetime | None = None) -> StepRecord | None:
        """Does one due step; None when nothing is due (or every due step is locked)."""
        clock = now
        now = now or datetime.now(UTC)
        async with uow:
            step = await uow.repo(OutreachRepo).claim_due(now, self.kinds,
                                                          personless_dms=self.dm is None)
            if step is None:
                return None
            claimed = await self._begin(uow, step, now)
            await uow.commit()
        if claimed is not None:
            result = await self._send(claimed)
            await self._finish(uow, claimed, result, clock or datetime.now(UTC))
        return step

    async def drain(self, uow: UnitOfWork, now: datetime | None = None) -> int:
        done = 0
        while await self.run_next(uow, now) is not None:
            done += 1
        return done

    async def _begin(self, uow: UnitOfWork, step: StepRecord, now: datetime) -> Claimed | None:
        repo = uow.repo(OutreachRepo)
        run = await repo.run(step.run_id)
        assert run is not None  # steps cascade with their run
        if step.sending_since is not None:
            log.warning("outreach step %s: an earlier send never completed; taken as sent",
                        step.id)
            await self._sent(uow, run, step, now, unconfirmed=True)
            return None
        if run.status != "active":
            await repo.update_step(step.id, status="cancelled")
            return None
        reason = await self._stop_reason(uow, run)
        if reason is not None:
            await repo.update_run(run.id, status="stopped", stop_reason=reason)
            await repo.cancel_pending(run.id)
            await log_step(uow, run, step, "cancelled", error=reason)
            return None
        if step.kind == "email":
            await send_email(uow, self.ctx, run, step, now)
        elif step.kind == "task":
            await make_task(uow, self.ctx, run, step, now)
        else:
            return await self._claim_dm(uow, run, step, now)
        return None

    async def _stop_reason(self, uow: UnitOfWork, run: RunRecord) -> str | None:
        if await uow.repo(OutreachRepo).opted_out(person_keys(run.tg_user_id, run.email)):
            return "opt_out"
        card = await uow.repo(PipelineRepo).card(run.request_id) if run.request_id else None
        if card is None or card.stage != run.stage_at_start:
            return STAGE_CHANGED
        return None

    async def _claim_dm(self, uow: UnitOfWork, run: RunRecord, step: StepRecord,
                        now: datetime) -> Claimed | None:
        repo = uow.repo(OutreachRepo)
        if run.tg_user_id is None:  # a channel's post: straight on to the e-mail or the task
            await skip(uow, self.ctx, run, step, now, "no_person")
            return None
        assert self.dm is not None  # a worker without one claims only such personless steps
        wait = max(next_open(now, run.timezone), await self._gate(uow, self.dm.account, now))
        if wait > now:
            await repo.update_step(step.id, due_at=wait)
            return None
        if step.position == 0 and run.first_text:
            text, template_id = run.first_text, step.template_id
        else:
            template = await pick_template(uow, "telegram", run.language, run.segment,
                                           self.ctx.rng, self.ctx.floor, values=run.variables)
            if template is None:
                await skip(uow, self.ctx, run, step, now, "no_template", status="failed")
                return None
            text, template_id = render(template.body, run.variables), template.id
        lease = now + timedelta(seconds=self.settings.lease_seconds)
        await repo.update_step(step.id, sending_since=now, due_at=lease, text=text,
                               template_id=template_id, account=self.dm.account)
        return Claimed(step, run, text, now)

    async def _gate(self, uow: UnitOfWork, account: str, now: datetime) -> datetime:
        """The earliest moment this account may write its next first message."""
        repo = uow.repo(OutreachRepo)
        await repo.hold_account(account)
        paused = await repo.paused_until(account)
        hour, last = await repo.dms_sent(account, now - timedelta(hours=1))
        day, _ = await repo.dms_sent(account, now - timedelta(days=1))
        allowed = [paused or now]
        if last is not None:
            allowed.append(last + timedelta(seconds=self.settings.pacing_seconds))
        if hour >= self.settings.first_messages_per_hour:
            allowed.append(now + timedelta(minutes=10))
        if day >= self.settings.first_messages_per_day:
            allowed.append(now + timedelta(hours=1))
        return max(allowed)

    async def _send(self, claimed: Claimed) -> DmResult:
        assert self.dm is not None and claimed.run.tg_user_id is not None
        try:
            async with asyncio.timeout(SEND_TIMEOUT_SECONDS):
                return await self.dm.send(claimed.run.tg_user_id, claimed.text)
        except TimeoutError:
            # It may have left: the stamp stays, and the next claim takes it as sent.
            return DmResult(DmOutcome.UNCERTAIN, error="send timed out")
        except Exception as exc:
            log.exception("outreach step %s: the sender failed", claimed.step.id)
            return DmResult(DmOutcome.TRANSIENT, error=repr(exc)[:500])

    async def _finish(self, uow: UnitOfWork, claimed: Claimed, result: DmResult,
                      now: datetime) -> None:
        step, run = claimed.step, claimed.run
        async with uow:
            repo = uow.repo(OutreachRepo)
            if result.outcome is DmOutcome.UNCERTAIN:
                return
            if result.outcome is DmOutcome.SENT:
                if await repo.finish_step(step.id, claimed.claimed_at):
                    await self._sent(uow, run, step, now, text=claimed.text)
            elif result.outcome is DmOutcome.UNREACHABLE:
                if await repo.finish_step(step.id, claimed.claimed_at):
                    await skip(uow, self.ctx, run, step, now, result.error or "unreachable",
                               status="failed")
            elif result.outcome is DmOutcome.TRANSIENT:
                await repo.finish_step(step.id, claimed.claimed_at, due_at=now + TRANSIENT_RETRY,
                                       error=result.error)
            else:
                pause = (PEER_FLOOD_PAUSE if result.outcome is DmOutcome.PEER_FLOOD
                         else timedelta(seconds=result.seconds))
                until, account = now + pause, step_account(self.dm)
                await repo.finish_step(step.id, claimed.claimed_at, due_at=until,
                                       error=result.outcome.value)
                await repo.pause(account, until, result.outcome.value)
                await tell_admins(uow, account, result.outcome.value, until)
            await uow.commit()

    async def _sent(self, uow: UnitOfWork, run: RunRecord, step: StepRecord, now: datetime,
                    *, text: str | None = None, unconfirmed: bool = False) -> None:
        repo = uow.repo(OutreachRepo)
        await repo.update_step(step.id, status="done", done_at=now, sending_since=None,
                               unconfirmed=unconfirmed)
        if step.template_id is not None:
            await uow.repo(OutreachTemplateRepo).count(step.template_id, run.segment, sends=1)
        if run.first_sent_at is None:
            await repo.update_run(run.id, first_sent_at=now)
        await log_step(uow, run, step, "unconfirmed" if unconfirmed else "done",
                       text or step.text)
        await advance(uow, self.ctx, run, step, now)


def step_account(dm: DmSender | None) -> str:
    return dm.account if dm else "-"


async def work(uow: UnitOfWork, worker: OutreachWorker, stop: asyncio.Event) -> None:
    """The loop: drain what is due, sleep, survive the database going away."""
    while not stop.is_set():
        try:
            await worker.drain(uow)
        except Exception:
            log.exception("outreach worker: a step failed; retrying after a pause")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), worker.settings.poll_seconds)
