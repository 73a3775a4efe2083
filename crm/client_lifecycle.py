"""The nightly recompute: RFM, segment, lifecycle and churn risk of every client, its history,
its features (crm.client_features: what it asks, terms, channels, our outcomes with it),
and one task for the owner each time an owned client turns at risk or dormant.

Exactly once per transition, across restarts: the task is written in the same transaction as
the new state, and a transition is a change against the stored state, so a rerun (or a run
after a crash) finds nothing new to say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from crm import client_features, client_rules, client_similar
from crm.client_rules import ChurnReason, ClientHistory
from db.repositories.client_features import ClientFeaturesRepo
from db.repositories.client_stats import ClientStatsRepo
from db.uow import UnitOfWork
from recommender.dictionary import Dictionary

TASK_TITLE_MAX = 255
# (reason, client name, owner's language) → the task's title, in words (the bot's Fluent).
Describe = Callable[[ChurnReason, str, str | None], str]


@dataclass(frozen=True)
class RecomputeResult:
    clients: int = 0
    changed: int = 0
    transitions: int = 0
    tasks: int = 0


def plain_reason(reason: ChurnReason, client: str, language: str | None) -> str:
    """Used without the bot (CLI, bench): numbers only, no sentence to translate."""
    role = f"{reason.role} " if reason.role else ""
    return f"{client}: {role}{reason.requests} / 90d, {reason.quiet_weeks}w"


async def recompute(
    uow: UnitOfWork, now: datetime | None = None, describe: Describe = plain_reason,
) -> RecomputeResult:
    """Recomputes every client as of `now` (the clock tests control) in one transaction."""
    now = now or datetime.now(UTC)
    async with uow:
        repo = uow.repo(ClientStatsRepo)
        rows = await repo.histories(now, client_rules.FREQUENCY_DAYS)
        labels = await repo.label_counts(now)
        similar = client_similar.also_needed(labels, set(Dictionary.load().ids))
        features = await client_features.compute(uow.repo(ClientFeaturesRepo), now, labels)
        changes: list[dict[str, Any]] = []
        tasks: list[dict[str, Any]] = []
        for row in rows:
            history = ClientHistory(
                client_id=row["client_id"], requests=row["requests"], first_at=row["first_at"],
                last_at=row["last_at"], previous_at=row["previous_at"], recent=row["recent"],
                value=float(row["value"] or 0), top_role=row["top_role"],
                top_role_recent=row["top_role_recent"] or 0,
                owner_user_id=row["owner_user_id"],
            )
            new = client_rules.state(history, now)
            risk = round(new.churn_risk, 4) if new.churn_risk is not None else None
            turned = (new.at_risk and not row["at_risk"]) or (
                new.lifecycle == "dormant" and row["lifecycle"] != "dormant")
            transition = new.lifecycle != row["lifecycle"] or new.at_risk != row["at_risk"]
            text = (describe(new.reason, row["name"], row["language"])[:TASK_TITLE_MAX]
                    if new.reason else None)
            changes.append({
                "client_id": history.client_id, "lifecycle": new.lifecycle,
                "segment": new.segment, "at_risk": new.at_risk, "churn_risk": risk,
                "reason": text if turned else None, "transition": transition,
                "stats": {"requests": history.requests, "recent": history.recent,
                          "recency_days": new.recency_days, "value": round(history.value),
                          "top_role": history.top_role,
                          "also_needed": similar.get(history.client_id, []),
                          "features": features.get(history.client_id, {})},
            })
            if turned and history.owner_user_id is not None and text:
                tasks.append({"client_id": history.client_id, "assignee_id": history.owner_user_id,
                              "title": text, "origin": "churn"})
        await repo.save(changes, now)
        await repo.add_tasks(tasks)
        await uow.commit()
    return RecomputeResult(len(rows), len(changes), sum(c["transition"] for c in changes),
                           len(tasks))
