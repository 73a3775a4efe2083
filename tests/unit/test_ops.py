from __future__ import annotations

import json
import logging

import pytest
from aiohttp import ClientSession
from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings

from scripts.errors import settings_error_line
from scripts.health import health_routes, serve
from scripts.logs import JsonFormatter, RedactSecrets


def _record(message: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("radar", logging.INFO, __file__, 1, message, args, None)


class TestRedaction:
    def test_registered_secret_is_masked(self) -> None:
        record = _record("connecting with %s", "hunter2-password")
        RedactSecrets(["hunter2-password"]).filter(record)
        assert "hunter2" not in record.getMessage()
        assert "***" in record.getMessage()

    def test_bot_token_and_url_password_are_masked_unregistered(self) -> None:
        record = _record(
            "POST https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe "
            "db postgresql://radar:s3cret@db:5432/radar"
        )
        RedactSecrets().filter(record)
        text = record.getMessage()
        assert "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in text
        assert "s3cret" not in text
        assert "radar:***@db" in text

    def test_every_url_form_with_a_password_is_masked(self) -> None:
        record = _record(
            "redis://:hunter22pw@redis:6379/0 rediss://u:p%40ss@h postgresql://r:a@b/c@db:5432/x "
            "postgresql://db/x?user=r&password=qwerty9"
        )
        RedactSecrets().filter(record)
        text = record.getMessage()
        for secret in ("hunter22pw", "p%40ss", "a@b/c", "qwerty9"):
            assert secret not in text
        assert "redis://:***@redis:6379/0" in text and "@db:5432/x" in text

    def test_exception_text_is_masked(self) -> None:
        try:
            raise RuntimeError("token 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw rejected")
        except RuntimeError:
            import sys

            record = logging.LogRecord(
                "x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info()
            )
        RedactSecrets().filter(record)
        assert record.exc_text is not None
        assert "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in record.exc_text

    def test_json_format_is_one_parsable_line(self) -> None:
        line = JsonFormatter().format(_record("Привет %s", "мир"))
        assert json.loads(line)["message"] == "Привет мир"


class _Needs(BaseSettings):
    token: SecretStr = Field(alias="BOT_TOKEN")
    port: int = Field(default=1, alias="HEALTH_PORT")


class TestSettingsErrors:
    def test_missing_setting_is_named_in_one_line(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("BOT_TOKEN", raising=False)
        with pytest.raises(ValidationError) as caught:
            _Needs()
        line = settings_error_line(caught.value)
        assert "BOT_TOKEN is missing" in line
        assert "\n" not in line

    def test_invalid_value_is_named_but_not_echoed(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("BOT_TOKEN", "x")
        monkeypatch.setenv("HEALTH_PORT", "not-a-port")
        with pytest.raises(ValidationError) as caught:
            _Needs()
        line = settings_error_line(caught.value)
        assert "HEALTH_PORT is invalid" in line
        assert "not-a-port" not in line


class TestHealth:
    async def test_health_ok_fail_and_metrics(self) -> None:
        healthy = {"value": True}

        async def database() -> None:
            if not healthy["value"]:
                raise ConnectionError("down")

        runner = await serve(health_routes({"database": database}, metrics=True), "127.0.0.1", 0)
        port = runner.addresses[0][1]
        try:
            async with ClientSession() as http:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                    assert response.status == 200
                healthy["value"] = False
                async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                    assert response.status == 503
                    assert "database" in (await response.json())["failed"]
                async with http.get(f"http://127.0.0.1:{port}/metrics") as response:
                    assert response.status == 200
                    assert "python_info" in await response.text()
        finally:
            await runner.cleanup()


class TestQueueHealth:
    async def test_a_queue_whose_oldest_item_waits_too_long_fails_the_check(
        self, session_factory: object, engine: object,
    ) -> None:
        from datetime import UTC, datetime, timedelta

        from db.models import Post, Source
        from db.runtime import Database
        from scripts.probes import queue_check

        database = Database("", engine, session_factory, False)  # type: ignore[arg-type]
        check = queue_check(database, ("classify",), max_wait=60)
        await check()  # empty queue: fine
        async with session_factory() as session:  # type: ignore[operator]
            source = Source(tg_id=-1001, ref="@t", kind="channel", title="t")
            session.add(source)
            await session.flush()
            session.add(Post(source_id=source.id, message_id=1, text="x",
                             posted_at=datetime.now(UTC),
                             stored_at=datetime.now(UTC) - timedelta(hours=1)))
            await session.commit()
        with pytest.raises(RuntimeError, match="classify: oldest waits"):
            await check()
