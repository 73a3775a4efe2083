"""The /clients keyboards: every button unpacks within 64 bytes, shows no raw key, pages."""

from __future__ import annotations

from bot.callbacks_clients import ClientsCb, Lifecycle, ProfileCb, Segment, SplitCb
from bot.callbacks_outreach import OutreachCb
from bot.i18n import Translator
from bot.keyboards.clients import clients_kb, profile_kb, segment_picker_kb, split_kb
from db.records.client_profiles import ClientPageRecord, ClientProfileRecord, ClientRowRecord
from tests.support.keyboards import unpack_all

CLASSES = (ClientsCb, ProfileCb, SplitCb, OutreachCb)
I18N = Translator().pick("ru")


def _page(page: int, pages: int) -> ClientPageRecord:
    rows = tuple(ClientRowRecord(10 ** 11 + i, "Очень длинное название компании " * 3,
                                 "active", "loyal", i == 0, 99999) for i in range(8))
    return ClientPageRecord(rows, 8 * pages, page, pages)


class TestClientsKeyboards:
    def test_a_middle_page_pages_both_ways_and_keeps_its_filters(self) -> None:
        markup = clients_kb(_page(1, 3), Lifecycle.dormant, Segment.need_attention, I18N)
        found = unpack_all(markup, CLASSES, untranslated_prefix="clients-")
        pages = [d for d in found if isinstance(d, ClientsCb) and not d.pick_segment
                 and d.lifecycle == Lifecycle.dormant and d.segment == Segment.need_attention]
        assert {d.page for d in pages} == {0, 2}
        assert sum(isinstance(d, ProfileCb) for d in found) == 8

    def test_the_pickers_and_the_card(self) -> None:
        picker = segment_picker_kb(Lifecycle.lost, I18N)
        assert len(unpack_all(picker, CLASSES, untranslated_prefix="clients-")) == 8
        profile = ClientProfileRecord(
            id=2 ** 40, name="ACME", owner_user_id=None, owner_name=None, lifecycle=None,
            segment="big_spender", at_risk=False, churn_risk=None, stats={}, contacts=(),
            open_requests=(), requests_total=0, history=(), open_tasks=(),
        )
        found = unpack_all(profile_kb(profile, 1, I18N), CLASSES, untranslated_prefix="clients-")
        assert len(found) == 7
        assert [d.client_id for d in found if isinstance(d, OutreachCb)] == [2 ** 40]
        keys = [("company", "x" * 200), ("telegram", "acme_hr")]
        assert len(unpack_all(split_kb(2 ** 40, keys, I18N), CLASSES)) == 3
