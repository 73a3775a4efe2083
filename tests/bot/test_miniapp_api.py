"""The Mini App's API over HTTP against the bot's aiohttp app: initData on every call, the
crm's scope checks, the same use cases (stage history, activity log) as the bot's buttons,
and the bot's message for a card edited after a move made in the app."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Activity, Interview, StageChange
from sandbox.initdata import sign_init_data
from tests.bot.conftest import TOKEN
from tests.bot.factories import make_card, make_source
from tests.bot.miniapp_harness import (
    MiniApp,
    admin_and,
    expired_init_data,
    make_team,
    miniapp,
    miniapp_options,
    place,
)

__all__ = ["miniapp", "miniapp_options"]  # fixtures used by this module
ANNA, BORIS, CLARA = 1001, 1002, 1003


async def _teams(app: MiniApp) -> tuple[int, int]:
    """Anna and Clara in team A, Boris in team B; returns the two team ids."""
    sf = app.tg.dp["session_factory"]
    _, anna, boris, clara = await admin_and(
        app.tg, (ANNA, "Anna", "ru"), (BORIS, "Boris", "en"), (CLARA, "Clara", "ru")
    )
    team_a, team_b = await make_team(sf, "A"), await make_team(sf, "B")
    await place(app.tg, anna, team_a)
    await place(app.tg, boris, team_b)
    await place(app.tg, clara, team_a, role="lead")
    return team_a, team_b


async def _changes(sf: async_sessionmaker[AsyncSession], card_id: int) -> list[tuple[Any, ...]]:
    async with sf() as session:
        rows = await session.execute(
            sa.select(StageChange.from_stage, StageChange.to_stage)
            .where(StageChange.request_id == card_id).order_by(StageChange.id)
        )
        return [tuple(r) for r in rows.all()]


class TestInitData:
    async def test_a_signed_fresh_init_data_of_a_user_of_ours_is_accepted(
        self, miniapp: MiniApp
    ) -> None:
        await _teams(miniapp)
        status, me = await miniapp.call(ANNA, "me")
        assert status == 200
        assert me["user"]["name"] == "Anna"
        assert me["texts"]["miniapp-tab-board"] == "Воронка"
        assert me["texts"]["stage-in_work"]

    async def test_missing_forged_truncated_expired_and_stranger_get_401(
        self, miniapp: MiniApp
    ) -> None:
        await _teams(miniapp)
        good = miniapp.init_data(ANNA)
        fields = dict(parse_qsl(good))
        fields["user"] = fields["user"].replace("Anna", "Mallory")
        forged = urlencode(fields)
        other_bot = sign_init_data("999:OTHER", {"id": ANNA, "first_name": "Anna"})
        stranger = sign_init_data(TOKEN, {"id": 4242, "first_name": "Eve"})
        cases = {
            "init_data_missing": "",
            "init_data_invalid": forged,
            "truncated": good[: len(good) // 2],
            "other_bot": other_bot,
            "init_data_expired": expired_init_data(ANNA, miniapp.tg.emu, 2 * 3600),
            "unknown_user": stranger,
        }
        for case, raw in cases.items():
            status, body = await miniapp.call(None, "board", init_data=raw)
            assert status == 401, case
            if case.startswith(("init_data", "unknown")):
                assert body["error"] == case
            assert body["message"]

    async def test_a_replay_after_the_max_age_is_refused(self, miniapp: MiniApp) -> None:
        await _teams(miniapp)
        assert (await miniapp.call(None, "me", init_data=expired_init_data(
            ANNA, miniapp.tg.emu, 50 * 60)))[0] == 200
        assert (await miniapp.call(None, "me", init_data=expired_init_data(
            ANNA, miniapp.tg.emu, 61 * 60)))[0] == 401


class TestScope:
    async def test_every_card_route_refuses_another_teams_card_with_403(
        self, miniapp: MiniApp
    ) -> None:
        _, team_b = await _teams(miniapp)
        sf = miniapp.tg.dp["session_factory"]
        theirs = await make_card(sf, await make_source(sf), team_id=team_b)
        calls: list[tuple[str, Any]] = [
            (f"cards/{theirs}", None),
            (f"cards/{theirs}/move", {"from": "new", "to": "in_work"}),
            (f"cards/{theirs}/notes", {"text": "hi"}),
            (f"cards/{theirs}/tasks", {"title": "call"}),
            (f"cards/{theirs}/labels", {"field": "grades", "value": "senior"}),
            (f"cards/{theirs}/propose", {"developer_id": 1}),
        ]
        for path, body in calls:
            status, answer = await miniapp.call(ANNA, path, body)
            assert (status, answer["error"]) == (403, "forbidden"), path
        assert await _changes(sf, theirs) == []
        status, board = await miniapp.call(ANNA, "board")
        assert status == 200
        assert theirs not in [c["id"] for col in board["columns"] for c in col["cards"]]
        assert (await miniapp.call(ANNA, f"board?team={team_b}"))[0] == 403

    async def test_bad_ids_and_bodies_get_400_and_change_nothing(self, miniapp: MiniApp) -> None:
        await _teams(miniapp)
        sf = miniapp.tg.dp["session_factory"]
        card = await make_card(sf, await make_source(sf))
        for path, body in [("cards/abc", None), (f"cards/{card}/move", {"to": 5}),
                           (f"cards/{card}/labels", {"field": "nope", "value": "x"}),
                           ("board?period=13", None), ("board/new?cursor=zzz", None)]:
            status, answer = await miniapp.call(ANNA, path, body)
            assert (status, answer["error"]) == (400, "bad_request"), path
        assert await _changes(sf, card) == []


class TestMoves:
    async def test_a_move_writes_history_and_the_log_and_edits_the_bots_card_message(
        self, miniapp: MiniApp
    ) -> None:
        await _teams(miniapp)
        sf = miniapp.tg.dp["session_factory"]
        card = await make_card(sf, await make_source(sf), title="Go backend")
        anna = await miniapp.tg.user(ANNA, "Anna")
        await anna.send(f"/req {card}")
        shown = anna.last_message
        assert "Open in app" not in shown.buttons and "📱 Открыть в приложении" in shown.buttons
        status, moved = await miniapp.call(ANNA, f"cards/{card}/move",
                                           {"from": "new", "to": "in_work"})
        assert (status, moved["stage"]) == (200, "in_work")
        assert await _changes(sf, card) == [("new", "in_work")]
        async with sf() as session:
            kinds = list(await session.scalars(
                sa.select(Activity.kind).where(Activity.request_id == card)))
        assert kinds == ["stage"]
        edited = next(m for m in anna.messages if m.message_id == shown.message_id)
        assert edited.raw["edited"] and "в работе" in edited.text

    async def test_a_forbidden_transition_and_lost_without_reason_are_refused(
        self, miniapp: MiniApp
    ) -> None:
        await _teams(miniapp)
        sf = miniapp.tg.dp["session_factory"]
        card = await make_card(sf, await make_source(sf))
        # Unowned, a manager may only take it: anything else is not theirs to move.
        assert (await miniapp.call(ANNA, f"cards/{card}/move", {"to": "won"}))[0] == 403
        assert (await miniapp.call(ANNA, f"cards/{card}/move", {"to": "in_work"}))[0] == 200
        status, answer = await miniapp.call(ANNA, f"cards/{card}/move", {"to": "won"})
        assert (status, answer["error"]) == (409, "invalid_transition")
        assert answer["message"] == "На этот этап нельзя перейти с текущего."
        status, answer = await miniapp.call(ANNA, f"cards/{card}/move", {"to": "lost"})
        assert (status, answer["error"]) == (409, "lost_reason_required")
        status, _ = await miniapp.call(ANNA, f"cards/{card}/move",
                                       {"to": "lost", "reason": "budget"})
        assert status == 200
        assert await _changes(sf, card) == [("new", "in_work"), ("in_work", "lost")]

    async def test_two_managers_moving_the_same_card_at_once_one_wins(
        self, miniapp: MiniApp
    ) -> None:
        await _teams(miniapp)
        sf = miniapp.tg.dp["session_factory"]
        card = await make_card(sf, await make_source(sf))
        move = {"from": "new", "to": "in_work"}
        results = await asyncio.gather(
            miniapp.call(ANNA, f"cards/{card}/move", move),
            miniapp.call(CLARA, f"cards/{card}/move", move),
        )
        statuses = sorted(status for status, _ in results)
        assert statuses[0] == 200 and statuses[1] in (403, 409)
        assert await _changes(sf, card) == [("new", "in_work")]

    async def test_a_lead_whose_board_is_stale_is_told_the_card_moved(
        self, miniapp: MiniApp
    ) -> None:
        await _teams(miniapp)
        sf = miniapp.tg.dp["session_factory"]
        card = await make_card(sf, await make_source(sf))
        assert (await miniapp.call(ANNA, f"cards/{card}/move",
                                   {"from": "new", "to": "in_work"}))[0] == 200
        status, answer = await miniapp.call(CLARA, f"cards/{card}/move",
                                            {"from": "new", "to": "lost", "reason": "budget"})
        assert (status, answer["error"]) == (409, "stage_changed")
        assert await _changes(sf, card) == [("new", "in_work")]


class TestBoard:
    async def test_columns_count_and_sum_rate_times_headcount_and_page(
        self, miniapp: MiniApp
    ) -> None:
        await _teams(miniapp)
        sf = miniapp.tg.dp["session_factory"]
        source = await make_source(sf)
        ids = [await make_card(sf, source, title=f"Card {n}", headcount=2) for n in range(35)]
        status, board = await miniapp.call(ANNA, "board")
        assert status == 200
        new = next(c for c in board["columns"] if c["stage"] == "new")
        assert (new["count"], new["capped"]) == (35, False)
        assert new["value"] == 35 * 2000 * 2
        assert len(new["cards"]) == 30 and new["next"]
        status, page = await miniapp.call(ANNA, f"board/new?cursor={new['next']}")
        assert status == 200 and page["next"] is None
        seen = [c["id"] for c in new["cards"]] + [c["id"] for c in page["cards"]]
        assert sorted(seen) == sorted(ids)
        status, python = await miniapp.call(ANNA, "board?stack=Rust")
        assert sum(c["count"] for c in python["columns"]) == 0
        # The stack filter is tested row by row (db/repositories/board.py): any one of them.
        rust = await make_card(sf, source, title="Rust", stack=["Go", "Rust"])
        for stacks in ("Rust", "Elixir,Rust", "Go"):
            status, found = await miniapp.call(ANNA, f"board?stack={stacks}")
            assert [c["id"] for col in found["columns"] for c in col["cards"]] == [rust], stacks


    async def test_a_10000_card_column_is_paged_and_its_count_capped(
        self, miniapp: MiniApp
    ) -> None:
        await _teams(miniapp)
        sf = miniapp.tg.dp["session_factory"]
        async with sf() as session:
            await session.execute(sa.text(
                "INSERT INTO request_cards (title, first_seen_at, last_seen_at, stack)"
                " SELECT 'Card ' || n, now(), now(), ARRAY['Go'] FROM generate_series(1, 10000) n"
            ))
            await session.commit()
        status, board = await miniapp.call(ANNA, "board")
        new = next(c for c in board["columns"] if c["stage"] == "new")
        assert status == 200 and len(new["cards"]) == 30
        assert (new["count"], new["capped"]) == (500, True)

    async def test_a_move_made_in_the_chat_shows_on_the_next_board(
        self, miniapp: MiniApp
    ) -> None:
        await _teams(miniapp)
        sf = miniapp.tg.dp["session_factory"]
        card = await make_card(sf, await make_source(sf))
        anna = await miniapp.tg.user(ANNA, "Anna")
        await anna.send(f"/req {card}")
        await anna.press("🤝 Взять в работу")
        _, board = await miniapp.call(ANNA, "board")
        stages = {c["id"]: col["stage"] for col in board["columns"] for c in col["cards"]}
        assert stages[card] == "in_work"
        assert await _changes(sf, card) == [("new", "in_work")]


@pytest.mark.parametrize("miniapp_options", [{"mutations_per_minute": 2}])
class TestRateLimit:
    async def test_mutations_beyond_the_limit_get_429(self, miniapp: MiniApp) -> None:
        await _teams(miniapp)
        sf = miniapp.tg.dp["session_factory"]
        card = await make_card(sf, await make_source(sf))
        statuses = [(await miniapp.call(ANNA, f"cards/{card}/notes", {"text": f"n{n}"}))[0]
                    for n in range(3)]
        assert statuses == [200, 200, 429]
        assert (await miniapp.call(ANNA, f"cards/{card}"))[0] == 200  # reads are not counted


class TestBenchAndInterviews:
    async def test_propose_from_the_bench_then_reschedule_and_record_the_outcome(
        self, miniapp: MiniApp
    ) -> None:
        from datetime import UTC, datetime, timedelta

        from crm import bench, interviews
        from db.records.bench import BenchDraft
        from db.repositories.users import UserRepo
        from db.uow import UnitOfWork

        await _teams(miniapp)
        sf = miniapp.tg.dp["session_factory"]
        card = await make_card(sf, await make_source(sf), title="Django")
        uow = UnitOfWork(sf)
        async with uow:
            anna = await uow.repo(UserRepo).by_tg_id(ANNA)
        assert anna is not None
        dev = await bench.add(uow, anna, BenchDraft(name="Ivan", stack=("Python",),
                                                    grade="middle"))
        status, found = await miniapp.call(ANNA, "bench?stack=Python&grade=middle")
        assert status == 200
        [shown] = found["developers"]
        assert shown["name"] == "Ivan" and shown["matches"][0]["card_id"] == card
        assert (await miniapp.call(ANNA, "bench?grade=senior"))[1]["developers"] == []
        status, view = await miniapp.call(ANNA, f"cards/{card}/propose",
                                          {"developer_id": dev.id})
        assert (status, view["stage"]) == (200, "proposed")
        assert [p["name"] for p in view["proposed"]] == ["Ivan"]
        at = (datetime.now(UTC) + timedelta(days=2)).replace(tzinfo=None, microsecond=0)
        booked = await interviews.schedule(uow, anna, view["proposed"][0]["submission_id"], at)
        status, week = await miniapp.call(ANNA, f"interviews?week={at.date().isoformat()}")
        assert status == 200 and [i["id"] for i in week["interviews"]] == [booked.id]
        assert (await miniapp.call(BORIS, f"interviews?week={at.date().isoformat()}")
                )[1]["interviews"] == []
        later = (at + timedelta(hours=3)).isoformat(timespec="minutes")
        assert (await miniapp.call(BORIS, f"interviews/{booked.id}/reschedule",
                                   {"at": later}))[0] == 403
        status, moved = await miniapp.call(ANNA, f"interviews/{booked.id}/reschedule",
                                           {"at": later})
        assert status == 200 and moved["at"] != booked.scheduled_at.isoformat()
        early = await miniapp.call(ANNA, f"interviews/{booked.id}/outcome", {"outcome": "passed"})
        assert (early[0], early[1]["error"]) == (409, "outcome_too_early")
        async with uow:  # the interview's time comes
            await uow.session.execute(sa.update(Interview).where(Interview.id == booked.id)
                                      .values(scheduled_at=datetime.now(UTC) - timedelta(hours=1)))
            await uow.commit()
        status, done = await miniapp.call(ANNA, f"interviews/{booked.id}/outcome",
                                          {"outcome": "passed"})
        assert (status, done["outcome"]) == (200, "passed")
        status, again = await miniapp.call(ANNA, f"interviews/{booked.id}/outcome",
                                           {"outcome": "failed"})
        assert (status, again["error"]) == (409, "outcome_already_set")
        assert (await miniapp.call(ANNA, f"cards/{card}"))[1]["stage"] == "offer"

    async def test_notes_tasks_and_label_corrections_show_on_the_card(
        self, miniapp: MiniApp
    ) -> None:
        await _teams(miniapp)
        sf = miniapp.tg.dp["session_factory"]
        card = await make_card(sf, await make_source(sf))
        await miniapp.call(ANNA, f"cards/{card}/notes", {"text": "client wants CV by Friday"})
        await miniapp.call(ANNA, f"cards/{card}/tasks", {"title": "send CVs"})
        status, view = await miniapp.call(ANNA, f"cards/{card}/labels",
                                          {"field": "grades", "value": "senior"})
        assert status == 200
        assert view["labels"]["grades"] == ["middle", "senior"]
        assert [n["text"] for n in view["notes"]] == ["client wants CV by Friday"]
        assert [t["title"] for t in view["tasks"]] == ["send CVs"]
        assert view["sources"][0]["link"].startswith("https://t.me/")
        status, answer = await miniapp.call(ANNA, f"cards/{card}/notes", {"text": "   "})
        assert (status, answer["error"]) == (409, "empty_note")


class TestCharts:
    async def test_the_analytics_report_comes_as_pngs_and_csvs_within_scope(
        self, miniapp: MiniApp
    ) -> None:
        import base64

        _, team_b = await _teams(miniapp)
        sf = miniapp.tg.dp["session_factory"]
        source = await make_source(sf)
        for n in range(3):
            await make_card(sf, source, title=f"Python {n}")
        await make_card(sf, source, title="Theirs", stack=["Rust"], team_id=team_b)
        status, report = await miniapp.call(ANNA, "charts?report=market&period=30")
        assert status == 200 and report["failed"] == []
        keys = [c["key"] for c in report["charts"]]
        assert keys == ["demand_stack", "demand_roles", "supply", "rates"]
        stack = report["charts"][0]
        assert base64.b64decode(stack["png"]).startswith(b"\x89PNG")
        csv = base64.b64decode(stack["csv"]).decode("utf-8")
        assert "Python" in csv and "Rust" not in csv  # another team's card is not counted
        assert (await miniapp.call(ANNA, "charts?period=13"))[0] == 400
        assert (await miniapp.call(ANNA, "charts?roles=cooks"))[0] == 400
