"""The sources keyboard: each button's callback data unpacks into SourceCb, ids and enums only."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram.types import InlineKeyboardMarkup

from bot.callbacks_pages import Listing, ListPageCb
from bot.callbacks_sources import SourceAction, SourceCb
from bot.i18n import I18n, Translator
from bot.keyboards.pager import Page
from bot.keyboards.sources import sources_kb
from bot.views.sources import PAGE_SIZE, page_of, sources_text
from db.records.sources import SourceRecord
from tests.support.keyboards import unpack_all as support_unpack_all

NOW = datetime(2026, 11, 22, 10, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def i18n() -> I18n:
    return Translator().pick("ru")


def unpack_all(markup: InlineKeyboardMarkup) -> list[Any]:
    return support_unpack_all(markup, (SourceCb, ListPageCb))


def a_source(source_id: int, **changes: object) -> SourceRecord:
    values: dict[str, object] = dict(
        id=source_id, tg_id=-1001234567890, ref="@itjobs", kind="channel", username="itjobs",
        title="IT Jobs " * 10, enabled=True, account_id=None, account_name=None, read_cursor=0,
        last_post_at=None, last_read_at=None, last_error=None, last_error_at=None,
        retry_after=None,
    )
    values.update(changes)
    return SourceRecord(**values)  # type: ignore[arg-type]


class TestSourcesKeyboard:
    def test_toggles_pager_and_add(self, i18n: I18n) -> None:
        records = [a_source(n, enabled=n % 2 == 0) for n in range(1, 20)]
        shown, page, pages = page_of(records, 1)
        assert (page, pages, len(shown)) == (1, 3, PAGE_SIZE)
        data = unpack_all(sources_kb(shown, Page(page, len(records), size=PAGE_SIZE), i18n))
        toggles = [(d.action, d.source_id, d.page) for d in data[:PAGE_SIZE]]
        assert toggles == [
            (SourceAction.disable if s.enabled else SourceAction.enable, s.id, 1) for s in shown
        ]
        assert data[PAGE_SIZE:] == [
            ListPageCb(listing=Listing.sources, page=p) for p in (0, 1, 2)
        ] + [SourceCb(action=SourceAction.add)]

    def test_one_page_has_no_pager(self, i18n: I18n) -> None:
        assert [d.action for d in unpack_all(sources_kb([], Page(0, 0), i18n))] == [
            SourceAction.add]
        shown, page, _pages = page_of([a_source(5, username=None, title=None)], 7)
        assert page == 0
        data = unpack_all(sources_kb(shown, Page(page, 1), i18n))
        assert [(d.action, d.source_id) for d in data] == [
            (SourceAction.disable, 5), (SourceAction.add, 0),
        ]

    def test_health_marks(self, i18n: I18n) -> None:
        records = [
            a_source(1), a_source(2, last_error="RPCError <x>"), a_source(3, enabled=False),
            a_source(4, retry_after=NOW.replace(hour=12)), a_source(5, tg_id=None),
        ]
        text = sources_text(records, 5, 0, 1, i18n, "Europe/Moscow", NOW)
        marks = [line.split()[0] for line in text.splitlines() if "<b>#" in line]
        assert marks == ["✅", "⚠️", "⏸", "⏳", "❔"]
        assert "ошибка: <code>RPCError &lt;x&gt;</code>" in text
        assert "flood wait до 22.11 15:30" in text
