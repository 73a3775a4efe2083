from __future__ import annotations

from dataclasses import dataclass

from db.records.pipeline import InterviewRecord


@dataclass(frozen=True)
class InterviewSlotRecord:
    """An interview as a calendar shows it: with its request's title and the developer."""

    interview: InterviewRecord
    title: str
    owner_user_id: int | None
    developer_name: str
