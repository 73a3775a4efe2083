"""`radar sources …`, `radar collector login|run`, `radar import`, `radar replay`.

Handlers return coroutines; scripts/radar.py runs them. Output goes to stdout as plain lines.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from collector import app
from crm import sources
from crm.errors import CrmError
from db.records.sources import SourceRecord
from db.uow import UnitOfWork

_COLUMNS = "{:>4}  {:<28} {:<10} {:<11} {:>10}  {:<16} {:<10} {}"


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")


def _row(s: SourceRecord, now: datetime) -> str:
    last = s.last_post_at.strftime("%Y-%m-%d %H:%M") if s.last_post_at else "-"
    problem = s.last_error or ""
    if s.retry_after and s.retry_after > now:
        problem = f"retry after {s.retry_after:%H:%M} UTC; {problem}"
    return _COLUMNS.format(s.id, (s.username and f"@{s.username}") or s.title or s.ref,
                           s.kind, s.health(now), s.read_cursor, last, s.account_name or "-",
                           problem)


async def _with_uow(work: Callable[[UnitOfWork], Awaitable[int]]) -> int:
    database, _redis = app.open_services()
    try:
        return await work(UnitOfWork(database.session_factory))
    except CrmError as exc:
        sys.stderr.write(f"radar: {exc}\n")
        return 1
    finally:
        await database.engine.dispose()


async def cmd_sources(args: argparse.Namespace) -> int:
    async def work(uow: UnitOfWork) -> int:
        if args.action == "list":
            now = datetime.now(UTC)
            _say(_COLUMNS.format("id", "chat", "kind", "health", "cursor", "last post",
                                 "account", "error"))
            for source in await sources.list_sources(uow, account=args.account):
                _say(_row(source, now))
            return 0
        if args.action == "add":
            source = await sources.add(uow, args.ref)
        elif args.action == "assign":
            source = await sources.assign(uow, args.id, args.account_name)
        else:
            source = await sources.set_enabled(uow, args.id, enabled=args.action == "enable")
        _say(_row(source, datetime.now(UTC)))
        return 0

    return await _with_uow(work)


async def cmd_login(args: argparse.Namespace) -> int:
    from collector.login import login
    from collector.settings import CollectorSettings, TelethonSettings

    name = args.account or CollectorSettings().account
    who = await login(TelethonSettings(), name)
    await _with_uow(lambda uow: _ensure(uow, name))
    _say(f"account {name}: logged in as {who}")
    return 0


async def _ensure(uow: UnitOfWork, name: str) -> int:
    await sources.ensure_account(uow, name)
    return 0


async def cmd_run(args: argparse.Namespace) -> int:
    return await app.run_account(args.account, classify=not args.no_classify)


async def cmd_import(args: argparse.Namespace) -> int:
    from collector.export import ExportError

    database, redis = app.open_services()
    try:
        if args.command == "replay":
            stats = await app.replay(database.session_factory, redis, args.file,
                                     speed=args.speed, progress=sys.stderr.isatty())
        else:
            stats = await app.import_file(database.session_factory, redis, args.file,
                                          progress=sys.stderr.isatty())
    except ExportError as exc:  # an unreadable file is one line, not a traceback
        _say(f"radar {args.command}: {exc}")
        return 2
    finally:
        await database.engine.dispose()
    _say(f"{stats.chats} chat(s), {stats.messages} message(s), {stats.stored} stored or changed")
    for problem in stats.problems:
        _say(f"problem: {problem}")
    return 1 if stats.problems else 0


def add_commands(subparsers: Any) -> None:
    src = subparsers.add_parser("sources", help="chats the collector reads")
    actions = src.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="every source with its health")
    listing.add_argument("--account", help="only this account's sources")
    actions.add_parser("add", help="add @username, t.me link, invite link or id").add_argument(
        "ref")
    for verb in ("enable", "disable"):
        actions.add_parser(verb, help=f"{verb} a source").add_argument("id", type=int)
    assign = actions.add_parser("assign", help="give a source to a collector account")
    assign.add_argument("id", type=int)
    assign.add_argument("account_name", metavar="ACCOUNT")
    src.set_defaults(func=cmd_sources)

    col = subparsers.add_parser("collector", help="the Telegram userbot")
    col_actions = col.add_subparsers(dest="action", required=True)
    login = col_actions.add_parser("login", help="create an account's session (interactive)")
    login.add_argument("--account", help="account name (default COLLECTOR_ACCOUNT or main)")
    login.set_defaults(func=cmd_login)
    run = col_actions.add_parser("run", help="read this account's sources live")
    run.add_argument("--account", help="account name (default COLLECTOR_ACCOUNT or main)")
    run.add_argument("--no-classify", action="store_true", help="store only; classify elsewhere")
    run.set_defaults(func=cmd_run)

    imp = subparsers.add_parser("import", help="store a Telegram Desktop export (result.json)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=cmd_import)
    rep = subparsers.add_parser("replay", help="feed an export in date order, as if live")
    rep.add_argument("file", type=Path)
    rep.add_argument("--speed", type=float, default=0.0,
                     help="time compression (60 = a minute per second; 0 = no pauses)")
    rep.set_defaults(func=cmd_import)
