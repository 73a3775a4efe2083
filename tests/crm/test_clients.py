from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import clients, notes, pipeline
from crm.errors import AccessDenied, CrmInputError
from db.uow import UnitOfWork
from tests.crm import factories
from tests.crm.conftest import People

Factory = async_sessionmaker[AsyncSession]
POST = "Компания: ACME\nИщем Go разработчика. Контакты: @acme_hr, jobs@acme.io, +7 999 123-45-67"


class TestClients:
    async def test_a_request_author_becomes_a_client_with_contacts(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await factories.card(session_factory)
        await factories.post_for(session_factory, card_id, POST, author_name="Anna HR")
        await pipeline.take(uow, people.manager, card_id)
        client = await clients.from_card(uow, people.manager, card_id)
        assert (client.name, client.team_id) == ("ACME", people.team_a)

        # The next request with one of the same contacts lands on the same client.
        second = await factories.card(session_factory, title="QA")
        await factories.post_for(session_factory, second, "QA нужен, пишите @ACME_HR",
                                 message_id=2)
        await pipeline.take(uow, people.manager, second)
        assert (await clients.from_card(uow, people.manager, second)).id == client.id

        await pipeline.move(uow, people.manager, second, "lost", "no budget")
        await notes.add_client_note(uow, people.manager, client.id, "Pays late")
        await notes.add_note(uow, people.manager, card_id, "Call on Monday")
        view = await clients.card(uow, people.manager, client.id)
        assert [(c.kind, c.value) for c in view.contacts] == [
            ("telegram", "acme_hr"), ("email", "jobs@acme.io"), ("phone", "+79991234567")
        ]
        assert {(r.id, r.stage, r.lost_reason) for r in view.requests} == {
            (card_id, "in_work", None), (second, "lost", "no budget")
        }
        assert [n.payload["text"] for n in view.notes] == ["Call on Monday", "Pays late"]
        # Moves logged before the link (the takes) belong to the client's history too.
        kinds = [a.kind for a in view.history]
        assert kinds.count("stage") == 3 and kinds.count("client_linked") == 2

    async def test_other_teams_do_not_see_the_client(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await factories.card(session_factory)
        await factories.post_for(session_factory, card_id, POST)
        await pipeline.take(uow, people.manager, card_id)
        client = await clients.from_card(uow, people.manager, card_id)
        with pytest.raises(AccessDenied):
            await clients.card(uow, people.other, client.id)
        with pytest.raises(AccessDenied):
            await notes.add_client_note(uow, people.other, client.id, "mine")
        assert await clients.add_contact(uow, people.manager, client.id, "email", "CEO@acme.io")
        assert not await clients.add_contact(uow, people.lead, client.id, "telegram", "acme_hr")
        with pytest.raises(CrmInputError):
            await clients.add_contact(uow, people.manager, client.id, "phone", "12-34")


class TestNotesAndTasks:
    async def test_notes_tasks_and_the_request_log(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await factories.card(session_factory)
        await pipeline.take(uow, people.manager, card_id)
        await notes.add_note(uow, people.manager, card_id, "  first call done ")
        task = await notes.add_task(uow, people.manager, card_id, "Send CVs")
        assert [t.id for t in await notes.my_tasks(uow, people.manager)] == [task.id]
        with pytest.raises(AccessDenied):
            await notes.complete_task(uow, people.other, task.id)
        done = await notes.complete_task(uow, people.manager, task.id)
        assert done.done_at is not None and await notes.my_tasks(uow, people.manager) == []
        log = await notes.card_log(uow, people.manager, card_id)
        assert [a.kind for a in log] == ["task", "note", "stage"]
        assert log[1].payload == {"text": "first call done"}
        with pytest.raises(CrmInputError):
            await notes.add_note(uow, people.manager, card_id, "   ")
        with pytest.raises(AccessDenied):
            await notes.card_log(uow, people.other, card_id)
