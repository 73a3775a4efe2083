"""`python -m sandbox`: run the Bot API emulator and its web chat until Ctrl+C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging

from sandbox.emulator import BotApiEmulator


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Local Telegram Bot API emulator + web chat")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123:ABC", help="bot token the emulator accepts")
    parser.add_argument("--bot-username", default="radar_bot")
    parser.add_argument(
        "--rate-limit-per-chat", type=float, default=None, help="messages/s per chat (429 above)"
    )
    parser.add_argument("--rate-limit-global", type=float, default=None, help="messages/s total")
    parser.add_argument(
        "--user",
        action="append",
        default=[],
        metavar="ID:NAME[:LANG]",
        help="pre-register a user, e.g. --user 1001:Anna:ru (repeatable)",
    )
    return parser.parse_args()


async def serve(args: argparse.Namespace) -> None:
    emulator = BotApiEmulator(
        token=args.token,
        bot_username=args.bot_username,
        rate_limit_per_chat=args.rate_limit_per_chat,
        rate_limit_global=args.rate_limit_global,
    )
    for spec in args.user:
        user_id, _, rest = spec.partition(":")
        name, _, language = rest.partition(":")
        emulator.add_user(int(user_id), name or f"User {user_id}", language_code=language or None)
    await emulator.start(args.host, args.port)
    # The command line entry point is the one place that talks to a person on stdout.
    print(f"Bot API:   {emulator.base_url}  (TelegramAPIServer.from_base)")
    print(f"Web chat:  {emulator.chat_url}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await emulator.stop()


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    # The web chat polls every 700 ms; access lines would drown everything else.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(parse_args()))


if __name__ == "__main__":
    main()
