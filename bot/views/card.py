"""A request card as Telegram HTML (post text and chat titles escaped)."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import I18n
from bot.views.html_cut import cut_html
from bot.views.labels import amount, label, labels, rate_range
from db.records.feed import CardRecord

# A card cross-posted to dozens of chats lists the first ones and counts the rest.
SOURCES_SHOWN = 10
CHUNK = 3900  # room for the header line of a full-text message
TIME_FORMAT = "%d.%m %H:%M"


def format_local(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime(TIME_FORMAT)


CURRENCY_SIGNS = {"RUB": "₽", "USD": "$", "EUR": "€"}


def _rate_line(card: CardRecord, i18n: I18n) -> str | None:
    if card.rate_min is None and card.rate_max is None:
        return None
    if (card.rate_currency, card.rate_period) == ("RUB", "hour"):
        return i18n.get("card-rate", rate=rate_range(i18n, card.rate_min, card.rate_max))
    if card.rate_min == card.rate_max:
        original = amount(card.rate_min)
    elif card.rate_min is None:  # "up to $38/h" read as "…–38 $" before
        original = i18n.get("amount-to", amount=amount(card.rate_max))
    elif card.rate_max is None:
        original = i18n.get("amount-from", amount=amount(card.rate_min))
    else:
        original = f"{amount(card.rate_min)}–{amount(card.rate_max)}"
    currency = CURRENCY_SIGNS.get(card.rate_currency or "", card.rate_currency or "")
    original = f"{original} {html.escape(currency)}".strip()
    if card.rate_period:
        original += f" / {i18n.get('per-' + card.rate_period)}"
    if card.rate_rub_hour_min is None and card.rate_rub_hour_max is None:
        return i18n.get("card-rate", rate=original)
    rub = rate_range(i18n, card.rate_rub_hour_min, card.rate_rub_hour_max)
    return i18n.get("card-rate-rub", rate=original, rub=rub)


def _source_line(card: CardRecord, index: int, i18n: I18n, timezone: str) -> str:
    source = card.sources[index]
    title = html.escape(source.title or source.username or i18n.get("source-unknown"))
    if source.permalink:
        title = f'<a href="{html.escape(source.permalink, quote=True)}">{title}</a>'
    return i18n.get("card-source", title=title, time=format_local(source.posted_at, timezone))


def card_text(card: CardRecord, i18n: I18n, timezone: str) -> str:
    lines = [f"<b>{html.escape(card.title or i18n.get('card-untitled'))}</b>"]
    lines.append(i18n.get("card-kind", kind=label(i18n, "kind", card.kind)))
    if card.roles:
        lines.append(i18n.get("card-roles", roles=labels(i18n, "roles", card.roles)))
    if card.stack:
        lines.append(i18n.get("card-stack", stack=html.escape(", ".join(card.stack))))
    if card.grades:
        lines.append(i18n.get("card-grades", grades=labels(i18n, "grades", card.grades)))
    if card.formats:
        lines.append(i18n.get("card-formats", formats=labels(i18n, "formats", card.formats)))
    if (rate := _rate_line(card, i18n)) is not None:
        lines.append(rate)
    if card.location:
        lines.append(i18n.get("card-location", location=html.escape(card.location)))
    if card.duration_months:
        lines.append(i18n.get("card-duration", months=round(card.duration_months, 1)))
    if card.headcount:
        lines.append(i18n.get("card-headcount", count=card.headcount))
    if card.needs_review:
        lines.append(i18n.get("card-needs-review"))
    if card.stage != "new":
        lines.append(i18n.get("card-stage", stage=i18n.get("stage-" + card.stage)))
    lines.append(i18n.get("card-sources", count=len(card.sources)))
    shown = min(len(card.sources), SOURCES_SHOWN)
    lines += [_source_line(card, i, i18n, timezone) for i in range(shown)]
    if len(card.sources) > shown:
        lines.append(i18n.get("card-sources-more", count=len(card.sources) - shown))
    return cut_html("\n".join(lines))


def full_text_chunks(card: CardRecord) -> list[str]:
    """The post text, escaped, cut into message-sized pieces (never inside an entity)."""
    text = card.text or ""
    pieces = [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
    return [html.escape(piece) for piece in pieces]
