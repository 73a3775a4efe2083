"""Corrections exported as labelled posts, and who corrected what, on the real database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from classifier.api import Labels
from crm import correction_export, corrections, deletions
from crm.errors import AccessDenied
from db.uow import UnitOfWork
from tests.crm import factories
from tests.crm.conftest import People

TEXT = "Ищем Python разработчика senior, удалённо, 2500 ₽/ч"


async def _export(uow: UnitOfWork) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    count = await correction_export.export(uow, rows.append)
    assert count == len(rows)
    return rows


class TestCorrectionExport:
    async def test_a_corrected_card_is_a_labelled_post_naming_its_corrected_fields(
        self, session_factory: async_sessionmaker[AsyncSession], uow: UnitOfWork,
        people: People,
    ) -> None:
        card_id = await factories.card(
            session_factory, text=TEXT, team_id=people.team_a, rate_min=Decimal(2500),
            rate_max=Decimal("2500.50"), rate_currency="RUB", rate_period="hour")
        await factories.card(session_factory, text="Ищем QA")  # never corrected: not exported
        await corrections.correct(uow, people.manager, card_id, "roles", "fullstack")
        await corrections.correct(uow, people.colleague, card_id, "formats", "hybrid")
        [row] = await _export(uow)
        assert row["key"] == f"card:{card_id}" and row["text"] == TEXT
        assert (row["roles"], row["format"]) == (["backend", "fullstack"], ["remote", "hybrid"])
        assert row["corrected"] == ["format", "roles"]
        assert row["corrected_by"] == {"roles": people.manager.id,
                                       "format": people.colleague.id}
        assert row["rate"] == {"min": 2500, "max": 2500.5, "currency": "RUB", "period": "hour"}
        labels = Labels.from_annotation(row)  # what training reads
        assert labels.roles == ("backend", "fullstack") and labels.rate is not None

    async def test_the_last_correction_of_a_field_wins_and_history_names_who(
        self, session_factory: async_sessionmaker[AsyncSession], uow: UnitOfWork,
        people: People,
    ) -> None:
        card_id = await factories.card(session_factory, text=TEXT, team_id=people.team_a)
        await corrections.correct(uow, people.manager, card_id, "kind", "offer")
        await corrections.correct(uow, people.colleague, card_id, "kind", "request")
        [fix] = await correction_export.history(uow, people.manager, card_id)
        assert (fix.field, fix.value, fix.user_name) == (
            "kind", "request", people.colleague.first_name)
        with pytest.raises(AccessDenied):
            await correction_export.history(uow, people.other, card_id)

    async def test_a_card_whose_post_was_deleted_still_exports_its_corrections(
        self, session_factory: async_sessionmaker[AsyncSession], uow: UnitOfWork,
        people: People,
    ) -> None:
        card_id = await factories.card(session_factory, text=TEXT, team_id=people.team_a)
        post_id = await factories.post_for(session_factory, card_id, TEXT)
        await corrections.correct(uow, people.manager, card_id, "grades", "lead")
        async with session_factory() as session:
            from db.models import Post
            post = await session.get(Post, post_id)
            assert post is not None
            source_id, message_id = post.source_id, post.message_id
        await deletions.mark_deleted(uow, source_id, [message_id])
        [row] = await _export(uow)
        assert row["grades"] == ["senior", "lead"] and row["text"] == TEXT
