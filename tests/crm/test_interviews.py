from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import bench, interviews, pipeline, proposals
from crm.errors import AccessDenied, CrmInputError
from db.models import Activity, Interview, Notification
from db.records.bench import BenchDraft
from db.records.pipeline import InterviewRecord, SubmissionRecord
from db.uow import UnitOfWork
from tests.crm import factories
from tests.crm.conftest import People

Factory = async_sessionmaker[AsyncSession]


# Outcomes are recorded after the interview: these tests schedule days ahead.
AFTER = datetime.now(UTC) + timedelta(days=60)


class Planner:
    def __init__(self) -> None:
        self.planned: list[InterviewRecord] = []

    def plan(self, interview: InterviewRecord) -> None:
        self.planned.append(interview)


async def _proposed(
    uow: UnitOfWork, session_factory: Factory, people: People
) -> SubmissionRecord:
    card_id = await factories.card(session_factory)
    dev = await bench.add(uow, people.manager, BenchDraft(
        name="Ivan", stack=("Python",), grade="senior", rate_min=Decimal(2500),
        rate_currency="RUB", rate_period="hour"))
    return await proposals.propose(uow, people.manager, card_id, dev.id)


async def _scheduled(
    uow: UnitOfWork, session_factory: Factory, people: People, local: datetime
) -> InterviewRecord:
    submission = await _proposed(uow, session_factory, people)
    return await interviews.schedule(uow, people.manager, submission.id, local)


def _tomorrow_at(hour: int) -> datetime:
    day = datetime.now(UTC).date() + timedelta(days=2)
    return datetime(day.year, day.month, day.day, hour, 30)  # naive: the manager's wall clock


