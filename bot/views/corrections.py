"""The card on its corrections screen: its labels, then who corrected which field."""

from __future__ import annotations

import html

from bot.i18n import I18n
from bot.views.card import card_text, local_time
from bot.views.html_cut import cut_html
from db.records.corrections import FieldCorrection
from db.records.feed import CardRecord


def corrections_text(card: CardRecord, history: tuple[FieldCorrection, ...], i18n: I18n,
                     timezone: str) -> str:
    text = card_text(card, i18n, timezone)
    if not history:
        return text
    lines = [i18n.get("card-corrected-by")]
    lines += [
        i18n.get("card-corrected-field", field=i18n.get(f"filter-{fix.field}"),
                 who=html.escape(fix.user_name or i18n.get("card-corrected-someone")),
                 when=local_time(fix.at, timezone))
        for fix in history
    ]
    return cut_html(text + "\n\n" + "\n".join(lines))
