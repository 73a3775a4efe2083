"""Bad export messages cost only themselves: each is skipped and reported (chat, message id,
why), every other is stored, a rerun stores nothing twice, an unreadable file is one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from collector import app, cli
from db.models import Post, Source
from db.uow import UnitOfWork

GOOD = 200


def _message(mid: int, **override: Any) -> dict[str, Any]:
    return {"id": mid, "type": "message", "date_unixtime": str(1714644000 + mid),
            "date": "2024-05-02T10:00:00", "from": "Анна", "from_id": "user42",
            "text": f"Ищем Go разработчика №{mid}", **override}


DEEP = 50_000  # levels of nesting in one message: more than any JSON decoder recurses


POISON = [
    _message(10_001, text=["Ищем ", 7, " Python"]),  # a number inside the text list
    _message(10_002, **{"from": "Ан\x00на"}),  # NUL in the sender
    _message(10_003, text="Ищем \ud800 Java"),  # a lone surrogate
    _message(2**64, text="id beyond int64"),
    _message(10_004, **{"from": {"name": "not a string"}}),
    _message(10_005, reply_to_message_id=2**70),
    _message(10_006, text="DEEP"),  # replaced by deep nesting in the file's text
    _message(10_007, date_unixtime="99999999999999999999"),
]


def _export(path: Path, name: str = "Jobs") -> Path:
    messages = [_message(n) for n in range(1, GOOD // 2 + 1)] + POISON
    messages += [_message(n) for n in range(GOOD // 2 + 1, GOOD + 1)]
    chat = {"name": name, "type": "private_supergroup", "id": 555, "messages": messages}
    text = json.dumps(chat).replace('"DEEP"', "[" * DEEP + '"x"' + "]" * DEEP)
    path.write_text(text, encoding="utf-8")
    return path


async def _count(uow: UnitOfWork, model: Any) -> int:
    async with uow:
        return int(await uow.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


class TestPoisonedExport:
    @pytest.mark.parametrize("command", ["import", "replay"])
    async def test_every_good_message_is_stored_once_and_each_bad_one_reported(
        self, tmp_path: Path, session_factory: Any, redis: Any, uow: UnitOfWork, command: str,
    ) -> None:
        path = _export(tmp_path / "result.json", name="Jobs\x00 " + "й" * 400)
        run = app.import_file if command == "import" else app.replay
        stats = await run(session_factory, redis, path)
        async with uow:
            texts = set((await uow.session.scalars(sa.select(Post.text))).all())
            title = await uow.session.scalar(sa.select(Source.title))
        assert {f"Ищем Go разработчика №{n}" for n in range(1, GOOD + 1)} <= texts
        # Cleaned values are kept; values that cannot be one are reported with their place.
        assert "Ищем  Java" in texts and title is not None and len(title) <= 255
        reported = "\n".join(stats.problems)
        for why in ("id=18446744073709551616", "id=10001", "id=10004", "id=10005",
                    "id=10007"):
            assert why in reported
        assert "(Jobs" in reported
        again = await run(session_factory, redis, path)
        assert again.stored == 0
        assert await _count(uow, Post) == len(texts)

    async def test_an_unreadable_file_is_one_clear_line(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, database_url: str,
    ) -> None:
        monkeypatch.setenv("DATABASE_URL", database_url)
        for content in (b"\xff\xfe garbage", b"<html>oops</html>", None):
            path = tmp_path / "result.json"
            if content is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(content)
            parser = __import__("argparse").ArgumentParser()
            sub = parser.add_subparsers(dest="command")
            cli.add_commands(sub)
            args = parser.parse_args(["import", str(path)])
            assert await cli.cmd_import(args) == 2
            out = capsys.readouterr().out.strip()
            assert out.startswith("radar import: ") and "\n" not in out
            assert "Traceback" not in out
