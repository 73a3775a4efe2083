"""Follow-up chains as frozen records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class TemplateRecord:
    id: int
    key: str
    step_kind: str
    language: str
    subject: str | None
    body: str
    retired_at: datetime | None


@dataclass(frozen=True)
class TemplateStatRecord:
    template: TemplateRecord
    segment: str
    sends: int
    replies: int


@dataclass(frozen=True)
class RunRecord:
    id: int
    chain: str
    request_id: int | None
    client_id: int | None
    owner_user_id: int | None
    person_key: str
    tg_user_id: int | None
    email: str | None
    segment: str
    language: str
    timezone: str
    stage_at_start: str | None
    first_text: str | None
    status: str
    stop_reason: str | None
    reply_text: str | None
    replied_at: datetime | None
    first_sent_at: datetime | None
    started_at: datetime
    variables: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StepRecord:
    id: int
    run_id: int
    position: int
    name: str
    kind: str
    due_at: datetime
    status: str
    sending_since: datetime | None
    unconfirmed: bool
    template_id: int | None
    account: str | None
    text: str | None
    error: str | None
    done_at: datetime | None
