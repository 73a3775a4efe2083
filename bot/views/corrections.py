"""The card on its corrections screen: its labels, then who corrected which field."""

from __future__ import annotations

import html

from bot.i18n import I18n
from bot.views.card import card_text, format_local
from bot.views.html_cut import cut_html
from crm.review_queue import CONFIRMED
from db.records.corrections import FieldCorrection
from db.records.feed import CardRecord


def _field_name(field: str, i18n: I18n) -> str:
    # A confirmation from the review queue vouched for every field at once.
    return i18n.get("review-confirmed-field") if field == CONFIRMED else i18n.get(
        f"filter-{field}")


def corrections_text(card: CardRecord, history: tuple[FieldCorrection, ...], i18n: I18n,
                     timezone: str) -> str:
    text = card_text(card, i18n, timezone)
    if not history:
        return text
    lines = [i18n.get("card-corrected-by")]
    lines += [
        i18n.get("card-corrected-field", field=_field_name(fix.field, i18n),
                 who=html.escape(fix.user_name or i18n.get("card-corrected-someone")),
                 when=format_local(fix.at, timezone))
        for fix in history
    ]
    return cut_html(text + "\n\n" + "\n".join(lines))
