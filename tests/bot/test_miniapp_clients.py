"""The Mini App's Clients view over HTTP: the list with its filters and pages and the client
page come from the same crm functions as the bot's /clients, within the caller's scope."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import client_backfill, client_lifecycle
from db.models import Client
from db.uow import UnitOfWork
from tests.bot.factories import make_card, make_source
from tests.bot.miniapp_harness import (
    MiniApp,
    admin_and,
    make_team,
    miniapp,
    miniapp_options,
    place,
)

__all__ = ["miniapp", "miniapp_options"]  # fixtures used by this module
ANNA, BORIS = 1001, 1002
Factory = async_sessionmaker[AsyncSession]


async def clients_world(sf: Factory, team_a: int, team_b: int) -> dict[str, int]:
    """ACME (team A): five React requests ten days apart, quiet for 30 days → at risk;
    Globex (team A): one Python request; Initech (team B): two Go requests."""
    source = await make_source(sf)
    for days in (70, 60, 50, 40, 30):
        await make_card(sf, source, title=f"React #{days}", team_id=team_a,
                        text="Компания: ACME\nИщем React разработчика, @acme_hr",
                        age=timedelta(days=days), roles=["frontend"], stack=["React"])
    await make_card(sf, source, title="Python для Globex", team_id=team_a,
                    text="Компания: Globex\nИщем Python разработчика, @globex_hr",
                    age=timedelta(days=3), roles=["backend", "frontend"], stack=["Python"])
    for days in (20, 5):
        await make_card(sf, source, title=f"Go #{days}", team_id=team_b,
                        text="Компания: Initech\nИщем Go разработчика, @initech_hr",
                        age=timedelta(days=days), stack=["Go"])
    uow = UnitOfWork(sf)
    await client_backfill.backfill(uow)
    await client_lifecycle.recompute(uow)
    async with sf() as session:
        ids = {name: id_ for name, id_ in await session.execute(sa.select(Client.name, Client.id))}
        await session.execute(sa.update(Client).where(Client.name.in_(["ACME", "Globex"]))
                              .values(team_id=team_a))
        await session.execute(sa.update(Client).where(Client.name == "Initech")
                              .values(team_id=team_b))
        await session.commit()
    return ids


async def _world(app: MiniApp) -> dict[str, int]:
    sf = app.tg.dp["session_factory"]
    _, anna, boris = await admin_and(app.tg, (ANNA, "Anna", "ru"), (BORIS, "Boris", "en"))
    team_a, team_b = await make_team(sf, "A"), await make_team(sf, "B")
    await place(app.tg, anna, team_a)
    await place(app.tg, boris, team_b)
    return await clients_world(sf, team_a, team_b)


class TestClientList:
    async def test_the_list_shows_the_teams_clients_at_risk_first_and_filters(
        self, miniapp: MiniApp
    ) -> None:
        ids = await _world(miniapp)
        status, page = await miniapp.call(ANNA, "clients")
        assert status == 200
        assert [c["name"] for c in page["clients"]] == ["ACME", "Globex"]
        acme = page["clients"][0]
        assert (acme["id"], acme["at_risk"], acme["requests"]) == (ids["ACME"], True, 5)
        assert (page["total"], page["page"], page["pages"]) == (2, 0, 1)

        status, only = await miniapp.call(ANNA, f"clients?lifecycle={acme['lifecycle']}")
        assert status == 200 and ids["ACME"] in [c["id"] for c in only["clients"]]
        assert all(c["lifecycle"] == acme["lifecycle"] for c in only["clients"])
        status, none = await miniapp.call(ANNA, "clients?segment=hibernating&lifecycle=new")
        assert (status, none["clients"], none["total"]) == (200, [], 0)

        status, theirs = await miniapp.call(BORIS, "clients")
        assert [c["name"] for c in theirs["clients"]] == ["Initech"]

    async def test_a_page_past_the_end_gives_the_last_and_bad_filters_are_refused(
        self, miniapp: MiniApp
    ) -> None:
        await _world(miniapp)
        status, page = await miniapp.call(ANNA, "clients?page=7")
        assert (status, page["page"], len(page["clients"])) == (200, 0, 2)
        assert (await miniapp.call(ANNA, "clients?page=x"))[0] == 400
        status, answer = await miniapp.call(ANNA, "clients?segment=vip")
        assert (status, answer["error"]) == (409, "bad_filter")


class TestClientPage:
    async def test_the_client_page_has_state_rfm_requests_contacts_and_needs(
        self, miniapp: MiniApp
    ) -> None:
        ids = await _world(miniapp)
        status, client = await miniapp.call(ANNA, f"clients/{ids['ACME']}")
        assert status == 200
        assert (client["name"], client["at_risk"], client["requests_total"]) == ("ACME", True, 5)
        assert client["lifecycle"] and client["segment"]
        assert 0 < client["churn_risk"] <= 1
        assert client["rfm"]["recent"] == 5 and client["rfm"]["recency_days"] >= 29
        assert sorted(r["title"] for r in client["open_requests"]) == [
            f"React #{d}" for d in (30, 40, 50, 60, 70)]
        assert {"kind": "telegram", "value": "acme_hr"} in [
            {**c, "value": c["value"].lower()} for c in client["contacts"]]
        assert client["next_needs"] and client["needs_source"] != "none"
        assert isinstance(client["similar_needed"], list)
        # Each open request opens as the request card the page links to.
        first = client["open_requests"][0]["id"]
        assert (await miniapp.call(ANNA, f"cards/{first}"))[0] == 200

    async def test_another_teams_client_is_403_an_unknown_one_too_and_no_init_data_401(
        self, miniapp: MiniApp
    ) -> None:
        ids = await _world(miniapp)
        for path in (f"clients/{ids['Initech']}", "clients/999999"):
            status, answer = await miniapp.call(ANNA, path)
            assert (status, answer["error"]) == (403, "forbidden"), path
        assert (await miniapp.call(BORIS, f"clients/{ids['Initech']}"))[0] == 200
        for path in ("clients", f"clients/{ids['ACME']}"):
            assert (await miniapp.call(None, path))[0] == 401
            assert (await miniapp.call(None, path, init_data="user=x&hash=0"))[0] == 401
        assert (await miniapp.call(ANNA, "clients/abc"))[0] == 400
