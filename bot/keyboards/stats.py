"""/stats keyboards: report, period, granularity, filters; then the album's CSV button."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from analytics.records import PERIOD_DAYS, ReportRequest
from bot.callbacks_stats import StatsAction, StatsCb, StatsField
from bot.i18n import I18n
from bot.stats_state import GRANULARITIES, REPORTS

FILTER_FIELDS = (StatsField.roles, StatsField.stack, StatsField.grades, StatsField.formats,
                 StatsField.sources)


def _mark(chosen: bool) -> str:
    return "✓ " if chosen else ""


def _chosen_count(request: ReportRequest, field: StatsField) -> int:
    name = "source_ids" if field is StatsField.sources else field.value
    return len(getattr(request.filters, name))


def stats_kb(request: ReportRequest, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for index, report in enumerate(REPORTS):
        builder.button(text=_mark(report is request.report) + i18n.get(f"stats-report-{report}"),
                       callback_data=StatsCb(action=StatsAction.report, index=index))
    for index, days in enumerate(PERIOD_DAYS):
        builder.button(text=_mark(days == request.period_days) + i18n.get(
            "stats-period", days=days), callback_data=StatsCb(action=StatsAction.period,
                                                              index=index))
    for index, granularity in enumerate(GRANULARITIES):
        builder.button(
            text=_mark(granularity is request.granularity)
            + i18n.get(f"chart-granularity-{granularity}"),
            callback_data=StatsCb(action=StatsAction.granularity, index=index))
    for field in FILTER_FIELDS:
        count = _chosen_count(request, field)
        builder.button(text=i18n.get(f"stats-filter-{field}") + (f" ({count})" if count else ""),
                       callback_data=StatsCb(action=StatsAction.pick, field=field))
    builder.button(text=i18n.get("stats-reset"), callback_data=StatsCb(action=StatsAction.reset))
    builder.button(text=i18n.get("stats-show"), callback_data=StatsCb(action=StatsAction.show))
    builder.adjust(len(REPORTS) // 2, len(REPORTS) // 2, len(PERIOD_DAYS), len(GRANULARITIES),
                   3, 2, 2)
    return builder.as_markup()


def picker_kb(field: StatsField, labels: Sequence[str], chosen: Sequence[bool],
              i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for index, (text, on) in enumerate(zip(labels, chosen, strict=True)):
        builder.button(text=_mark(on) + text[:40],
                       callback_data=StatsCb(action=StatsAction.toggle, field=field, index=index))
    builder.button(text=i18n.get("picker-done"), callback_data=StatsCb(action=StatsAction.home))
    builder.adjust(2)
    return builder.as_markup()


def after_album_kb(i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("stats-csv"), callback_data=StatsCb(action=StatsAction.csv))
    builder.button(text=i18n.get("stats-change"), callback_data=StatsCb(action=StatsAction.home))
    builder.adjust(2)
    return builder.as_markup()
