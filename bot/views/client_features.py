"""The client card's history block: requests per month as a small bar line, what the client
asks, its terms and channels, and our outcomes and first-response time with it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.i18n import I18n
from bot.views.crm import esc

BARS = "▁▂▃▄▅▆▇█"
MINUTE, HOUR, DAY = 60, 3600, 86400


def sparkline(counts: list[int]) -> str:
    """One bar per month scaled to the busiest; an empty month is the lowest bar and any
    request lifts a month above it, so a quiet month never looks like a small one."""
    top = max(counts, default=0)
    steps = len(BARS) - 1
    return "".join(BARS[0] if n == 0 else BARS[max(1, -(-n * steps // top))] for n in counts)


def _month_names(first: str, count: int, i18n: I18n) -> tuple[str, str]:
    month = int(first.split("-")[1])
    last = (month - 1 + count - 1) % 12 + 1
    return i18n.get(f"clients-month-{month}"), i18n.get(f"clients-month-{last}")


# The label's name in words where the bot has one (labels.ftl, clients.ftl), else as stored.
NAMES = {"role": "role-", "grade": "grade-", "format": "format-",
         "employment": "clients-employment-"}


def _counted(pairs: list[list[Any]], i18n: I18n, category: str = "") -> str:
    prefix = NAMES.get(category)

    def name(value: str) -> str:
        if prefix and i18n.has(prefix + value):
            return i18n.get(prefix + value)
        return value

    return ", ".join(f"{esc(name(str(value)))} {int(n)}" for value, n in pairs)


def _delay(seconds: int, i18n: I18n) -> str:
    if seconds < HOUR:
        return i18n.get("clients-delay-minutes", minutes=max(1, round(seconds / MINUTE)))
    if seconds < DAY:
        hours, rest = divmod(seconds, HOUR)
        return i18n.get("clients-delay-hours", hours=hours, minutes=rest // MINUTE)
    days, rest = divmod(seconds, DAY)
    return i18n.get("clients-delay-days", days=days, hours=rest // HOUR)


def _asked_lines(asked: Mapping[str, list[list[Any]]], i18n: I18n) -> list[str]:
    lines = []
    wants = [_counted(asked[c], i18n, c) for c in ("role", "stack", "grade") if asked.get(c)]
    if wants:
        lines.append(i18n.get("clients-asks", asks=" · ".join(wants)))
    terms = [_counted(asked[c], i18n, c) for c in ("format", "employment") if asked.get(c)]
    if terms:
        lines.append(i18n.get("clients-formats", formats=" · ".join(terms)))
    return lines


def _terms_lines(f: Mapping[str, Any], total: int, i18n: I18n) -> list[str]:
    lines = []
    if rate := f.get("rate"):
        low, median, high, rated = rate
        key = "clients-rate-one" if low == high else "clients-rate"
        lines.append(i18n.get(key, low=low, median=median, high=high, rated=rated,
                              total=total))
    parts = []
    if duration := f.get("duration"):
        parts.append(i18n.get("clients-duration", months=duration[0]))
    if headcount := f.get("headcount"):
        parts.append(i18n.get("clients-headcount", people=headcount[0]))
    if parts:
        lines.append(" · ".join(parts))
    return lines


def features_lines(stats: Mapping[str, Any] | None, total: int, i18n: I18n) -> list[str]:
    """Nothing before the first nightly recompute (or right after a merge or split)."""
    f = (stats or {}).get("features")
    if not isinstance(f, Mapping) or not f.get("per_month"):
        return []
    counts = [int(n) for n in f["per_month"]]
    first, last = _month_names(str(f["month"]), len(counts), i18n)
    lines = ["", i18n.get("clients-features-title"),
             i18n.get("clients-per-month", first=first, last=last, bars=sparkline(counts),
                      counts="·".join(str(n) for n in counts))]
    lines += _asked_lines(f.get("asked") or {}, i18n)
    lines += _terms_lines(f, total, i18n)
    if f.get("channels"):
        lines.append(i18n.get("clients-channels", channels=_counted(f["channels"], i18n)))
    outcomes = f.get("outcomes") or {}
    if any(outcomes.values()):
        lines.append(i18n.get("clients-outcomes", **outcomes))
        lines.append(i18n.get("clients-results", won=outcomes.get("won", 0),
                              lost=outcomes.get("lost", 0)))
    elif outcomes:
        lines.append(i18n.get("clients-outcomes-none"))
    if f.get("response_s") is not None:
        lines.append(i18n.get("clients-response", delay=_delay(int(f["response_s"]), i18n),
                              answered=int(f.get("answered", 0))))
    return [*lines, ""]
