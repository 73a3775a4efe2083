"""The client list and the client profile (what /clients and the Mini App show)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.records.clients import ClientRequestRecord, ContactRecord


@dataclass(frozen=True)
class ClientRowRecord:
    id: int
    name: str
    lifecycle: str | None
    segment: str | None
    at_risk: bool
    requests: int


@dataclass(frozen=True)
class ClientPageRecord:
    rows: tuple[ClientRowRecord, ...]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class ClientStateRecord:
    lifecycle: str
    segment: str
    at_risk: bool
    churn_risk: float | None
    reason: str | None
    computed_at: datetime


@dataclass(frozen=True)
class NeedRecord:
    category: str  # role | grade | format | employment | stack
    value: str
    probability: float


@dataclass(frozen=True)
class ClientProfileRecord:
    """Everything the client card shows, in one read."""

    id: int
    name: str
    owner_user_id: int | None
    owner_name: str | None
    lifecycle: str | None
    segment: str | None
    at_risk: bool
    churn_risk: float | None
    stats: dict[str, object]
    contacts: tuple[ContactRecord, ...]
    open_requests: tuple[ClientRequestRecord, ...]
    requests_total: int
    history: tuple[ClientStateRecord, ...]
    open_tasks: tuple[str, ...]  # titles of the owner's open tasks on this client
    # Likely next needs; `needs_source`: network | own_history | popular (too little history)
    # | none (no model shipped).
    next_needs: tuple[NeedRecord, ...] = ()
    needs_source: str = "none"
