"""`radar`: the one command line of Outstaff Radar. Each package adds its own subcommands."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Coroutine, Sequence
from typing import Any

from pydantic import ValidationError

from crm.outreach_chains import ChainFileError
from scripts import classifier_work, clients_cli, corrections_cli, db_cli, demo_cli
from scripts.errors import settings_error_line
from scripts.logs import setup_logging
from scripts.settings import OpsSettings

log = logging.getLogger("radar")


def build_parser() -> argparse.ArgumentParser:
    from bot import cli as bot_cli
    from classifier import cli as classifier_cli
    from collector import cli as collector_cli

    parser = argparse.ArgumentParser(
        prog="radar", description="Outstaff Radar: Telegram demand radar and CRM for outstaffing."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo_cli.add_commands(commands)
    db_cli.add_commands(commands)
    clients_cli.add_commands(commands)
    bot_cli.add_commands(commands)
    collector_cli.add_commands(commands)
    classifier_sub = classifier_cli.add_commands(commands)
    classifier_work.add_commands(classifier_sub)
    corrections_cli.add_commands(classifier_sub)
    return parser


# The queues each long-running command drains: its /healthz fails when they back up.
_QUEUES_OF = {"bot": ("outbox",), "collector": ("classify",)}


async def _with_health(
    command: Coroutine[Any, Any, Any], ops: OpsSettings, name: str = ""
) -> Any:
    """Long-running commands answer /healthz (and /metrics) when HEALTH_PORT is set."""
    if not ops.health_port:
        return await command
    from db.liveness import WORKERS
    from db.runtime import open_database, open_redis
    from db.settings import DbSettings, RedisSettings
    from scripts.health import health_routes, serve
    from scripts.probes import database_check, queue_check, queue_gauges, redis_check

    database, redis = open_database(DbSettings()), open_redis(RedisSettings())
    checks = {"database": database_check(database), "redis": redis_check(redis),
              "workers": WORKERS.check,
              "queues": queue_check(database, _QUEUES_OF.get(name, ()), ops.queue_max_wait)}
    routes = health_routes(checks, metrics=ops.metrics_enabled, refresh=[queue_gauges(database)])
    runner = await serve(routes, ops.health_host, ops.health_port)
    try:
        return await command
    finally:
        await runner.cleanup()
        await database.engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        ops = OpsSettings()
        setup_logging(ops.log_level, ops.log_format)
        result = args.func(args)
        if asyncio.iscoroutine(result):
            result = asyncio.run(_with_health(result, ops, args.command))
    except ValidationError as exc:
        # A missing or invalid setting stops start-up with one line naming it.
        print(f"radar: {settings_error_line(exc)}", file=sys.stderr)
        return 2
    except ChainFileError as exc:
        # A chain file with a cycle, a missing step or bad TOML: the line says what and where.
        print(f"radar: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
