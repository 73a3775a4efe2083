"""The card's history names why a chain ended early: the stage it moved to, or a bounce."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.i18n import Translator
from bot.views.outreach import outreach_activity
from db.records.pipeline import ActivityRecord

NOW = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)


def _entry(activity: str, **payload: object) -> ActivityRecord:
    return ActivityRecord(1, 5, None, None, activity, payload, NOW)


class TestStopLines:
    @pytest.mark.parametrize(("language", "stage"), [("ru", "выигран"), ("en", "won")])
    def test_a_stage_change_names_the_new_stage(self, language: str, stage: str) -> None:
        i18n = Translator().pick(language)
        line = outreach_activity(_entry("outreach_stopped", run_id=1, reason="stage_changed",
                                        stage="won"), i18n, "07.12 15:00")
        assert line is not None and stage in line and "07.12 15:00" in line

    def test_a_manager_stop_stays_the_plain_line(self) -> None:
        i18n = Translator().pick("en")
        line = outreach_activity(_entry("outreach_stopped", run_id=1, reason="manager"), i18n,
                                 "now")
        assert line == i18n.get("outreach-act-stopped", when="now")

    def test_a_bounce_reads_as_one(self) -> None:
        i18n = Translator().pick("en")
        line = outreach_activity(_entry("outreach_step", kind="email", status="bounced",
                                        error="bounced: refused: 550 no such mailbox"),
                                 i18n, "now")
        assert line is not None and "bounced, the owner's task comes at once" in line
        assert "550 no such mailbox" in line

    def test_a_skip_with_nobody_to_write_to_shows_no_code(self) -> None:
        i18n = Translator().pick("ru")
        line = outreach_activity(_entry("outreach_step", kind="telegram", status="skipped",
                                        error="no_person"), i18n, "now")
        assert line is not None and "некому писать" in line and "no_person" not in line
        refused = outreach_activity(_entry("outreach_step", kind="telegram", status="failed",
                                           error="UserPrivacyRestrictedError"), i18n, "now")
        assert refused is not None and "UserPrivacyRestrictedError" in refused
