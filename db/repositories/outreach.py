"""Follow-up chains: templates and their counts, runs, steps and the due-step claim."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Client,
    OutreachOptOut,
    OutreachPause,
    OutreachRun,
    OutreachStep,
    OutreachTemplate,
    OutreachTemplateStat,
)
from db.records.outreach import RunRecord, StepRecord, TemplateRecord, TemplateStatRecord


def template_record(row: OutreachTemplate) -> TemplateRecord:
    return TemplateRecord(row.id, row.key, row.step_kind, row.language, row.subject, row.body,
                          row.retired_at)


def run_record(row: OutreachRun) -> RunRecord:
    return RunRecord(
        id=row.id, chain=row.chain, request_id=row.request_id, client_id=row.client_id,
        owner_user_id=row.owner_user_id, person_key=row.person_key, tg_user_id=row.tg_user_id,
        email=row.email, segment=row.segment, language=row.language, timezone=row.timezone,
        stage_at_start=row.stage_at_start, first_text=row.first_text, status=row.status,
        stop_reason=row.stop_reason, reply_text=row.reply_text, replied_at=row.replied_at,
        first_sent_at=row.first_sent_at, started_at=row.started_at,
        variables={str(k): str(v) for k, v in (row.variables or {}).items()},
    )


def step_record(row: OutreachStep) -> StepRecord:
    return StepRecord(
        id=row.id, run_id=row.run_id, position=row.position, name=row.name, kind=row.kind,
        due_at=row.due_at, status=row.status, sending_since=row.sending_since,
        unconfirmed=row.unconfirmed, template_id=row.template_id, account=row.account,
        text=row.text, error=row.error, done_at=row.done_at,
    )


class OutreachTemplateRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_missing(self, rows: Sequence[dict[str, Any]]) -> int:
        """Templates from the chain file not stored yet; an admin's edits are never overwritten."""
        if not rows:
            return 0
        query = insert(OutreachTemplate).values(list(rows)).on_conflict_do_nothing(
            index_elements=["key"]).returning(OutreachTemplate.id)
        return len((await self.session.execute(query)).all())

    async def get(self, template_id: int) -> TemplateRecord | None:
        row = await self.session.get(OutreachTemplate, template_id)
        return template_record(row) if row else None

    async def update(self, template_id: int, **values: Any) -> None:
        await self.session.execute(sa.update(OutreachTemplate)
                                   .where(OutreachTemplate.id == template_id).values(**values))

    async def live(self, step_kind: str, language: str) -> list[TemplateRecord]:
        query = sa.select(OutreachTemplate).where(
            OutreachTemplate.step_kind == step_kind, OutreachTemplate.language == language,
            OutreachTemplate.retired_at.is_(None)).order_by(OutreachTemplate.id)
        return [template_record(r) for r in await self.session.scalars(query)]

    async def counts(
        self, template_ids: Sequence[int], segment: str
    ) -> dict[int, tuple[int, int]]:
        query = sa.select(OutreachTemplateStat.template_id, OutreachTemplateStat.sends,
                          OutreachTemplateStat.replies).where(
            OutreachTemplateStat.template_id.in_(list(template_ids)),
            OutreachTemplateStat.segment == segment)
        return {t: (s, r) for t, s, r in (await self.session.execute(query)).all()}

    async def count(self, template_id: int, segment: str, *, sends: int = 0,
                    replies: int = 0) -> None:
        stat = OutreachTemplateStat
        query = insert(stat).values(template_id=template_id, segment=segment, sends=sends,
                                    replies=replies)
        await self.session.execute(query.on_conflict_do_update(
            index_elements=["template_id", "segment"],
            set_={"sends": stat.sends + sends, "replies": stat.replies + replies}))

    async def stats(self) -> list[TemplateStatRecord]:
        """Every template with each segment it was sent in (a template never sent: no row)."""
        query = (sa.select(OutreachTemplate, OutreachTemplateStat.segment,
                           OutreachTemplateStat.sends, OutreachTemplateStat.replies)
                 .join(OutreachTemplateStat, isouter=True)
                 .order_by(OutreachTemplateStat.segment, OutreachTemplate.id))
        return [TemplateStatRecord(template_record(t), seg or "", s or 0, r or 0)
                for t, seg, s, r in (await self.session.execute(query)).all()]


class OutreachRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_run(self, **values: Any) -> RunRecord:
        row = OutreachRun(**values)
        self.session.add(row)
        await self.session.flush()
        await self.session.refresh(row)
        return run_record(row)

    async def run(self, run_id: int, *, lock: bool = False) -> RunRecord | None:
        query = sa.select(OutreachRun).where(OutreachRun.id == run_id)
        row = await self.session.scalar(query.with_for_update() if lock else query)
        return run_record(row) if row else None

    async def update_run(self, run_id: int, **values: Any) -> None:
        await self.session.execute(
            sa.update(OutreachRun).where(OutreachRun.id == run_id).values(**values))

    async def active_for(self, tg_user_id: int | None, email: str | None) -> list[RunRecord]:
        people = [c for c in (
            OutreachRun.tg_user_id == tg_user_id if tg_user_id is not None else None,
            sa.func.lower(OutreachRun.email) == email.lower() if email else None) if c is not None]
        if not people:
            return []
        query = sa.select(OutreachRun).where(OutreachRun.status == "active", sa.or_(*people))
        return [run_record(r) for r in await self.session.scalars(query.with_for_update())]

    async def active_of_card(self, request_id: int) -> list[RunRecord]:
        query = sa.select(OutreachRun).where(OutreachRun.request_id == request_id,
                                             OutreachRun.status == "active")
        return [run_record(r) for r in await self.session.scalars(query)]

    async def stop_active(self, run_id: int, reason: str) -> bool:
        """Stops the run unless it is no longer active; True when this call stopped it."""
        result = await self.session.execute(
            sa.update(OutreachRun)
            .where(OutreachRun.id == run_id, OutreachRun.status == "active")
            .values(status="stopped", stop_reason=reason))
        return bool(getattr(result, "rowcount", 0))

    async def latest_of(self, tg_user_id: int, since: datetime) -> RunRecord | None:
        """The newest run to this person that a message from them may answer."""
        query = (sa.select(OutreachRun)
                 .where(OutreachRun.tg_user_id == tg_user_id, OutreachRun.started_at >= since,
                        OutreachRun.status.in_(("active", "done")),
                        OutreachRun.replied_at.is_(None), OutreachRun.first_sent_at.is_not(None))
                 .order_by(OutreachRun.started_at.desc()).limit(1).with_for_update())
        row = await self.session.scalar(query)
        return run_record(row) if row else None

    async def runs_of(self, *, request_id: int | None = None,
                      client_id: int | None = None) -> list[RunRecord]:
        query = sa.select(OutreachRun).order_by(OutreachRun.started_at.desc()).limit(20)
        if request_id is not None:
            query = query.where(OutreachRun.request_id == request_id)
        if client_id is not None:
            query = query.where(OutreachRun.client_id == client_id)
        return [run_record(r) for r in await self.session.scalars(query)]

    async def lifecycle_of(self, client_id: int | None) -> str | None:
        if client_id is None:
            return None
        return await self.session.scalar(sa.select(Client.lifecycle).where(Client.id == client_id))

    async def add_step(self, **values: Any) -> StepRecord:
        row = OutreachStep(**values)
        self.session.add(row)
        await self.session.flush()
        await self.session.refresh(row)
        return step_record(row)

    async def steps(self, run_id: int) -> list[StepRecord]:
        query = sa.select(OutreachStep).where(OutreachStep.run_id == run_id)
        return [step_record(r) for r in await self.session.scalars(
            query.order_by(OutreachStep.position))]

    async def claim_due(
        self, now: datetime, kinds: Sequence[str], *, personless_dms: bool = False,
    ) -> StepRecord | None:
        """Locks one due step; SKIP LOCKED lets several workers take different steps.
        `personless_dms`: also the DM steps of runs with nobody to write to (skipped, which
        needs no userbot)."""
        kind: sa.ColumnElement[bool] = OutreachStep.kind.in_(list(kinds))
        if personless_dms:
            kind = sa.or_(kind, sa.and_(OutreachStep.kind == "telegram", OutreachStep.run_id.in_(
                sa.select(OutreachRun.id).where(OutreachRun.tg_user_id.is_(None)))))
        query = (sa.select(OutreachStep)
                 .where(OutreachStep.status == "pending", OutreachStep.due_at <= now, kind)
                 .order_by(OutreachStep.due_at, OutreachStep.id)
                 .limit(1).with_for_update(skip_locked=True))
        row = await self.session.scalar(query)
        return step_record(row) if row else None

    async def update_step(self, step_id: int, **values: Any) -> None:
        await self.session.execute(
            sa.update(OutreachStep).where(OutreachStep.id == step_id).values(**values))

    async def finish_step(self, step_id: int, claimed_at: datetime, **values: Any) -> bool:
        """Records a send's outcome unless another claim took the step since (lease expired)."""
        result = await self.session.execute(
            sa.update(OutreachStep)
            .where(OutreachStep.id == step_id, OutreachStep.sending_since == claimed_at)
            .values(sending_since=None, **values))
        return bool(getattr(result, "rowcount", 0))

    async def cancel_pending(self, run_id: int) -> None:
        """A step being sent right now is left to its worker, which records what happened."""
        await self.session.execute(
            sa.update(OutreachStep)
            .where(OutreachStep.run_id == run_id, OutreachStep.status == "pending",
                   OutreachStep.sending_since.is_(None))
            .values(status="cancelled"))

    async def hold_account(self, account: str) -> None:
        """Serialises the caps of one account across workers until this transaction ends."""
        await self.session.execute(sa.select(sa.func.pg_advisory_xact_lock(
            sa.func.hashtext(f"outreach:{account}"))))

    async def dms_sent(self, account: str, since: datetime) -> tuple[int, datetime | None]:
        """First messages this account sent (or is sending) since `since`, and its latest."""
        step = OutreachStep
        at = sa.func.coalesce(step.done_at, step.sending_since)
        mine = sa.and_(step.account == account, step.kind == "telegram", sa.or_(
            step.status == "done", step.sending_since.is_not(None)))
        count, last = (await self.session.execute(
            sa.select(sa.func.count().filter(at >= since), sa.func.max(at)).where(mine))).one()
        return int(count or 0), last

    async def opted_out(self, keys: Sequence[str]) -> bool:
        query = sa.select(OutreachOptOut.person_key).where(
            OutreachOptOut.person_key.in_(list(keys))).limit(1)
        return bool(keys) and await self.session.scalar(query) is not None

    async def add_opt_outs(self, keys: Sequence[str], phrase: str) -> None:
        if keys:
            rows = [{"person_key": k, "phrase": phrase[:255]} for k in keys]
            await self.session.execute(
                insert(OutreachOptOut).values(rows).on_conflict_do_nothing())

    async def paused_until(self, account: str) -> datetime | None:
        row = await self.session.get(OutreachPause, account)
        return row.paused_until if row else None

    async def pause(self, account: str, until: datetime, reason: str) -> None:
        query = insert(OutreachPause).values(account=account, paused_until=until,
                                             reason=reason[:255])
        await self.session.execute(query.on_conflict_do_update(
            index_elements=["account"], set_={"paused_until": until, "reason": reason[:255]}))
