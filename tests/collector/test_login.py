from __future__ import annotations

import logging
import stat
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from collector import login as login_module
from collector.settings import TelethonSettings


class FakeClient:
    """Stands in for TelegramClient.start: asks like Telegram would, writes a session file."""

    def __init__(self, session: str, api_id: int, api_hash: str) -> None:
        self.path = Path(f"{session}.session")
        self.flood_sleep_threshold = 0

    async def start(self, *, phone: Any, code_callback: Any, password: Any) -> None:
        self.answers = (phone(), code_callback(), password())
        self.path.write_bytes(b"sqlite")
        self.path.chmod(0o644)

    async def get_me(self) -> Any:
        return type("Me", (), {"first_name": "Radar", "id": 42})()

    async def disconnect(self) -> None:
        pass


async def test_login_writes_a_private_session_and_logs_no_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(login_module, "TelegramClient", FakeClient)
    settings = TelethonSettings(api_id=1, api_hash=SecretStr("f" * 32), session_dir=tmp_path)
    answers = iter(["+79990001122", "12345"])
    with caplog.at_level(logging.DEBUG):
        who = await login_module.login(settings, "second", ask=lambda _: next(answers),
                                       ask_secret=lambda _: "hunter2")
    session = tmp_path / "second.session"
    assert stat.S_IMODE(session.stat().st_mode) == 0o600
    assert "Radar" in who
    for secret in ("+79990001122", "12345", "hunter2", "f" * 32):
        assert secret not in caplog.text


class FailingClient(FakeClient):
    async def start(self, *, phone: Any, code_callback: Any, password: Any) -> None:
        self.path.write_bytes(b"sqlite")
        self.path.chmod(0o644)
        raise RuntimeError("PHONE_CODE_INVALID")


async def test_a_failed_login_still_leaves_the_session_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(login_module, "TelegramClient", FailingClient)
    folder = tmp_path / "sessions"
    folder.mkdir(mode=0o755)
    settings = TelethonSettings(api_id=1, api_hash=SecretStr("f" * 32), session_dir=folder)
    with pytest.raises(RuntimeError):
        await login_module.login(settings, "main", ask=lambda _: "1", ask_secret=lambda _: "2")
    assert stat.S_IMODE((folder / "main.session").stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_collector_run_creates_a_private_session_before_telethon_opens_it(
    tmp_path: Path,
) -> None:
    settings = TelethonSettings(api_id=1, api_hash=SecretStr("f" * 32),
                                session_dir=tmp_path / "s")
    client = login_module.make_client(settings, "main")
    assert stat.S_IMODE((tmp_path / "s" / "main.session").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "s").stat().st_mode) == 0o700
    client.session.close()
