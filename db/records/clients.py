"""Clients, their contacts and the client card (requests with outcomes, notes, history)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.records.pipeline import ActivityRecord


@dataclass(frozen=True)
class ContactRecord:
    id: int
    client_id: int
    kind: str
    value: str


@dataclass(frozen=True)
class ClientRecord:
    id: int
    name: str
    team_id: int | None
    owner_user_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class ClientRequestRecord:
    """One request of a client with its outcome so far (stage, and why it was lost)."""

    id: int
    title: str
    stage: str
    lost_reason: str | None
    first_seen_at: datetime


@dataclass(frozen=True)
class ClientCardRecord:
    client: ClientRecord
    contacts: tuple[ContactRecord, ...]
    requests: tuple[ClientRequestRecord, ...]
    notes: tuple[ActivityRecord, ...]
    history: tuple[ActivityRecord, ...]


@dataclass(frozen=True)
class CardAuthor:
    """Who posted a card, as the collector stored it: the raw material of a client."""

    post_id: int
    author_id: int | None
    author_name: str | None
    text: str
    source_username: str | None
