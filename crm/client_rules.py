"""RFM, segment, lifecycle and churn risk of one client from its request history: pure rules.

Thresholds are fixed numbers, not quintiles: with a few hundred clients, quintiles of a tiny
base move every night and mean nothing to a manager.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

NEW_DAYS = 30  # first request this recently: new
ACTIVE_DAYS = 45  # last request within: still active
LOST_DAYS = 180  # beyond: lost; between ACTIVE_DAYS and this: dormant
RETURN_GAP_DAYS = 90  # a request after a silence this long: returning
FREQUENCY_DAYS = 90
AT_RISK = 0.6  # churn probability from which an active client is at risk
HOURS_PER_MONTH = 168
DEFAULT_MONTHS = 3.0
# Churn model: logistic over (days since last request / usual gap, log requests, 1), weights
# set by hand; bench/client_churn.py ranks it against recency alone on a time split of the
# real posts (ROC AUC 0.71 vs 0.70). A fit on an earlier snapshot ranks better there (0.76),
# but its probabilities belong to a 10-day horizon over five weeks of board posts (base rate
# ~0.9): with AT_RISK it would flag nearly every client. Refit on real CRM history.
CHURN_WEIGHTS = (1.6, -0.35, -1.1)


@dataclass(frozen=True)
class ClientHistory:
    """What the nightly SQL aggregates per client."""

    client_id: int
    requests: int
    first_at: datetime
    last_at: datetime
    previous_at: datetime | None  # the request before the last
    recent: int  # requests in the last FREQUENCY_DAYS
    value: float  # estimated deal value (RUB), or the request count where no rate is known
    top_role: str | None
    top_role_recent: int
    owner_user_id: int | None


@dataclass(frozen=True)
class ClientState:
    lifecycle: str  # new | active | returning | dormant | lost
    segment: str
    at_risk: bool
    churn_risk: float | None  # None: one request, nothing to compare a silence with
    recency_days: int
    reason: ChurnReason | None


@dataclass(frozen=True)
class ChurnReason:
    """The plain-words reason a task gives: "6 React requests in 3 months, none for 5 weeks"."""

    state: str  # at_risk | dormant
    requests: int
    role: str | None
    quiet_weeks: int


def deal_value(rate_rub_hour: float | None, headcount: int | None, months: float | None) -> float:
    """Rate × hours × headcount × duration; 0 where no rate is known (counted by requests)."""
    if not rate_rub_hour:
        return 0.0
    return rate_rub_hour * HOURS_PER_MONTH * (headcount or 1) * (months or DEFAULT_MONTHS)


def churn_risk(h: ClientHistory, now: datetime) -> float | None:
    if h.requests < 2:
        return None
    span = max((h.last_at - h.first_at).total_seconds() / 86400, 1.0)
    usual_gap = span / (h.requests - 1)
    quiet = max((now - h.last_at).total_seconds() / 86400, 0.0)
    a, b, c = CHURN_WEIGHTS
    z = a * min(quiet / usual_gap, 20.0) + b * math.log(h.requests) + c
    return 1 / (1 + math.exp(-z))


def lifecycle(h: ClientHistory, now: datetime) -> str:
    quiet = (now - h.last_at).days
    if quiet > LOST_DAYS:
        return "lost"
    if quiet > ACTIVE_DAYS:
        return "dormant"
    if (now - h.first_at).days <= NEW_DAYS:
        return "new"
    if h.previous_at is not None and (h.last_at - h.previous_at).days > RETURN_GAP_DAYS:
        return "returning"
    return "active"


def segment(h: ClientHistory, stage: str, value_high: float) -> str:
    """champion, loyal, big_spender, promising, need_attention, hibernating, lost."""
    if stage == "lost":
        return "lost"
    if stage == "dormant":
        return "hibernating"
    if h.recent >= 5:
        return "champion"
    if h.value >= value_high > 0:
        return "big_spender"
    if h.recent >= 3:
        return "loyal"
    if stage in ("new", "returning"):
        return "promising"
    return "need_attention"


def state(h: ClientHistory, now: datetime, value_high: float = 5_000_000.0) -> ClientState:
    stage = lifecycle(h, now)
    risk = churn_risk(h, now) if stage not in ("lost",) else None
    at_risk = stage in ("active", "returning") and risk is not None and risk >= AT_RISK
    quiet_weeks = (now - h.last_at).days // 7
    reason = None
    if at_risk or stage == "dormant":
        reason = ChurnReason("at_risk" if at_risk else "dormant", h.top_role_recent or h.recent,
                             h.top_role, quiet_weeks)
    return ClientState(stage, segment(h, stage, value_high), at_risk, risk,
                       (now - h.last_at).days, reason)
