from __future__ import annotations

from analytics.records import ChartFilters, ReportRequest
from bot.callbacks_stats import StatsAction, StatsCb, StatsField
from bot.i18n import Translator
from bot.keyboards.stats import after_album_kb, picker_kb, stats_kb
from bot.stats_state import choose, from_json, pick_index, to_json
from tests.support.keyboards import unpack_all


class TestStatsKeyboards:
    def test_every_button_unpacks_and_is_translated(self) -> None:
        for language in ("ru", "en"):
            i18n = Translator().pick(language)
            data = unpack_all(stats_kb(ReportRequest(), i18n), (StatsCb,),
                              untranslated_prefix="stats-")
            actions = {d.action for d in data if isinstance(d, StatsCb)}
            assert {StatsAction.report, StatsAction.period, StatsAction.granularity,
                    StatsAction.pick, StatsAction.show} <= actions
            picker = picker_kb(StatsField.stack, ["React", "x" * 80], [True, False], i18n)
            assert len(unpack_all(picker, (StatsCb,))) == 3
            assert len(unpack_all(after_album_kb(i18n), (StatsCb,))) == 2

    def test_state_round_trips_and_garbage_falls_back_to_defaults(self) -> None:
        request = choose(ReportRequest(period_days=90), StatsField.sources, 7)
        assert request.filters == ChartFilters(source_ids=(7,))
        back, offered = from_json(to_json(request, {"stack": ["Go"]}))
        assert back == request and offered == {"stack": ["Go"]}
        assert from_json('{"period": 13}')[0].period_days == 30
        assert from_json("not json")[0] == ReportRequest()
        assert pick_index(("a",), 5) is None and pick_index(("a",), -1) is None
