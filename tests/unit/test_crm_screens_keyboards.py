"""The team view, bench edit, tasks and client-note keyboards: every button's callback data
fits 64 bytes and unpacks into its screen's class."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

from bot.callbacks_crm import (
    BenchAction,
    BenchCb,
    BenchField,
    BenchFieldCb,
    BenchPickCb,
    ClientAction,
    ClientCb,
    MyCb,
    PipeAction,
    PipeCb,
    Stage,
    StageCb,
    TaskCb,
)
from bot.callbacks_fit import DevFitCb
from bot.i18n import I18n, Translator
from bot.keyboards.crm_bench import CHOICES, bench_choice_kb, bench_fields_kb, developer_kb
from bot.keyboards.crm_notes import client_kb, tasks_kb
from bot.keyboards.crm_pipeline import my_requests_kb
from crm.bench_fields import ENGLISH_LEVELS
from db.records.bench import BenchRecord
from db.records.feed import GRADES, ROLE_FAMILIES
from db.records.pipeline import PipelineCardRecord, TaskRecord
from tests.support.keyboards import unpack_all as support_unpack_all

NOW = datetime(2030, 1, 7, 10, 0, tzinfo=UTC)
CLASSES: tuple[type[CallbackData], ...] = (
    PipeCb, StageCb, MyCb, BenchCb, BenchFieldCb, BenchPickCb, TaskCb, ClientCb, DevFitCb,
)


@pytest.fixture(scope="module", params=["ru", "en"])
def i18n(request: pytest.FixtureRequest) -> I18n:
    return Translator().pick(request.param)


def unpack_all(markup: InlineKeyboardMarkup) -> list[CallbackData]:
    return support_unpack_all(markup, CLASSES, untranslated_prefix="crm-")


def card() -> PipelineCardRecord:
    return PipelineCardRecord(
        id=7, kind="request", title="Python", stage="in_work", stage_changed_at=NOW,
        owner_user_id=1, team_id=1, client_id=None, lost_reason=None, reminded_at=None,
        first_seen_at=NOW, roles=("backend",), stack=("Python",), grades=("senior",),
        formats=("remote",), location=None, rate_rub_hour_min=Decimal(2000),
        rate_rub_hour_max=None,
    )


def developer() -> BenchRecord:
    return BenchRecord(
        id=3, name="Ivan", roles=(), stack=("Python",), grade="senior", rate_min=None,
        rate_max=None, rate_currency=None, rate_period=None, rate_rub_hour=None,
        available_from=None, english_level=None, location=None, formats=(), cv_url=None,
        cv_file_id=None, source_post_id=None, owner_user_id=1, team_id=1, active=True,
        created_at=NOW,
    )


def task(task_id: int) -> TaskRecord:
    return TaskRecord(id=task_id, request_id=7, client_id=None, assignee_id=1, created_by=1,
                      title="Call the client " * 10, due_at=None, done_at=None, created_at=NOW)


class TestTeamKeyboard:
    def test_the_team_view_filters_stay_in_the_team_view(self, i18n: I18n) -> None:
        found = unpack_all(my_requests_kb([card()], ("new", "won"), i18n, team=True).as_markup())
        assert found == [PipeCb(action=PipeAction.open, card_id=7),
                         MyCb(stage=Stage.new, team=True), MyCb(stage=Stage.won, team=True),
                         MyCb(team=True)]

    def test_my_view_filters_are_not_the_team_view(self, i18n: I18n) -> None:
        found = unpack_all(my_requests_kb([], ("new",), i18n).as_markup())
        assert [f.team for f in found if isinstance(f, MyCb)] == [False, False]


class TestBenchEditKeyboards:
    def test_the_developer_card_has_an_edit_button(self, i18n: I18n) -> None:
        assert BenchCb(action=BenchAction.edit, developer_id=3) in unpack_all(
            developer_kb(developer(), i18n))

    def test_the_field_picker_offers_every_field_and_back(self, i18n: I18n) -> None:
        found = unpack_all(bench_fields_kb(developer(), i18n))
        assert found[:-1] == [BenchFieldCb(developer_id=3, field=f) for f in BenchField]
        assert found[-1] == BenchCb(action=BenchAction.show, developer_id=3)

    @pytest.mark.parametrize(("field", "options", "none"), [
        (BenchField.roles, ROLE_FAMILIES, False), (BenchField.grade, GRADES, False),
        (BenchField.english, ENGLISH_LEVELS, True),
    ])
    def test_choice_pickers(
        self, i18n: I18n, field: BenchField, options: tuple[str, ...], none: bool
    ) -> None:
        assert CHOICES[field] == options
        found = unpack_all(bench_choice_kb(field, i18n))
        count = len(options) + (1 if none else 0)
        assert found == [BenchPickCb(field=field, index=i) for i in range(count)]


class TestTaskAndClientKeyboards:
    def test_one_done_button_per_task(self, i18n: I18n) -> None:
        assert unpack_all(tasks_kb([task(1), task(2)], i18n)) == [TaskCb(task_id=1),
                                                                  TaskCb(task_id=2)]
        assert unpack_all(tasks_kb([], i18n)) == []

    def test_client_card_has_a_note_button(self, i18n: I18n) -> None:
        assert unpack_all(client_kb(12, i18n)) == [
            ClientCb(action=ClientAction.note, client_id=12)]
