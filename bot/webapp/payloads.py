"""Records → JSON-ready dicts for the page (dates ISO 8601 UTC, money as numbers)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from crm.bench_matches import DeveloperMatches
from crm.board import Column
from crm.proposals import RequestMatch
from crm.request_view import RequestView
from db.records.board import BoardCardRecord, BoardCursor
from db.records.interview_week import InterviewSlotRecord
from db.records.pipeline import InterviewRecord

Json = dict[str, Any]


def when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def money(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def cursor(value: BoardCursor | None) -> str | None:
    """Opaque to the page and safe in a URL as is: '<microseconds since 1970>.<id>'."""
    if value is None:
        return None
    return f"{(value.stage_changed_at - EPOCH) // timedelta(microseconds=1)}.{value.card_id}"


def board_card(card: BoardCardRecord) -> Json:
    return {
        "id": card.id, "title": card.title, "stage": card.stage, "stack": list(card.stack),
        "grades": list(card.grades), "owner_id": card.owner_user_id, "owner": card.owner_name,
        "team_id": card.team_id, "moved_at": when(card.stage_changed_at),
        "first_seen_at": when(card.first_seen_at), "rate_min": money(card.rate_rub_hour_min),
        "rate_max": money(card.rate_rub_hour_max), "headcount": card.headcount,
    }


def column(col: Column) -> Json:
    return {
        "stage": col.totals.stage, "count": col.totals.count, "capped": col.totals.capped,
        "value": money(col.totals.value_rub_hour),
        "cards": [board_card(c) for c in col.cards], "next": cursor(col.next_cursor),
    }


def interview(item: InterviewRecord) -> Json:
    return {
        "id": item.id, "request_id": item.request_id, "developer_id": item.developer_id,
        "at": when(item.scheduled_at), "timezone": item.timezone, "outcome": item.outcome,
    }


def request_view(view: RequestView) -> Json:
    card, names = view.card, view.user_names
    return {
        "id": card.id, "kind": card.kind, "title": card.title, "text": card.text,
        "stage": view.pipeline.stage, "moved_at": when(view.pipeline.stage_changed_at),
        "lost_reason": view.pipeline.lost_reason, "can_manage": view.can_manage,
        "owner_id": card.owner_user_id, "owner": names.get(card.owner_user_id or 0),
        "team_id": card.team_id, "team": view.team_name, "labels": {
            "kind": card.kind, "roles": list(card.roles), "grades": list(card.grades),
            "formats": list(card.formats), "stack": list(card.stack),
            "location": card.location, "headcount": card.headcount,
            "rate_min": money(card.rate_rub_hour_min), "rate_max": money(card.rate_rub_hour_max),
        },
        "needs_review": card.needs_review,
        "sources": [{"title": s.title or s.username or str(s.source_id), "link": s.permalink,
                     "posted_at": when(s.posted_at)} for s in card.sources],
        "history": [{"from": h.from_stage, "to": h.to_stage, "reason": h.reason,
                     "by": names.get(h.user_id or 0), "at": when(h.created_at)}
                    for h in view.history],
        "notes": [{"text": str(n.payload.get("text", "")), "by": names.get(n.user_id or 0),
                   "at": when(n.created_at)} for n in view.notes],
        "tasks": [{"id": t.id, "title": t.title, "due_at": when(t.due_at)} for t in view.tasks],
        "proposed": [{"submission_id": p.submission.id, "developer_id": p.submission.developer_id,
                      "name": p.name, "status": p.submission.status, "score": p.submission.score}
                     for p in view.proposed],
        "interviews": [interview(i) for i in view.interviews],
    }


def request_match(found: RequestMatch) -> Json:
    return {"card_id": found.card.id, "title": found.card.title, "stage": found.card.stage,
            "score": round(found.match.score, 3), "common": list(found.match.common_stack)}


def developer_matches(item: DeveloperMatches) -> Json:
    dev = item.developer
    return {
        "id": dev.id, "name": dev.name, "stack": list(dev.stack), "grade": dev.grade,
        "rate": money(dev.rate_rub_hour), "available_from": when(dev.available_from),
        "matches": [request_match(m) for m in item.matches],
    }


def interview_slot(slot: InterviewSlotRecord) -> Json:
    return {**interview(slot.interview), "title": slot.title, "developer": slot.developer_name,
            "owner_id": slot.owner_user_id}
