"""The pipeline side of a request card: stage, owner, history, activity, tasks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class PipelineCardRecord:
    id: int
    kind: str
    title: str
    stage: str
    stage_changed_at: datetime
    owner_user_id: int | None
    team_id: int | None
    client_id: int | None
    lost_reason: str | None
    reminded_at: datetime | None
    first_seen_at: datetime
    roles: tuple[str, ...]
    stack: tuple[str, ...]
    grades: tuple[str, ...]
    formats: tuple[str, ...]
    location: str | None
    rate_rub_hour_min: Decimal | None
    rate_rub_hour_max: Decimal | None


@dataclass(frozen=True)
class StageChangeRecord:
    id: int
    request_id: int
    user_id: int | None
    from_stage: str | None
    to_stage: str
    reason: str | None
    created_at: datetime


@dataclass(frozen=True)
class ActivityRecord:
    id: int
    request_id: int | None
    client_id: int | None
    user_id: int | None
    kind: str
    payload: Mapping[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class TaskRecord:
    id: int
    request_id: int | None
    client_id: int | None
    assignee_id: int | None
    created_by: int | None
    title: str
    due_at: datetime | None
    done_at: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class SubmissionRecord:
    id: int
    request_id: int
    developer_id: int
    user_id: int | None
    status: str
    score: float | None
    created_at: datetime


@dataclass(frozen=True)
class InterviewRecord:
    id: int
    submission_id: int
    request_id: int
    developer_id: int
    scheduled_at: datetime
    timezone: str
    outcome: str | None
    created_by: int | None
    reminded_at: datetime | None
