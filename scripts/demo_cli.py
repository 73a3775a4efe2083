from __future__ import annotations

import argparse
from typing import Any

from scripts.settings import DemoSettings


def add_commands(commands: Any) -> None:
    parser = commands.add_parser(
        "demo", help="the whole product offline: embedded PostgreSQL, sandbox Telegram, demo data"
    )
    parser.add_argument("--port", type=int, help="port of the sandbox chat page (DEMO_PORT)")
    parser.add_argument("--fresh", action="store_true",
                        help="wipe the demo database and replay the demo history from scratch")
    parser.set_defaults(func=_demo)


async def _demo(args: argparse.Namespace) -> int:
    from scripts import demo

    settings = DemoSettings()
    if args.port:
        settings = settings.model_copy(update={"port": args.port})
    await demo.run(settings, fresh=args.fresh)
    return 0
