"""The admin's sources list: a health mark, last post, cursor and owner per source."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from bot.i18n import I18n
from bot.views.card import format_local
from db.records.sources import SourceRecord

PAGE_SIZE = 8
ERROR_LIMIT = 80  # the full error is in the logs; the list shows its start
HEALTH_MARKS = {
    "ok": "✅", "error": "⚠️", "flood_wait": "⏳", "disabled": "⏸", "unresolved": "❔",
}


def page_of(
    items: Sequence[SourceRecord], page: int
) -> tuple[Sequence[SourceRecord], int, int]:
    """The items of `page` (clamped to the pages there are), that page and the page count."""
    pages = max(1, -(-len(items) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    return items[page * PAGE_SIZE:(page + 1) * PAGE_SIZE], page, pages


def source_name(source: SourceRecord, i18n: I18n) -> str:
    name = f"@{source.username}" if source.username else (source.title or source.ref)
    return i18n.get("source-name", id=str(source.id), name=name)


def shorten(text: str, limit: int = ERROR_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def source_text(source: SourceRecord, i18n: I18n, timezone: str, now: datetime) -> str:
    lines = [i18n.get(
        "source-line", mark=HEALTH_MARKS[source.health(now)],
        name=html.escape(source_name(source, i18n)),
    )]
    last_post = (
        format_local(source.last_post_at, timezone) if source.last_post_at is not None
        else i18n.get("source-no-posts")
    )
    account = (
        html.escape(source.account_name) if source.account_name else i18n.get("source-no-account")
    )
    lines.append(i18n.get(
        "source-details", last_post=last_post, cursor=str(source.read_cursor), account=account
    ))
    if source.health(now) == "flood_wait" and source.retry_after is not None:
        until = format_local(source.retry_after, timezone)
        lines.append(i18n.get("source-flood-wait", until=until))
    if source.last_error is not None:
        lines.append(i18n.get("source-error", error=html.escape(shorten(source.last_error))))
    return "\n".join(lines)


def sources_text(
    shown: Sequence[SourceRecord], total: int, page: int, pages: int, i18n: I18n,
    timezone: str, now: datetime,
) -> str:
    if not total:
        return i18n.get("sources-empty")
    head = i18n.get("sources-title", total=total, page=page + 1, pages=pages)
    return "\n\n".join([head, *(source_text(s, i18n, timezone, now) for s in shown)])