class TestSchedule:
    async def test_local_time_is_stored_as_utc_with_the_zone(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        submission = await _proposed(uow, session_factory, people)
        planner = Planner()
        local = _tomorrow_at(15)
        interview = await interviews.schedule(uow, people.manager, submission.id, local,
                                              planner=planner)
        assert interview.timezone == "Europe/Moscow"
        assert interview.scheduled_at.utcoffset() == timedelta(0)
        assert interview.scheduled_at.hour == 12  # Moscow is UTC+3 all year
        assert interviews.scheduled_local(interview).replace(tzinfo=None) == local
        assert planner.planned == [interview]
        [card] = await pipeline.my_requests(uow, people.manager)
        assert card.stage == "interview"

    async def test_past_times_and_unknown_zones_are_refused(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        submission = await _proposed(uow, session_factory, people)
        with pytest.raises(CrmInputError) as error:
            await interviews.schedule(uow, people.manager, submission.id, datetime(2020, 1, 1))
        assert error.value.code == "interview_in_past"
        with pytest.raises(CrmInputError):
            await interviews.schedule(uow, people.manager, submission.id, _tomorrow_at(10),
                                      "Mars/Olympus")

    async def test_strangers_cannot_schedule_or_record_outcomes(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        submission = await _proposed(uow, session_factory, people)
        for stranger in (people.other, people.colleague):
            with pytest.raises(AccessDenied):
                await interviews.schedule(uow, stranger, submission.id, _tomorrow_at(10))
        interview = await interviews.schedule(uow, people.manager, submission.id,
                                              _tomorrow_at(10))
        with pytest.raises(AccessDenied):
            await interviews.record_outcome(uow, people.other, interview.id, "passed", now=AFTER)
        async with session_factory() as session:
            assert await session.scalar(sa.select(sa.func.count()).select_from(Interview)) == 1
            assert await session.scalar(sa.select(Interview.outcome)) is None


class TestReschedule:
    async def test_moves_the_time_plans_again_and_reminds_of_the_new_time(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        interview = await _scheduled(uow, session_factory, people, _tomorrow_at(12))
        assert await interviews.send_reminder(uow, interview.id, timedelta(hours=1))
        planner = Planner()
        moved = await interviews.reschedule(uow, people.manager, interview.id, _tomorrow_at(16),
                                            planner=planner)
        assert moved.id == interview.id
        assert moved.scheduled_at - interview.scheduled_at == timedelta(hours=4)
        assert moved.reminded_at is None
        assert planner.planned == [moved]
        # The reminder sent for 12:30 does not stop the one for 16:30.
        assert await interviews.send_reminder(uow, interview.id, timedelta(hours=1))
        async with session_factory() as session:
            keys = list(await session.scalars(
                sa.select(Notification.dedup_key).order_by(Notification.id)))
            kinds = list(await session.scalars(sa.select(Activity.kind).order_by(Activity.id)))
        assert keys == [interviews.reminder_key(interview, timedelta(hours=1)),
                        interviews.reminder_key(moved, timedelta(hours=1))]
        assert kinds[-1] == "interview_moved"

    async def test_refused_in_the_past_after_an_outcome_and_for_strangers(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        interview = await _scheduled(uow, session_factory, people, _tomorrow_at(12))
        with pytest.raises(CrmInputError) as error:
            await interviews.reschedule(uow, people.manager, interview.id, datetime(2020, 1, 1))
        assert error.value.code == "interview_in_past"
        for stranger in (people.other, people.colleague):
            with pytest.raises(AccessDenied):
                await interviews.reschedule(uow, stranger, interview.id, _tomorrow_at(15))
        await interviews.record_outcome(uow, people.manager, interview.id, "passed", now=AFTER)
        with pytest.raises(CrmInputError) as error:
            await interviews.reschedule(uow, people.manager, interview.id, _tomorrow_at(15))
        assert error.value.code == "outcome_already_set"
        async with session_factory() as session:
            at = await session.scalar(sa.select(Interview.scheduled_at))
        assert at == interview.scheduled_at


class TestOutcome:
    @pytest.mark.parametrize(("outcome", "stage"), [
        ("passed", "offer"), ("failed", "proposed"), ("no_show", "proposed"),
    ])
    async def test_outcome_moves_the_pipeline(
        self, uow: UnitOfWork, session_factory: Factory, people: People, outcome: str,
        stage: str,
    ) -> None:
        interview = await _scheduled(uow, session_factory, people, _tomorrow_at(11))
        done = await interviews.record_outcome(uow, people.manager, interview.id, outcome,
                                               now=AFTER)
        assert done.outcome == outcome
        [card] = await pipeline.my_requests(uow, people.manager)
        assert card.stage == stage
        with pytest.raises(CrmInputError):
            await interviews.record_outcome(uow, people.manager, interview.id, outcome, now=AFTER)


class TestReminderJob:
    async def test_running_twice_queues_one_reminder(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        interview = await _scheduled(uow, session_factory, people, _tomorrow_at(12))
        assert await interviews.send_reminder(uow, interview.id, timedelta(hours=1)) is True
        assert await interviews.send_reminder(uow, interview.id, timedelta(hours=1)) is False
        assert await interviews.send_reminder(uow, interview.id, timedelta(hours=24)) is True
        async with session_factory() as session:
            rows = list(await session.scalars(sa.select(Notification).order_by(Notification.id)))
            reminded = await session.scalar(sa.select(Interview.reminded_at))
        assert [r.dedup_key for r in rows] == [
            interviews.reminder_key(interview, timedelta(hours=1)),
            interviews.reminder_key(interview, timedelta(hours=24)),
        ]
        assert {(r.kind, r.user_id, r.channel) for r in rows} == {
            ("reminder", people.manager.id, "telegram")
        }
        assert rows[0].payload is not None and rows[0].payload["developer"] == "Ivan"
        assert reminded is not None

    async def test_no_reminder_after_an_outcome(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        interview = await _scheduled(uow, session_factory, people, _tomorrow_at(9))
        await interviews.record_outcome(uow, people.manager, interview.id, "no_show", now=AFTER)
        assert await interviews.send_reminder(uow, interview.id, timedelta(hours=1)) is False


class TestOutcomeTime:
    async def test_an_outcome_is_refused_before_the_interview(
        self, uow: UnitOfWork, session_factory: Factory, people: People,
    ) -> None:
        interview = await _scheduled(uow, session_factory, people, _tomorrow_at(10))
        with pytest.raises(CrmInputError) as refused:
            await interviews.record_outcome(uow, people.manager, interview.id, "passed",
                                            now=interview.scheduled_at - timedelta(minutes=1))
        assert refused.value.code == "outcome_too_early"
        async with session_factory() as session:
            assert await session.scalar(sa.select(Interview.outcome)) is None
        done = await interviews.record_outcome(uow, people.manager, interview.id, "passed",
                                               now=interview.scheduled_at)
        assert done.outcome == "passed"
