"""The template a step sends: Thompson sampling over the live templates of its kind and
language, with the reply counts of the recipient's segment."""

from __future__ import annotations

import random
from collections.abc import Mapping

from crm.outreach_sampler import EXPLORATION_FLOOR, Arm, choose
from crm.outreach_templates import variables_of
from db.records.outreach import TemplateRecord
from db.repositories.outreach import OutreachTemplateRepo
from db.uow import UnitOfWork


async def pick_template(
    uow: UnitOfWork, kind: str, language: str, segment: str, rng: random.Random,
    floor: float = EXPLORATION_FLOOR, values: Mapping[str, str] | None = None,
) -> TemplateRecord | None:
    """None when every template of this kind and language is retired. Given the values it will
    be filled with, a template that needs one of them empty ("we have people for it: ." when
    nobody on the bench matches) competes only when no template does without."""
    repo = uow.repo(OutreachTemplateRepo)
    live = await repo.live(kind, language)
    if not live:
        return None
    if values is not None:
        live = [t for t in live if fits(t, values)] or live
    counts = await repo.counts([t.id for t in live], segment)
    arms = [Arm(t.id, *counts.get(t.id, (0, 0))) for t in live]
    chosen = choose(arms, rng, floor)
    return next(t for t in live if t.id == chosen)


def fits(template: TemplateRecord, values: Mapping[str, str]) -> bool:
    """Every variable the template uses has something to say."""
    used = variables_of(template.body) | variables_of(template.subject or "")
    return all(values.get(name, "").strip() for name in used)
