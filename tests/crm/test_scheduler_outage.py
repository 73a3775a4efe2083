"""A reminder job that meets a database outage retries instead of being lost."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from crm import scheduler


class TestJobsOutliveOutages:
    async def test_a_reminder_job_retries_through_an_outage_and_logs_it_once(
        self, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
    ) -> None:
        calls: list[tuple[int, timedelta]] = []

        async def send_reminder(uow: Any, interview_id: int, before: timedelta) -> bool:
            calls.append((interview_id, before))
            if len(calls) < 3:
                raise OperationalError("SELECT", {}, ConnectionRefusedError("db down"))
            return True

        monkeypatch.setattr(scheduler.interviews, "send_reminder", send_reminder)
        monkeypatch.setattr(scheduler, "_uow", lambda: None)
        monkeypatch.setattr(scheduler, "JOB_RETRY_BASE_SECONDS", 0.05)
        with caplog.at_level(logging.INFO):
            await scheduler.interview_reminder_job(7, 3600)
        assert calls == [(7, timedelta(hours=1))] * 3
        errors = [r for r in caplog.records if r.levelno == logging.ERROR]
        assert len(errors) == 1 and any("recovered" in r.message for r in caplog.records)

    async def test_it_gives_up_after_the_retry_horizon(
        self, monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        async def down(uow: Any, interview_id: int, before: timedelta) -> bool:
            raise OperationalError("SELECT", {}, ConnectionRefusedError("db down"))

        monkeypatch.setattr(scheduler.interviews, "send_reminder", down)
        monkeypatch.setattr(scheduler, "_uow", lambda: None)
        monkeypatch.setattr(scheduler, "JOB_RETRY_BASE_SECONDS", 0.05)
        monkeypatch.setattr(scheduler, "JOB_RETRY_SECONDS", 0.3)
        with pytest.raises(OperationalError):
            await scheduler.interview_reminder_job(7, 3600)
