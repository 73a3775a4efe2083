"""Bench-fit pushes, digests, freshness reminders and the /fits screens as Telegram HTML."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from bot.i18n import I18n
from bot.views.card import card_text
from bot.views.labels import amount
from db.records.bench import BenchRecord
from db.records.feed import CardRecord
from db.records.fits import FitPrefsRecord, FitRecord
from db.records.users import UserRecord

TITLE_MAX = 60


def esc(text: str | None) -> str:
    return html.escape(text or "")


def percent(score: float) -> int:
    return round(score * 100)


def _money(value: Any) -> str:
    return amount(Decimal(str(value))) if value is not None else amount(None)


def _rate_reason(d: Mapping[str, Any], i18n: I18n) -> str:
    fit, rate = d.get("rate_fit"), d.get("rate")
    low, high = d.get("budget_min"), d.get("budget_max")
    if rate is None:
        return i18n.get("fit-reason-rate-dev-unknown")
    if low is None and high is None:
        return i18n.get("fit-reason-rate-no-budget", rate=_money(rate))
    if fit == "below":
        return i18n.get("fit-reason-rate-below", rate=_money(rate), low=_money(low))
    if high is None:
        return i18n.get("fit-reason-rate-from", rate=_money(rate), low=_money(low))
    return i18n.get("fit-reason-rate-within", rate=_money(rate), high=_money(high))


def reasons_text(d: Mapping[str, Any], i18n: I18n) -> str:
    """'stack 4/5, grade fits, rate 2 500 ≤ 2 800 ₽/h, free now'."""
    total = int(d.get("stack_total") or 0)
    parts = [i18n.get("fit-reason-stack", hit=int(d.get("stack_hit") or 0), total=total)
             if total else i18n.get("fit-reason-stack-none")]
    parts.append(i18n.get(f"fit-reason-grade-{d.get('grade_fit', 'unknown')}"))
    parts.append(_rate_reason(d, i18n))
    late = int(d.get("days_late") or 0)
    parts.append(i18n.get("fit-reason-free-later", days=late) if late
                 else i18n.get("fit-reason-free-now"))
    return ", ".join(parts)


def push_text(payload: Mapping[str, Any], card: CardRecord | None, i18n: I18n,
              timezone: str) -> str:
    d = payload.get("details") or {}
    lines = [i18n.get("fit-push-head", developer=esc(payload.get("developer")),
                      score=percent(float(payload.get("score") or 0)))]
    lines.append(i18n.get("fit-push-reasons", reasons=reasons_text(d, i18n)))
    if d.get("common"):
        lines.append(i18n.get("fit-push-common", stack=esc(", ".join(d["common"]))))
    if d.get("missing"):
        lines.append(i18n.get("fit-push-missing", stack=esc(", ".join(d["missing"]))))
    body = card_text(card, i18n, timezone) if card else i18n.get("fit-card-gone")
    return "\n".join(lines) + "\n\n" + body


def rejected_line(i18n: I18n) -> str:
    return i18n.get("fit-rejected")


def digest_text(payload: Mapping[str, Any], i18n: I18n) -> str:
    count = int(payload.get("count") or 0)
    items: Sequence[Mapping[str, Any]] = payload.get("items") or []
    lines = [i18n.get("fit-digest-head", count=count)]
    for n, item in enumerate(items, 1):
        lines.append(i18n.get(
            "fit-digest-line", n=n, id=int(item.get("request_id") or 0),
            title=esc(str(item.get("title") or ""))[:TITLE_MAX],
            developer=esc(str(item.get("developer") or "")),
            score=percent(float(item.get("score") or 0)),
        ))
    if count > len(items):
        lines.append(i18n.get("fit-digest-more", count=count - len(items)))
    return "\n".join(lines)


def stale_text(payload: Mapping[str, Any], i18n: I18n) -> str:
    name = esc(str(payload.get("developer") or ""))
    days = int(payload.get("days") or 0)
    if payload.get("reason") == "date_passed" and payload.get("available_from"):
        since = date.fromisoformat(str(payload["available_from"]))
        return i18n.get("fit-stale-date", developer=name, days=days,
                        date=since.strftime("%d.%m.%Y"))
    return i18n.get("fit-stale-updated", developer=name, days=days)


def fits_text(fits: Sequence[FitRecord], total: int, i18n: I18n) -> str:
    if not fits:
        return i18n.get("fit-list-empty")
    lines = [i18n.get("fit-list-head", count=total)]
    lines += [i18n.get("fit-digest-line", n=n, id=f.request_id, title=esc(f.title)[:TITLE_MAX],
                       developer=esc(f.developer), score=percent(f.score))
              for n, f in enumerate(fits, 1)]
    return "\n".join(lines)


def prefs_text(prefs: FitPrefsRecord, default: float, user: UserRecord, i18n: I18n) -> str:
    threshold = float(prefs.threshold) if prefs.threshold is not None else default
    quiet = (i18n.get("fit-prefs-quiet-range", start=prefs.quiet_from, end=prefs.quiet_to)
             if prefs.quiet_from is not None else i18n.get("fit-prefs-quiet-off"))
    return i18n.get(
        "fit-prefs", threshold=percent(threshold), quiet=quiet, timezone=esc(user.timezone),
        state=i18n.get("fit-prefs-paused" if prefs.paused else "fit-prefs-active"),
    )


def developer_status_text(dev: BenchRecord, owner: UserRecord | None, i18n: I18n) -> str:
    who = esc(owner.first_name or owner.username) if owner else i18n.get("fit-dev-no-owner")
    if not dev.active:
        state = i18n.get("fit-dev-placed")
    else:
        state = i18n.get("fit-dev-busy" if dev.busy else "fit-dev-free")
    return i18n.get("fit-dev-status", developer=esc(dev.name), owner=who, state=state)
