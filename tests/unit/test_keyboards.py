"""Every keyboard builder: each button's callback data unpacks into its screen's class."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

from bot.callbacks import (
    CardAction,
    CardCb,
    CorrectCb,
    CorrectField,
    FeedCb,
    FilterCb,
    FilterField,
    InviteCb,
    MenuCb,
    PageCb,
    Role,
    ScopeCb,
    SearchAction,
    SearchCb,
    SettingsCb,
)
from bot.callbacks_crm import PipeAction, PipeCb
from bot.callbacks_outreach import OutreachAction, OutreachCb, SearchOfferAction, SearchOfferCb
from bot.callbacks_pages import Listing
from bot.callbacks_teams import MemberAction, MemberCb
from bot.delivery.senders import push_kb
from bot.feed_filters import options, toggle
from bot.i18n import I18n, Translator
from bot.keyboards.admin import invite_roles_kb, scope_kb
from bot.keyboards.card import card_kb, correct_fields_kb, correct_values_kb
from bot.keyboards.feed import cb_to_cursor, cursor_to_cb, filters_kb, more_kb, picker_kb
from bot.keyboards.menu import main_menu_kb
from bot.keyboards.pager import Page
from bot.keyboards.searches import searches_kb
from bot.keyboards.settings import TIMEZONES, settings_kb, timezones_kb
from bot.keyboards.teams import people_kb
from db.records.feed import CardRecord, FeedCursor, FeedFilters
from db.records.outbox import DueDelivery, NotificationRecord
from db.records.searches import SavedSearchRecord
from db.records.users import UserRecord
from tests.support.keyboards import unpack_all as support_unpack_all

NOW = datetime(2026, 11, 22, 10, 30, 15, 123456, tzinfo=UTC)
CLASSES: tuple[type[CallbackData], ...] = (
    MenuCb, FeedCb, FilterCb, PageCb, CardCb, CorrectCb, SearchCb, SettingsCb, InviteCb, ScopeCb,
    MemberCb,
    PipeCb, SearchOfferCb,
)


@pytest.fixture(scope="module")
def i18n() -> I18n:
    return Translator().pick("ru")


def unpack_all(markup: InlineKeyboardMarkup) -> list[CallbackData]:
    return support_unpack_all(markup, CLASSES)


def a_card(**changes: object) -> CardRecord:
    values: dict[str, object] = dict(
        id=987654321, kind="request", title="t", text="", roles=("backend",), stack=("Go",),
        grades=("senior",), formats=("remote",), employment=(), location=None, rate_min=None,
        rate_max=None, rate_currency=None, rate_period=None, rate_rub_hour_min=Decimal(2000),
        rate_rub_hour_max=None, duration_months=None, headcount=None, needs_review=False,
        first_seen_at=NOW, source_count=1, stage="new", owner_user_id=None, team_id=None,
    )
    values.update(changes)
    return CardRecord(**values)  # type: ignore[arg-type]


def a_user(**changes: object) -> UserRecord:
    values: dict[str, object] = dict(
        id=7, tg_user_id=1001, first_name="Anna", username=None, language="ru", role="manager",
        team_id=1, active=True, email=None, email_enabled=False, timezone="Europe/Moscow",
        scope_source_ids=None, scope_roles=None, pushes_paused_at=None,
    )
    values.update(changes)
    return UserRecord(**values)  # type: ignore[arg-type]


class TestKeyboards:
    def test_the_main_menu_shows_what_the_role_can_do(self, i18n: I18n) -> None:
        def actions(role: str) -> set[str]:
            found = unpack_all(main_menu_kb(i18n, role))
            assert all(isinstance(d, MenuCb) for d in found)
            return {d.action.value for d in found}  # type: ignore[attr-defined]

        manager, lead, admin = actions("manager"), actions("lead"), actions("admin")
        assert {"feed", "searches", "my", "tasks", "bench", "settings", "help", "stats"} <= manager
        assert "team" not in manager and "team" in lead
        assert not {"sources", "invite", "users"} & (manager | lead)
        assert {"sources", "invite", "users", "team"} <= admin

    def test_filters_and_pickers(self, i18n: I18n) -> None:
        fields = [d.field for d in unpack_all(filters_kb(i18n)) if isinstance(d, FilterCb)]
        assert fields == list(FilterField)
        offered = ("React", "Python", "Go")
        for field in FilterField:
            data = unpack_all(picker_kb(field, FeedFilters(), offered, i18n))
            toggles = [d for d in data if isinstance(d, FilterCb)]
            assert [d.index for d in toggles] == list(range(len(options(field, offered))))
            assert isinstance(data[-1], FeedCb)

    def test_picker_marks_the_chosen_option(self, i18n: I18n) -> None:
        filters = toggle(FeedFilters(), FilterField.grades, 2, ())
        markup = picker_kb(FilterField.grades, filters, (), i18n)
        texts = [b.text for row in markup.inline_keyboard for b in row]
        assert "✓ middle" in texts and "junior" in texts

    def test_page_cursor_round_trips_exactly(self, i18n: I18n) -> None:
        cursor = FeedCursor(NOW, 123456789012)
        [page, _] = unpack_all(more_kb(cursor, i18n))
        assert isinstance(page, PageCb) and cb_to_cursor(page) == cursor
        assert cb_to_cursor(cursor_to_cb(cursor)) == cursor
        assert [type(d) for d in unpack_all(more_kb(None, i18n))] == [FeedCb]

    def test_card_buttons_carry_the_card_id(self, i18n: I18n) -> None:
        data = unpack_all(card_kb(a_card(), i18n, viewer_id=7))
        assert [d.action for d in data] == [  # type: ignore[attr-defined]
            CardAction.full, CardAction.correct, CardAction.take, CardAction.hide,
            PipeAction.open,
        ]
        assert data[-1] == PipeCb(action=PipeAction.open, card_id=987654321)
        assert {d.card_id for d in data} == {987654321}  # type: ignore[attr-defined]
        owned = unpack_all(card_kb(a_card(owner_user_id=7), i18n, viewer_id=7))
        assert CardAction.take not in [d.action for d in owned]  # type: ignore[attr-defined]

    def test_correction_pickers(self, i18n: I18n) -> None:
        fields = unpack_all(correct_fields_kb(a_card(), i18n))
        assert [d.field for d in fields if isinstance(d, CorrectCb)] == list(CorrectField)
        for field in CorrectField:
            values = unpack_all(correct_values_kb(a_card(), field, i18n))
            assert all(d.card_id == 987654321 for d in values)  # type: ignore[attr-defined]

    def test_searches(self, i18n: I18n) -> None:
        searches = [
            SavedSearchRecord(1, 7, "react", FeedFilters(), "react", False, NOW),
            SavedSearchRecord(2, 7, "go", FeedFilters(), None, True, NOW),
        ]
        data = unpack_all(searches_kb(searches, i18n))
        actions = [(d.action, d.search_id) for d in data if isinstance(d, SearchCb)]
        assert actions[:4] == [
            (SearchAction.pause, 1), (SearchAction.delete, 1),
            (SearchAction.resume, 2), (SearchAction.delete, 2),
        ]
        offers = [(d.action, d.search_id) for d in data if isinstance(d, SearchOfferCb)]
        assert offers == [(SearchOfferAction.on, 1), (SearchOfferAction.on, 2)]
        marked = replace(searches[0], offer_outreach=True)
        data = unpack_all(searches_kb([marked], i18n))
        assert [d.action for d in data if isinstance(d, SearchOfferCb)] == [
            SearchOfferAction.off]

    def test_settings_and_timezones(self, i18n: I18n) -> None:
        assert all(isinstance(d, SettingsCb) for d in unpack_all(settings_kb(a_user(), i18n)))
        zones = [d for d in unpack_all(timezones_kb(a_user(), i18n)) if d.index]  # type: ignore[attr-defined]
        assert len(zones) == len(TIMEZONES) - 1

    def test_admin_keyboards(self, i18n: I18n) -> None:
        roles = [d.role for d in unpack_all(invite_roles_kb(i18n))]  # type: ignore[attr-defined]
        assert roles == list(Role)
        page = Page(0, 1)
        people = unpack_all(people_kb([a_user()], page, Listing.users, i18n))
        assert people == [MemberCb(action=MemberAction.show, user_id=7)]
        scope = unpack_all(scope_kb(a_user(), i18n))
        assert all(isinstance(d, ScopeCb) for d in scope[:-1])
        assert scope[-1] == MemberCb(action=MemberAction.show, user_id=7)


class TestPushReachOut:
    @staticmethod
    def _due(offer: bool, owner: int | None) -> DueDelivery:
        note = NotificationRecord(1, "search_match", "telegram", 7, 3, 987654321, 0, "pending")
        return DueDelivery(note, a_user(), a_card(owner_user_id=owner), "react",
                           offer_outreach=offer)

    def test_a_marked_search_pushes_reach_out_to_the_preview(self, i18n: I18n) -> None:
        markup = push_kb(self._due(True, None), i18n)
        assert markup is not None
        last = support_unpack_all(markup, (*CLASSES, OutreachCb))[-1]
        assert last == OutreachCb(action=OutreachAction.open, card_id=987654321)
        assert markup.inline_keyboard[-1][0].text == i18n.get("outreach-reach-out")

    def test_no_reach_out_unmarked_or_on_a_colleagues_card(self, i18n: I18n) -> None:
        for due in (self._due(False, None), self._due(True, 8)):
            markup = push_kb(due, i18n)
            assert markup is not None
            assert not [d for d in support_unpack_all(markup, (*CLASSES, OutreachCb))
                        if isinstance(d, OutreachCb)]
        own = push_kb(self._due(True, 7), i18n)
        assert own is not None and isinstance(
            support_unpack_all(own, (*CLASSES, OutreachCb))[-1], OutreachCb)
