"""Free-text search results as Telegram HTML."""

from __future__ import annotations

import html

from bot.i18n import I18n
from bot.views.card import format_local
from bot.views.labels import rate_range
from crm.find import CANDIDATES, FoundCards

TITLE_SHOWN = 80


def found_text(found: FoundCards, phrase: str, i18n: I18n, timezone: str) -> str:
    if not found.cards:
        return i18n.get("found-none", phrase=html.escape(phrase[:200]))
    head = (i18n.get("found-title-many") if found.matched >= CANDIDATES
            else i18n.get("found-title", count=found.matched))
    lines = [f"{head} · «{html.escape(phrase[:200])}»"]
    if not found.every_word:
        lines.append(i18n.get("found-any-word"))
    for n, card in enumerate(found.cards, 1):
        parts = [f"<b>{html.escape((card.title or i18n.get('card-untitled'))[:TITLE_SHOWN])}</b>"]
        if card.stack:
            parts.append(html.escape(", ".join(card.stack[:4])))
        if card.rate_rub_hour_min is not None or card.rate_rub_hour_max is not None:
            parts.append(rate_range(i18n, card.rate_rub_hour_min, card.rate_rub_hour_max))
        parts.append(format_local(card.first_seen_at, timezone))
        lines.append(f"{n}. " + " · ".join(parts))
    return "\n".join(lines)
