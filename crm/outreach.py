"""Follow-up chains from the manager's side: preview the first message, start, stop, and
record an e-mail reply a manager saw. Starting is always a person's confirmed act."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError

from crm import proposals
from crm.access import managed_card
from crm.errors import CrmInputError
from crm.outreach_chains import ChainBook
from crm.outreach_choice import pick_template
from crm.outreach_hours import likely_timezone, next_open
from crm.outreach_people import Recipient, recipient_of
from crm.outreach_replies import close_with_reply
from crm.outreach_sampler import segment_of
from crm.outreach_templates import BODY_MAX, render
from crm.pipeline import apply_move
from db.records.outreach import RunRecord
from db.records.pipeline import PipelineCardRecord
from db.records.users import UserRecord
from db.repositories.activities import ActivityRepo
from db.repositories.clients import ClientRepo
from db.repositories.outreach import OutreachRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

DEVELOPERS_NAMED = 3


@dataclass(frozen=True)
class OutreachPlan:
    """What "Reach out" would do: to whom, by which channel first, with which text."""

    card_id: int
    recipient: Recipient
    first_kind: str  # the first step that has someone to reach
    template_id: int | None
    text: str
    segment: str
    timezone: str
    busy: bool  # a chain to this person is already running
    opted_out: bool
    variables: Mapping[str, str] = field(default_factory=dict)


def _developers(matches: list[proposals.DeveloperMatch]) -> str:
    parts = [" ".join(filter(None, (m.developer.grade, "/".join(m.developer.stack[:3]))))
             for m in matches]
    return "; ".join(p for p in parts if p)


async def _variables(uow: UnitOfWork, user: UserRecord, card: PipelineCardRecord,
                     recipient: Recipient) -> dict[str, str]:
    client = await uow.repo(ClientRepo).get(card.client_id) if card.client_id else None
    owner = await uow.repo(UserRepo).get(card.owner_user_id or user.id)
    return {"name": recipient.name or (client.name if client else ""), "title": card.title,
            "stack": ", ".join(card.stack[:4]), "company": client.name if client else "",
            "manager": owner.first_name if owner else user.first_name}


def _first_kind(book: ChainBook, chain: str, recipient: Recipient) -> str:
    for step in book.chain(chain).steps:
        if step.kind == "task" or (step.kind == "telegram" and recipient.tg_user_id) or (
                step.kind == "email" and recipient.email):
            return step.kind
    return "task"


async def preview(
    uow: UnitOfWork, user: UserRecord, card_id: int, book: ChainBook, rng: random.Random,
    chain: str = "default",
) -> OutreachPlan:
    """Nothing is written: the manager reads (and may edit) the text before confirming."""
    matches = await proposals.for_request(uow, user, card_id, limit=DEVELOPERS_NAMED)
    async with uow:
        # An unowned request (from a search's push) may be reached out to: starting takes it.
        card = await managed_card(uow, user, card_id, claim=True)
        recipient = recipient_of(await uow.repo(ClientRepo).card_authors(card_id))
        repo = uow.repo(OutreachRepo)
        segment = segment_of(await repo.lifecycle_of(card.client_id), card.roles)
        values = {**await _variables(uow, user, card, recipient),
                  "developers": _developers(matches)}
        kind = _first_kind(book, chain, recipient)
        template = await pick_template(uow, "telegram" if kind == "task" else kind,
                                       recipient.language, segment, rng, values=values)
        busy = bool(await repo.active_for(recipient.tg_user_id, recipient.email))
        opted_out = await repo.opted_out(recipient.keys)
    text = render(template.body, values) if template else ""
    zone = likely_timezone(card.location, recipient.text, recipient.language)
    return OutreachPlan(card_id, recipient, kind, template.id if template else None, text,
                        segment, zone, busy, opted_out, values)


async def start(
    uow: UnitOfWork, user: UserRecord, plan: OutreachPlan, book: ChainBook,
    text: str | None = None, chain: str = "default", now: datetime | None = None,
) -> RunRecord:
    """Starts the chain the manager confirmed; `text` is their edit of the first message."""
    now = now or datetime.now(UTC)
    first_text = (text if text is not None else plan.text).strip()
    if not first_text or len(first_text) > BODY_MAX:
        raise CrmInputError("outreach_text_length", str(len(first_text)))
    steps = book.chain(chain).steps
    recipient = plan.recipient
    async with uow:
        card = await managed_card(uow, user, plan.card_id, lock=True, claim=True)
        if card.stage == "new":  # writing to the client is working on the request
            await apply_move(uow, user, card, "in_work", now=now)
            card = await managed_card(uow, user, plan.card_id)
        repo = uow.repo(OutreachRepo)
        if await repo.opted_out(recipient.keys):
            raise CrmInputError("outreach_opted_out")
        if await repo.active_for(recipient.tg_user_id, recipient.email):
            raise CrmInputError("outreach_busy")
        try:
            run = await repo.add_run(
                chain=chain, request_id=card.id, client_id=card.client_id,
                owner_user_id=card.owner_user_id or user.id, started_by=user.id,
                person_key=recipient.key or f"card:{card.id}", tg_user_id=recipient.tg_user_id,
                email=recipient.email, segment=plan.segment, language=recipient.language,
                timezone=plan.timezone, stage_at_start=card.stage, first_text=first_text,
                variables=dict(plan.variables))
        except IntegrityError as exc:  # another manager started one a moment ago
            raise CrmInputError("outreach_busy") from exc
        first = steps[0]
        due = now if first.kind == "task" else next_open(now, plan.timezone)
        template = plan.template_id if first.kind == plan.first_kind else None
        await repo.add_step(run_id=run.id, position=0, name=first.name, kind=first.kind,
                            due_at=due, template_id=template)
        await uow.repo(ActivityRepo).add(
            "outreach_started", user_id=user.id, request_id=card.id, client_id=card.client_id,
            payload={"run_id": run.id, "chain": chain, "text": first_text[:500]})
        await uow.commit()
    return run


async def _run_to_change(uow: UnitOfWork, user: UserRecord, run_id: int) -> RunRecord:
    """The run, locked, if `user` may change its card; inside the use case's transaction."""
    run = await uow.repo(OutreachRepo).run(run_id, lock=True)
    if run is None or run.request_id is None:
        raise CrmInputError("outreach_no_run", str(run_id))
    await managed_card(uow, user, run.request_id)
    return run


