"""Outreach templates for admins: the file's templates stored, an edit checked when saved,
retiring, and the report of which text gets answers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from crm.errors import AccessDenied, CrmInputError
from crm.outreach_chains import ChainBook
from crm.outreach_sampler import Arm, ArmReport, report
from crm.outreach_templates import TemplateDraft, check_template
from db.records.outreach import TemplateRecord
from db.records.users import UserRecord
from db.repositories.outreach import OutreachTemplateRepo
from db.uow import UnitOfWork


@dataclass(frozen=True)
class TemplateLine:
    template: TemplateRecord
    stats: ArmReport


async def sync_templates(uow: UnitOfWork, book: ChainBook) -> int:
    """Stores the chain file's templates not stored yet; returns how many were new."""
    async with uow:
        added = await uow.repo(OutreachTemplateRepo).add_missing([
            {"key": t.key, "step_kind": t.kind, "language": t.language, "subject": t.subject,
             "body": t.body} for t in book.templates])
        await uow.commit()
    return added


def _admin(user: UserRecord) -> None:
    if not (user.active and user.is_admin):
        raise AccessDenied("outreach templates")


async def _template(uow: UnitOfWork, template_id: int) -> TemplateRecord:
    found = await uow.repo(OutreachTemplateRepo).get(template_id)
    if found is None:
        raise CrmInputError("outreach_no_template", str(template_id))
    return found


async def save_text(
    uow: UnitOfWork, user: UserRecord, template_id: int, body: str, subject: str | None = None
) -> TemplateRecord:
    """An admin's new text; an unknown variable is refused here, never first at send time."""
    _admin(user)
    async with uow:
        current = await _template(uow, template_id)
        draft = TemplateDraft(current.key, current.step_kind, current.language, body.strip(),
                              subject if subject is not None else current.subject)
        check_template(draft)
        await uow.repo(OutreachTemplateRepo).update(template_id, body=draft.body,
                                                   subject=draft.subject)
        await uow.commit()
    return replace(current, body=draft.body, subject=draft.subject)


async def retire(uow: UnitOfWork, user: UserRecord, template_id: int) -> TemplateRecord:
    _admin(user)
    now = datetime.now(UTC)
    async with uow:
        current = await _template(uow, template_id)
        if current.retired_at is None:
            await uow.repo(OutreachTemplateRepo).update(template_id, retired_at=now)
            current = replace(current, retired_at=now)
        await uow.commit()
    return current


async def template_report(uow: UnitOfWork, segment: str | None = None) -> list[TemplateLine]:
    """Each template's sends, replies, rate with its interval, and the probability that it is
    the best of the live templates of its kind and language (summed over segments unless one
    is given)."""
    async with uow:
        rows = await uow.repo(OutreachTemplateRepo).stats()
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    templates: dict[int, TemplateRecord] = {}
    for row in rows:
        templates[row.template.id] = row.template
        if segment is None or row.segment == segment:
            totals[row.template.id][0] += row.sends
            totals[row.template.id][1] += row.replies
    groups: dict[tuple[str, str], list[TemplateRecord]] = defaultdict(list)
    for template in templates.values():
        groups[(template.step_kind, template.language)].append(template)
    lines: list[TemplateLine] = []
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda t: (t.retired_at is not None, t.id))
        live = [t for t in group if t.retired_at is None]
        # Intervals for every template; the chance of being best only among those still sent.
        every = report([Arm(t.id, *totals[t.id]) for t in group])
        best = {r.template_id: r.p_best for r in report([Arm(t.id, *totals[t.id]) for t in live])}
        lines += [TemplateLine(t, replace(r, p_best=best.get(t.id, 0.0)))
                  for t, r in zip(group, every, strict=True)]
    return lines
