"""Which template to send: Thompson sampling over each template's Beta posterior of reply
rate within the recipient's segment, with a floor of uniform exploration."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# This share of picks ignores the posteriors, so a template that lost early keeps a chance.
EXPLORATION_FLOOR = 0.1
REPORT_DRAWS = 20_000


@dataclass(frozen=True)
class Arm:
    template_id: int
    sends: int
    replies: int


@dataclass(frozen=True)
class ArmReport:
    template_id: int
    sends: int
    replies: int
    rate: float
    low: float  # 95 % credible interval of the reply rate
    high: float
    p_best: float


def segment_of(lifecycle: str | None, roles: Sequence[str]) -> str:
    """Lifecycle × role family: the unit within which templates compete."""
    return f"{lifecycle or 'new'}:{roles[0] if roles else 'other_it'}"


def choose(arms: Sequence[Arm], rng: random.Random, floor: float = EXPLORATION_FLOOR) -> int:
    if not arms:
        raise ValueError("no template to choose from")
    if rng.random() < floor:
        return rng.choice(arms).template_id
    def draw(arm: Arm) -> float:
        return rng.betavariate(1 + arm.replies, 1 + max(arm.sends - arm.replies, 0))
    return max(arms, key=draw).template_id


def report(arms: Sequence[Arm], seed: int = 0) -> list[ArmReport]:
    """Posterior mean, interval and the probability of being best, by Monte Carlo draws."""
    if not arms:
        return []
    rng = np.random.default_rng(seed)
    draws = np.stack([
        rng.beta(1 + a.replies, 1 + max(a.sends - a.replies, 0), REPORT_DRAWS) for a in arms
    ])
    best = np.bincount(draws.argmax(axis=0), minlength=len(arms)) / REPORT_DRAWS
    low, high = np.quantile(draws, [0.025, 0.975], axis=1)
    return [
        ArmReport(a.template_id, a.sends, a.replies, a.replies / a.sends if a.sends else 0.0,
                  float(low[i]), float(high[i]), float(best[i]))
        for i, a in enumerate(arms)
    ]
