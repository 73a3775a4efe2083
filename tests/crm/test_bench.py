from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import bench, bench_csv
from crm.errors import AccessDenied, CrmInputError
from crm.money import to_rub_hour
from db.records.bench import BenchDraft
from db.uow import UnitOfWork
from tests.crm import factories
from tests.crm.conftest import People

Factory = async_sessionmaker[AsyncSession]

CSV = """name,roles,stack,grade,rate_min,currency,period,available_from,english,formats,cv_url
Ivan,backend,"Python, Django",senior,3000,RUB,hour,2030-01-10,B2,remote,https://cv.example/ivan
Anna,frontend,React;TypeScript,middle,4000,USD,month,01.02.2030,C1,remote;hybrid,
,backend,Go,senior,3000,RUB,hour,,,,
Petr,backend,Java,guru,3000,RUB,hour,,,,
Olga,qa,Selenium,junior,abc,RUB,hour,,,,
Max,devops,K8s,senior,5000,,hour,,,,
Lena,data,Spark,middle,,,,2030-13-01,,,
"""


class TestMoney:
    def test_rates_normalise_to_rub_per_hour(self) -> None:
        assert to_rub_hour(Decimal(4000), "USD", "month") == Decimal("2142.86")
        assert to_rub_hour(Decimal(2500), "RUB", "hour") == Decimal(2500)
        assert to_rub_hour(Decimal(100), "XYZ", "hour") is None
        assert to_rub_hour(Decimal(100), "USD", None) is None


class TestBench:
    async def test_add_normalises_and_edit_recomputes(
        self, uow: UnitOfWork, people: People
    ) -> None:
        draft = BenchDraft(
            name="  Ivan   Petrov ", roles=("backend",), stack=("Python",), grade="senior",
            rate_min=Decimal(5000), rate_currency="usd", rate_period="month",
            available_from=date(2030, 1, 1), formats=("remote",),
        )
        dev = await bench.add(uow, people.manager, draft)
        assert (dev.name, dev.rate_currency, dev.rate_rub_hour) == (
            "Ivan Petrov", "USD", Decimal("2678.57")
        )
        assert (dev.owner_user_id, dev.team_id, dev.active) == (
            people.manager.id, people.team_a, True
        )
        edited = await bench.edit(uow, people.manager, dev.id, rate_period="hour",
                                  rate_min=Decimal(30))
        assert edited.rate_rub_hour == Decimal(2700)
        with pytest.raises(CrmInputError) as error:
            await bench.edit(uow, people.manager, dev.id, grade="guru")
        assert error.value.code == "bad_grade"

    async def test_only_owner_lead_or_admin_edit(self, uow: UnitOfWork, people: People) -> None:
        dev = await bench.add(uow, people.manager, BenchDraft(name="Ivan"))
        for stranger in (people.colleague, people.other):
            with pytest.raises(AccessDenied):
                await bench.edit(uow, stranger, dev.id, name="Hacked")
        await bench.edit(uow, people.lead, dev.id, name="Ivan L")
        off = await bench.set_active(uow, people.admin, dev.id, False)
        assert off.active is False
        page, total = await bench.page(uow, people.other)
        assert (page, total) == ([], 0)

    async def test_an_offer_card_becomes_a_bench_entry_once(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await factories.card(
            session_factory, kind="offer", title="Senior Go developer available",
            stack=["Go", "Kafka"], grades=["middle", "senior"], rate_min=Decimal(3500),
            rate_currency="RUB", rate_period="hour", rate_rub_hour_min=Decimal(3500),
        )
        await factories.post_for(session_factory, card_id, "Go dev free", "Agency X")
        dev = await bench.from_offer(uow, people.manager, card_id)
        assert (dev.name, dev.stack, dev.grade, dev.rate_rub_hour) == (
            "Senior Go developer available", ("Go", "Kafka"), "senior", Decimal(3500)
        )
        assert dev.source_post_id is not None
        again = await bench.from_offer(uow, people.manager, card_id)
        assert again.id == dev.id
        request_id = await factories.card(session_factory)
        with pytest.raises(CrmInputError):
            await bench.from_offer(uow, people.manager, request_id)


class TestCsvImport:
    async def test_valid_rows_are_kept_and_bad_ones_reported(
        self, uow: UnitOfWork, people: People
    ) -> None:
        result = await bench_csv.import_csv(uow, people.manager, CSV)
        assert [d.name for d in result.added] == ["Ivan", "Anna"]
        ivan, anna = result.added
        assert ivan.stack == ("Python", "Django") and anna.formats == ("remote", "hybrid")
        assert anna.available_from == date(2030, 2, 1)
        assert [(e.line, e.column, e.code) for e in result.errors] == [
            (4, "name", "bad_name"),
            (5, "grade", "bad_grade"),
            (6, "rate_min", "bad_rate"),
            (7, "currency", "bad_currency"),
            (8, "available_from", "bad_date"),
        ]

    def test_a_file_without_the_header_is_refused(self) -> None:
        with pytest.raises(CrmInputError) as error:
            bench_csv.parse("Ivan,backend,Python\n")
        assert error.value.code == "csv_no_header"

    def test_semicolon_files_from_excel_work(self) -> None:
        drafts, errors = bench_csv.parse("name;stack;grade\nIvan;Python, Go;senior\n")
        assert errors == [] and drafts[0][1].stack == ("Python", "Go")
