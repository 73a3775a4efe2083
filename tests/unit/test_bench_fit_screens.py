"""Bench-fit keyboards unpack to ids and enums within 64 bytes; reasons read as the issue
writes them ("stack 4/5, grade fits, rate 2 500 ≤ 2 800 ₽/h") in both languages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from aiogram.filters.callback_data import CallbackData

from bot.callbacks_crm import BenchCb, ProposeCb
from bot.callbacks_fit import DevFitCb, FitAction, FitCb, FitListCb, FitPrefsCb
from bot.i18n import I18n, Translator
from bot.keyboards.bench_fit import (
    digest_kb,
    fit_push_kb,
    fits_kb,
    owners_kb,
    prefs_kb,
    stale_kb,
)
from bot.views.bench_fit import digest_text, reasons_text, stale_text
from crm.fit_rules import in_quiet_hours
from db.records.bench import BenchRecord
from db.records.fits import FitPrefsRecord, FitRecord
from tests.support.keyboards import unpack_all as support_unpack_all
from tests.unit.test_keyboards import a_user

CLASSES: tuple[type[CallbackData], ...] = (
    FitCb, FitListCb, FitPrefsCb, DevFitCb, ProposeCb, BenchCb,
)
NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)
DETAILS = {"stack_hit": 4, "stack_total": 5, "grade_fit": "exact", "rate_fit": "in_range",
           "rate": "2500", "budget_min": None, "budget_max": "2800", "days_late": 0}


@pytest.fixture(scope="module", params=["ru", "en"])
def i18n(request: pytest.FixtureRequest) -> I18n:
    return Translator().pick(request.param)


def unpack_all(markup: object, i18n: I18n) -> list[CallbackData]:
    return support_unpack_all(markup, CLASSES, untranslated_prefix="fit-")  # type: ignore[arg-type]


def a_fit(n: int) -> FitRecord:
    return FitRecord(id=n, request_id=100 + n, developer_id=7, owner_user_id=1, score=0.9,
                     details=DETAILS, delivery="push", verdict=None, created_at=NOW,
                     title=f"Request {n}", developer="Oleg")


def a_developer() -> BenchRecord:
    return BenchRecord(
        id=7, name="Oleg", roles=(), stack=("React",), grade="senior", rate_min=None,
        rate_max=None, rate_currency=None, rate_period=None, rate_rub_hour=None,
        available_from=None, english_level=None, location=None, formats=(), cv_url=None,
        cv_file_id=None, source_post_id=None, owner_user_id=7, team_id=1, active=True,
        created_at=NOW,
    )


class TestBenchFitKeyboards:
    def test_the_push_proposes_rejects_and_opens(self, i18n: I18n) -> None:
        found = unpack_all(fit_push_kb(3, 103, 7, i18n), i18n)
        assert found[0] == ProposeCb(card_id=103, developer_id=7)
        assert [d.action for d in found[1:]] == [FitAction.reject, FitAction.open]  # type: ignore[attr-defined]
        rejected = unpack_all(fit_push_kb(3, 103, 7, i18n, rejected=True), i18n)
        assert rejected == [FitCb(action=FitAction.open, fit_id=3)]

    def test_every_other_screen_unpacks(self, i18n: I18n) -> None:
        items = [{"fit_id": n, "request_id": 100 + n} for n in range(10)]
        assert len(unpack_all(digest_kb(items, i18n), i18n)) == 11
        fits = [a_fit(n) for n in range(10)]
        assert FitListCb(page=2) in unpack_all(fits_kb(fits, 1, 35, 10, i18n), i18n)
        unpack_all(prefs_kb(FitPrefsRecord(1, paused=True), i18n), i18n)
        unpack_all(owners_kb(a_developer(), [a_user()], i18n), i18n)
        unpack_all(stale_kb(7, i18n), i18n)


class TestBenchFitTexts:
    def test_reasons_read_like_the_issue(self) -> None:
        en, ru = Translator().pick("en"), Translator().pick("ru")
        assert reasons_text(DETAILS, en) == (
            "stack 4/5, grade fits, rate 2 500 ≤ 2 800 ₽/h, free now")
        assert reasons_text(DETAILS, ru).startswith("стек 4/5, грейд подходит, ставка 2 500")

    def test_missing_parts_still_render(self, i18n: I18n) -> None:
        text = reasons_text({}, i18n)
        assert "fit-" not in text
        assert "fit-" not in digest_text({"count": 1000, "items": []}, i18n)
        assert "fit-" not in stale_text({"developer": "<b>", "days": 40}, i18n)
        assert "&lt;b&gt;" in stale_text({"developer": "<b>", "days": 40}, i18n)

    def test_quiet_hours_wrap_midnight(self) -> None:
        night = datetime(2026, 12, 7, 20, 30, tzinfo=UTC)  # 23:30 in Moscow
        assert in_quiet_hours(night, "Europe/Moscow", 22, 8)
        assert not in_quiet_hours(night, "Europe/Moscow", 8, 22)
        assert not in_quiet_hours(night, "Europe/Moscow", None, None)
        assert in_quiet_hours(night, "No/Such_Zone", 20, 21)  # an unknown zone reads as UTC
