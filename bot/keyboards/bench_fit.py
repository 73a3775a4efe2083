"""Buttons of bench-fit pushes, digests, freshness reminders and the /fits screens."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_crm import BenchAction, BenchCb, ProposeCb
from bot.callbacks_fit import (
    DevFitAction,
    DevFitCb,
    FitAction,
    FitCb,
    FitListCb,
    FitPrefsAction,
    FitPrefsCb,
)
from bot.i18n import I18n
from db.records.bench import BenchRecord
from db.records.fits import FitPrefsRecord, FitRecord
from db.records.users import UserRecord

THRESHOLDS: tuple[int, ...] = (60, 70, 75, 80, 90)  # percent
# (from, to) local hours; (None, None) turns quiet hours off.
QUIET_HOURS: tuple[tuple[int | None, int | None], ...] = (
    (None, None), (22, 8), (21, 9), (20, 10), (23, 7),
)
LABEL_MAX = 40


def fit_push_kb(fit_id: int, card_id: int, developer_id: int, i18n: I18n, *,
                rejected: bool = False) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if not rejected:
        builder.button(text=i18n.get("fit-btn-propose"),
                       callback_data=ProposeCb(card_id=card_id, developer_id=developer_id))
        builder.button(text=i18n.get("fit-btn-reject"),
                       callback_data=FitCb(action=FitAction.reject, fit_id=fit_id))
    builder.button(text=i18n.get("fit-btn-open"),
                   callback_data=FitCb(action=FitAction.open, fit_id=fit_id))
    builder.adjust(1 if rejected else 2, 1)
    return builder.as_markup()


def digest_kb(items: Sequence[Mapping[str, Any]], i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for n, item in enumerate(items, 1):
        builder.button(text=i18n.get("fit-btn-item", n=n, id=int(item["request_id"])),
                       callback_data=FitCb(action=FitAction.show, fit_id=int(item["fit_id"])))
    builder.button(text=i18n.get("fit-btn-all"), callback_data=FitListCb(page=0, reply=True))
    builder.adjust(*([5] * (len(items) // 5)), *([len(items) % 5] if len(items) % 5 else []), 1)
    return builder.as_markup()


def fits_kb(fits: Sequence[FitRecord], page: int, total: int, size: int, i18n: I18n
            ) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for n, fit in enumerate(fits, 1):
        builder.button(text=i18n.get("fit-btn-item", n=n, id=fit.request_id),
                       callback_data=FitCb(action=FitAction.show, fit_id=fit.id))
    nav = []
    if page > 0:
        nav.append((i18n.get("crm-prev"), FitListCb(page=page - 1)))
    if (page + 1) * size < total:
        nav.append((i18n.get("crm-next"), FitListCb(page=page + 1)))
    for text, data in nav:
        builder.button(text=text, callback_data=data)
    builder.button(text=i18n.get("fit-btn-prefs"),
                   callback_data=FitPrefsCb(action=FitPrefsAction.show))
    rows = [5] * (len(fits) // 5) + ([len(fits) % 5] if len(fits) % 5 else [])
    builder.adjust(*rows, *([len(nav)] if nav else []), 1)
    return builder.as_markup()


def prefs_kb(prefs: FitPrefsRecord, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    current = round(float(prefs.threshold) * 100) if prefs.threshold is not None else None
    for index, value in enumerate(THRESHOLDS):
        mark = "✓ " if value == current else ""
        builder.button(text=mark + i18n.get("fit-prefs-threshold-btn", value=value),
                       callback_data=FitPrefsCb(
            action=FitPrefsAction.threshold, index=index))
    builder.button(text=("✓ " if current is None else "") + i18n.get("fit-prefs-default"),
                   callback_data=FitPrefsCb(action=FitPrefsAction.threshold,
                                            index=len(THRESHOLDS)))
    for index, (start, end) in enumerate(QUIET_HOURS):
        mark = "✓ " if (start, end) == (prefs.quiet_from, prefs.quiet_to) else ""
        label = (i18n.get("fit-prefs-quiet-off-btn") if start is None
                 else i18n.get("fit-prefs-quiet-btn", start=start, end=end))
        builder.button(text=mark + label,
                       callback_data=FitPrefsCb(action=FitPrefsAction.quiet, index=index))
    toggle = FitPrefsAction.resume if prefs.paused else FitPrefsAction.pause
    builder.button(text=i18n.get(f"fit-btn-{toggle.value}"), callback_data=FitPrefsCb(
        action=toggle))
    builder.button(text=i18n.get("fit-btn-list"), callback_data=FitListCb(page=0))
    builder.adjust(3, 3, 3, 2, 1, 1)
    return builder.as_markup()


def developer_status_kb(dev: BenchRecord, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("fit-btn-owner"),
                   callback_data=DevFitCb(action=DevFitAction.owners, developer_id=dev.id))
    if dev.active:
        action = DevFitAction.free if dev.busy else DevFitAction.busy
        builder.button(text=i18n.get(f"fit-btn-{action.value}"),
                       callback_data=DevFitCb(action=action, developer_id=dev.id))
    builder.button(text=i18n.get("crm-back"),
                   callback_data=BenchCb(action=BenchAction.show, developer_id=dev.id))
    builder.adjust(1)
    return builder.as_markup()


def owners_kb(dev: BenchRecord, people: Sequence[UserRecord], i18n: I18n
              ) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for person in people:
        mark = "✓ " if person.id == dev.owner_user_id else ""
        name = (person.first_name or person.username or str(person.tg_user_id))[:LABEL_MAX]
        builder.button(text=mark + name, callback_data=DevFitCb(
            action=DevFitAction.owner, developer_id=dev.id, user_id=person.id))
    builder.button(text=i18n.get("crm-back"),
                   callback_data=DevFitCb(action=DevFitAction.show, developer_id=dev.id))
    builder.adjust(2)
    return builder.as_markup()


def stale_kb(developer_id: int, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for action in (DevFitAction.confirm, DevFitAction.busy, DevFitAction.placed):
        builder.button(text=i18n.get(f"fit-btn-{action.value}"),
                       callback_data=DevFitCb(action=action, developer_id=developer_id))
    builder.button(text=i18n.get("fit-btn-edit"),
                   callback_data=BenchCb(action=BenchAction.edit, developer_id=developer_id))
    builder.adjust(1, 2, 1)
    return builder.as_markup()