async def stop(
    uow: UnitOfWork, user: UserRecord, run_id: int, reason: str = "manager"
) -> RunRecord:
    async with uow:
        repo = uow.repo(OutreachRepo)
        run = await _run_to_change(uow, user, run_id)
        if run.status == "active":
            await repo.update_run(run.id, status="stopped", stop_reason=reason)
            await repo.cancel_pending(run.id)
            await uow.repo(ActivityRepo).add(
                "outreach_stopped", user_id=user.id, request_id=run.request_id,
                client_id=run.client_id, payload={"run_id": run.id, "reason": reason})
        await uow.commit()
        found = await repo.run(run.id)
    assert found is not None
    return found


async def mark_email_reply(
    uow: UnitOfWork, user: UserRecord, run_id: int, text: str, now: datetime | None = None,
) -> RunRecord:
    """A manager read the client's answer to the chain's e-mail in their mailbox."""
    now = now or datetime.now(UTC)
    async with uow:
        repo = uow.repo(OutreachRepo)
        run = await _run_to_change(uow, user, run_id)
        if run.replied_at is not None:
            raise CrmInputError("outreach_already_replied")
        await close_with_reply(uow, run, text[:BODY_MAX], now, channel="email",
                               user_id=user.id)
        await uow.commit()
        found = await repo.run(run.id)
    assert found is not None
    return found
