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


def secure_session(settings: TelethonSettings, account: str) -> Path:
    """The session file is a login: whoever reads it is this account. Folder 0700 and file
    0600 before Telethon opens it (SQLite keeps an existing file's mode), whatever happens
    next: a failed login, or `collector run` creating it."""
    folder = settings.session_dir
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)  # mkdir's mode does nothing for a folder that already exists
    session_file = Path(f"{settings.session_path(account)}.session")
    session_file.touch(mode=0o600, exist_ok=True)
    os.chmod(session_file, 0o600)
    return session_file


def make_client(settings: TelethonSettings, account: str) -> TelegramClient:
    secure_session(settings, account)
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
        session_file = secure_session(settings, account)
    who = f"{getattr(me, 'first_name', '')} (id {getattr(me, 'id', '?')})"
    log.info("account %s logged in as %s; session %s", account, who, session_file)
    return who
