"""Client records → JSON-ready dicts for the Mini App's Clients view."""

from __future__ import annotations

from typing import Any

from bot.webapp.payloads import when
from db.records.client_profiles import ClientPageRecord, ClientProfileRecord

Json = dict[str, Any]


def client_page(page: ClientPageRecord) -> Json:
    return {
        "clients": [{"id": r.id, "name": r.name, "lifecycle": r.lifecycle, "segment": r.segment,
                     "at_risk": r.at_risk, "requests": r.requests} for r in page.rows],
        "total": page.total, "page": page.page, "pages": page.pages,
    }


def _rfm(stats: dict[str, object]) -> Json | None:
    """Recency (days), frequency (requests in 90 days) and value (₽) of last night's recompute."""
    if not stats:
        return None
    return {"recency_days": stats.get("recency_days"), "recent": stats.get("recent"),
            "value": stats.get("value"), "requests": stats.get("requests")}


def _also_needed(stats: dict[str, object]) -> list[Json]:
    """What the client's nearest neighbours (clients like this one) asked for and it did not."""
    found = stats.get("also_needed") if stats else None
    if not isinstance(found, list):
        return []
    return [{"name": str(name).split(":", 1)[-1], "score": float(score)} for name, score in found]


def client_profile(p: ClientProfileRecord) -> Json:
    return {
        "id": p.id, "name": p.name, "owner_id": p.owner_user_id, "owner_name": p.owner_name,
        "lifecycle": p.lifecycle, "segment": p.segment, "at_risk": p.at_risk,
        "churn_risk": p.churn_risk, "rfm": _rfm(p.stats), "requests_total": p.requests_total,
        "open_requests": [{"id": r.id, "title": r.title, "stage": r.stage,
                           "first_seen_at": when(r.first_seen_at)} for r in p.open_requests],
        "contacts": [{"kind": c.kind, "value": c.value} for c in p.contacts],
        "tasks": list(p.open_tasks),
        "history": [{"lifecycle": s.lifecycle, "segment": s.segment, "at_risk": s.at_risk,
                     "computed_at": when(s.computed_at)} for s in p.history],
        "next_needs": [{"category": n.category, "value": n.value, "probability": n.probability}
                       for n in p.next_needs],
        "needs_source": p.needs_source,
        "similar_needed": _also_needed(p.stats),
    }
