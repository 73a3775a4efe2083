from __future__ import annotations

import argparse
from typing import Any

from db import migrate
from db.runtime import database_url
from db.settings import DbSettings


def add_commands(commands: Any) -> None:
    parser = commands.add_parser("db", help="database migrations")
    sub = parser.add_subparsers(dest="db_command", required=True)
    up = sub.add_parser("upgrade", help="migrate to the newest schema (or --to REV)")
    up.add_argument("--to", default="head")
    up.set_defaults(func=_upgrade)
    down = sub.add_parser("downgrade", help="migrate down to REV ('base' empties the schema)")
    down.add_argument("revision")
    down.set_defaults(func=_downgrade)


def _upgrade(args: argparse.Namespace) -> int:
    url, _ = database_url(DbSettings())
    migrate.upgrade(url, args.to)
    return 0


def _downgrade(args: argparse.Namespace) -> int:
    url, _ = database_url(DbSettings())
    migrate.downgrade(url, args.revision)
    return 0
