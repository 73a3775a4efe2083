from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from collector import cli
from crm import sources
from crm.errors import AccountFull, AccountNotFound, InvalidSourceRef, SourceExists
from db.models import CollectorAccount
from db.records.sources import SourceRef
from db.uow import UnitOfWork


class TestParseRef:
    @pytest.mark.parametrize(("ref", "expected"), [
        ("@JavaJobs", SourceRef("username", "javajobs")),
        ("javajobs", SourceRef("username", "javajobs")),
        ("https://t.me/javajobs", SourceRef("username", "javajobs")),
        ("t.me/s/javajobs/123", SourceRef("username", "javajobs")),
        ("https://t.me/+AbCdEf123456", SourceRef("invite", "AbCdEf123456")),
        ("https://t.me/joinchat/AbCdEf123456", SourceRef("invite", "AbCdEf123456")),
        ("https://t.me/c/1134745498/17938", SourceRef("id", "-1001134745498")),
        ("-1001134745498", SourceRef("id", "-1001134745498")),
        ("1134745498", SourceRef("id", "-1001134745498")),
    ])
    def test_every_way_an_operator_names_a_chat(self, ref: str, expected: SourceRef) -> None:
        assert sources.parse_ref(ref) == expected

    @pytest.mark.parametrize("ref", ["", "@ab", "https://example.com/x", "t.me/"])
    def test_nonsense_is_refused(self, ref: str) -> None:
        with pytest.raises(InvalidSourceRef):
            sources.parse_ref(ref)


class TestSources:
    async def test_add_enable_disable_and_list_with_health(self, uow: UnitOfWork) -> None:
        added = await sources.add(uow, "t.me/javajobs")
        with pytest.raises(SourceExists):
            await sources.add(uow, "@JavaJobs")
        await sources.record_error(uow, added.id, "chat lost: ChannelPrivateError")
        [listed] = await sources.list_sources(uow)
        assert listed.health(datetime.now(UTC)) == "error"
        assert (await sources.disable(uow, added.id)).health(datetime.now(UTC)) == "disabled"
        enabled = await sources.enable(uow, added.id)
        assert enabled.last_error is None
        assert enabled.health(datetime.now(UTC)) == "unresolved"

    async def test_assign_respects_the_account_limit(self, uow: UnitOfWork) -> None:
        first = await sources.add(uow, "@chat_one")
        second = await sources.add(uow, "@chat_two")
        with pytest.raises(AccountNotFound):
            await sources.assign(uow, first.id, "alpha")
        await sources.ensure_account(uow, "alpha")
        async with uow:
            await uow.session.execute(sa.update(CollectorAccount).values(max_sources=1))
            await uow.commit()
        assert (await sources.assign(uow, first.id, "alpha")).account_name == "alpha"
        with pytest.raises(AccountFull):
            await sources.assign(uow, second.id, "alpha")
        await sources.ensure_account(uow, "beta")
        assert await sources.claim_unassigned(uow, "beta") == 1
        assert [s.account_name for s in await sources.list_sources(uow)] == ["alpha", "beta"]


class TestCli:
    def test_commands_are_mounted(self) -> None:
        parser = argparse.ArgumentParser()
        cli.add_commands(parser.add_subparsers(dest="command"))
        args = parser.parse_args(["sources", "assign", "3", "second"])
        assert (args.func, args.id, args.account_name) == (cli.cmd_sources, 3, "second")
        args = parser.parse_args(["collector", "run", "--account", "second"])
        assert (args.func, args.account) == (cli.cmd_run, "second")
        args = parser.parse_args(["replay", "x.json", "--speed", "60"])
        assert (args.func, args.speed) == (cli.cmd_import, 60.0)

    async def test_sources_list_prints_a_table(
        self, uow: UnitOfWork, database_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], session_factory: Any,
    ) -> None:
        await sources.add(uow, "@javajobs")
        monkeypatch.setenv("DATABASE_URL", database_url)
        monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/15")
        code = await cli.cmd_sources(argparse.Namespace(action="list", account=None))
        assert code == 0
        assert "@javajobs" in capsys.readouterr().out


class TestClaimRace:
    async def test_two_accounts_starting_at_once_take_disjoint_chats(
        self, session_factory: Any, uow: UnitOfWork,
    ) -> None:
        for n in range(12):
            await sources.add(uow, f"@race_chat_{n}")
        for name in ("alpha", "beta"):
            await sources.ensure_account(uow, name)
        taken = await asyncio.gather(*(
            sources.claim_unassigned(UnitOfWork(session_factory), name)
            for name in ("alpha", "beta")))
        owners = [s.account_name for s in await sources.list_sources(uow)]
        # Without the row lock both read the same 12 ids and each reported taking all of them.
        assert sum(taken) == 12, taken
        assert None not in owners
        assert owners.count("alpha") == taken[0] and owners.count("beta") == taken[1]
