"""The Telegram message of a bench-fit outbox row (push, digest, freshness reminder)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import I18n
from bot.keyboards.bench_fit import digest_kb, fit_push_kb, stale_kb
from bot.views.bench_fit import digest_text, push_text, stale_text
from db.records.outbox import DueDelivery

FIT_KINDS = frozenset({"bench_fit", "fit_digest", "bench_stale"})


def fit_message(due: DueDelivery, i18n: I18n) -> tuple[str, InlineKeyboardMarkup] | None:
    """(text, buttons) for the bench-fit kinds; None for every other kind."""
    note = due.notification
    payload = note.payload
    if note.kind == "bench_fit":
        card_id = due.card.id if due.card else int(note.request_id or 0)
        markup = fit_push_kb(int(payload["fit_id"]), card_id, int(payload["developer_id"]), i18n)
        return push_text(payload, due.card, i18n, due.user.timezone), markup
    if note.kind == "fit_digest":
        return digest_text(payload, i18n), digest_kb(payload.get("items") or [], i18n)
    if note.kind == "bench_stale":
        return stale_text(payload, i18n), stale_kb(int(payload["developer_id"]), i18n)
    return None
