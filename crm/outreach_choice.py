"""The template a step sends: Thompson sampling over the live templates of its kind and
language, with the reply counts of the recipient's segment."""

from __future__ import annotations

import random

from crm.outreach_sampler import EXPLORATION_FLOOR, Arm, choose
from db.records.outreach import TemplateRecord
from db.repositories.outreach import OutreachTemplateRepo
from db.uow import UnitOfWork


async def pick_template(
    uow: UnitOfWork, kind: str, language: str, segment: str, rng: random.Random,
    floor: float = EXPLORATION_FLOOR,
) -> TemplateRecord | None:
    """None when every template of this kind and language is retired."""
    repo = uow.repo(OutreachTemplateRepo)
    live = await repo.live(kind, language)
    if not live:
        return None
    counts = await repo.counts([t.id for t in live], segment)
    arms = [Arm(t.id, *counts.get(t.id, (0, 0))) for t in live]
    chosen = choose(arms, rng, floor)
    return next(t for t in live if t.id == chosen)
