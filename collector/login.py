"""`radar collector login`: create an account's Telethon session interactively."""

from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Callable
from pathlib import Path

from telethon import TelegramClient

from collector.settings import TelethonSettings

log = logging.getLogger(__name__)


def make_client(settings: TelethonSettings, account: str) -> TelegramClient:
    settings.session_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    client = TelegramClient(
        str(settings.session_path(account)), settings.api_id,
        settings.api_hash.get_secret_value(),
    )
    client.flood_sleep_threshold = settings.flood_sleep_threshold
    return client


async def login(
    settings: TelethonSettings, account: str, *, ask: Callable[[str], str] = input,
    ask_secret: Callable[[str], str] = getpass.getpass,
) -> str:
    """Phone, code and 2FA password are asked for and never logged; returns who logged in."""
    client = make_client(settings, account)
    try:
        await client.start(
            phone=lambda: ask("Phone number (international format): "),
            code_callback=lambda: ask("Login code from Telegram: "),
            password=lambda: ask_secret("Two-step verification password: "),
        )
        me = await client.get_me()
    finally:
        await client.disconnect()
    session_file = Path(f"{settings.session_path(account)}.session")
    # The session file is a login: whoever reads it is this account.
    os.chmod(session_file, 0o600)
    who = f"{getattr(me, 'first_name', '')} (id {getattr(me, 'id', '?')})"
    log.info("account %s logged in as %s; session %s", account, who, session_file)
    return who
