"""Every CRM keyboard builder: each button's callback data fits 64 bytes and unpacks."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

from bot.callbacks_crm import (
    BenchAction,
    BenchCb,
    DayCb,
    LostCb,
    LostReason,
    MyCb,
    OfferCb,
    OutcomeCb,
    PipeAction,
    PipeCb,
    ProposeCb,
    Stage,
    StageCb,
    TimeCb,
)
from bot.callbacks_fit import DevFitCb
from bot.callbacks_pages import Listing, ListPageCb
from bot.i18n import I18n, Translator
from bot.keyboards.crm_bench import bench_kb, developer_kb
from bot.keyboards.crm_interview import days_kb, outcomes_kb, times_kb
from bot.keyboards.crm_match import matches_kb
from bot.keyboards.crm_pipeline import lost_reasons_kb, my_requests_kb
from bot.keyboards.pager import Page
from crm.matching import DeveloperProfile, RequestProfile, score_match
from crm.proposals import DeveloperMatch
from db.records.bench import BenchCandidate, BenchRecord
from db.records.pipeline import InterviewRecord, PipelineCardRecord
from tests.support.keyboards import unpack_all as support_unpack_all

NOW = datetime(2030, 1, 7, 10, 0, tzinfo=UTC)
CLASSES: tuple[type[CallbackData], ...] = (
    PipeCb, StageCb, LostCb, MyCb, ProposeCb, DayCb, TimeCb, OutcomeCb, BenchCb, OfferCb,
    ListPageCb, DevFitCb,
)


@pytest.fixture(scope="module", params=["ru", "en"])
def i18n(request: pytest.FixtureRequest) -> I18n:
    return Translator().pick(request.param)


def unpack_all(markup: InlineKeyboardMarkup) -> list[CallbackData]:
    return support_unpack_all(markup, CLASSES, untranslated_prefix="crm-")


def card(
    stage: str = "new", owner: int | None = None, kind: str = "request"
) -> PipelineCardRecord:
    return PipelineCardRecord(
        id=7, kind=kind, title="Python", stage=stage, stage_changed_at=NOW,
        owner_user_id=owner, team_id=None, client_id=None, lost_reason=None, reminded_at=None,
        first_seen_at=NOW, roles=("backend",), stack=("Python",), grades=("senior",),
        formats=("remote",), location=None, rate_rub_hour_min=Decimal(2000),
        rate_rub_hour_max=Decimal(3000),
    )


def developer(dev_id: int = 3, active: bool = True) -> BenchRecord:
    return BenchRecord(
        id=dev_id, name="Ivan", roles=(), stack=("Python",), grade="senior", rate_min=None,
        rate_max=None, rate_currency=None, rate_period=None, rate_rub_hour=Decimal(2500),
        available_from=None, english_level=None, location=None, formats=(), cv_url=None,
        cv_file_id=None, source_post_id=None, owner_user_id=1, team_id=1, active=active,
        created_at=NOW,
    )


class TestPipelineKeyboards:
    def test_lost_reasons_and_my_requests(self, i18n: I18n) -> None:
        reasons = unpack_all(lost_reasons_kb(7, i18n))
        assert {r.reason for r in reasons if isinstance(r, LostCb)} == set(LostReason)
        found = unpack_all(my_requests_kb([card(owner=1)], ("new", "won"), i18n).as_markup())
        assert found == [PipeCb(action=PipeAction.open, card_id=7), MyCb(stage=Stage.new),
                         MyCb(stage=Stage.won), MyCb()]


class TestMatchAndInterviewKeyboards:
    def test_propose_buttons(self, i18n: I18n) -> None:
        profile = RequestProfile(("Python",), (), None, None, (), date(2030, 1, 7))
        candidate = BenchCandidate(5, "Ivan", (), ("Python",), None, None, None, ())
        match = score_match(profile, DeveloperProfile(("Python",), None, None, None, ()))
        found = unpack_all(matches_kb(7, [DeveloperMatch(candidate, match)], Page(0, 1), i18n))
        assert found == [ProposeCb(card_id=7, developer_id=5),
                         PipeCb(action=PipeAction.open, card_id=7)]

    def test_date_and_time_pickers(self, i18n: I18n) -> None:
        days = unpack_all(days_kb(11, date(2030, 1, 7), i18n))
        assert days == [DayCb(submission_id=11, day=d) for d in range(14)]
        times = unpack_all(times_kb(11, 2, i18n))
        slots = [t for t in times if isinstance(t, TimeCb)]
        assert (slots[0].minute, slots[-1].minute, len(slots)) == (540, 1200, 23)
        assert all(t.day == 2 and t.submission_id == 11 for t in slots)
        assert times[-1] == DayCb(submission_id=11)

    def test_outcomes_only_for_pending_interviews(self, i18n: I18n) -> None:
        pending = InterviewRecord(1, 11, 7, 5, NOW, "Europe/Moscow", None, 1, None)
        done = InterviewRecord(2, 12, 7, 6, NOW, "Europe/Moscow", "passed", 1, None)
        found = unpack_all(outcomes_kb([pending, done], i18n, now=NOW))
        assert {(f.interview_id, f.outcome.value) for f in found if isinstance(f, OutcomeCb)} == {
            (1, "passed"), (1, "failed"), (1, "no_show")
        }


class TestBenchKeyboards:
    def test_bench_page_and_developer(self, i18n: I18n) -> None:
        found = unpack_all(bench_kb([developer()], Page(1, 25, size=10), i18n))
        assert found == [
            BenchCb(action=BenchAction.show, developer_id=3),
            ListPageCb(listing=Listing.bench, page=0), ListPageCb(listing=Listing.bench, page=1),
            ListPageCb(listing=Listing.bench, page=2), BenchCb(action=BenchAction.add),
        ]
        actions = [f.action for f in unpack_all(developer_kb(developer(), i18n))
                   if isinstance(f, BenchCb)]
        assert actions == [BenchAction.requests, BenchAction.edit, BenchAction.off,
                           BenchAction.page]
        off = unpack_all(developer_kb(developer(active=False), i18n))
        assert BenchCb(action=BenchAction.off, developer_id=3) not in off
