from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from collector import app
from collector.export import ExportError, read_export
from db.models import Post, Source
from db.uow import UnitOfWork

DEMO = Path(__file__).resolve().parents[2] / "scripts/demo/demo_channel.json"


def _chat(*messages: Any) -> dict[str, Any]:
    return {"name": "Jobs", "type": "private_supergroup", "id": 555, "messages": list(messages)}


def _message(mid: int, text: Any = "Ищем Go", **extra: Any) -> dict[str, Any]:
    return {"id": mid, "type": "message", "date": "2024-05-02T10:00:00",
            "date_unixtime": str(1714644000 + mid), "from": "Анна", "from_id": "user42",
            "text": text, **extra}


async def _count(uow: UnitOfWork, model: Any) -> int:
    async with uow:
        return int(await uow.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


class TestReadExport:
    def test_demo_file_reads_cleanly(self) -> None:
        export = read_export(DEMO)
        assert export.problems == ()
        assert [c.chat.kind for c in export.chats] == ["channel", "channel", "supergroup"]
        assert export.chats[0].chat.tg_id == -1002100000001
        messages = [m for _, m in export.messages()]
        assert len(messages) >= 38
        assert any(m.edit_date for m in messages)
        album = [m for m in messages if m.grouped_id is not None]
        assert len(album) == 3 and album[0].text.startswith("Бенч")

    def test_segments_entities_reply_and_author(self, tmp_path: Path) -> None:
        text = ["Ищем ", {"type": "hashtag", "text": "#java"}, " ",
                {"type": "text_link", "text": "тут", "href": "https://hh.ru/1"}]
        path = tmp_path / "result.json"
        path.write_text(json.dumps(_chat(
            _message(2, text, reply_to_message_id=1, edited="2024-05-02T11:00:00"),
            {"id": 3, "type": "service", "date": "2024-05-02T10:00:00", "action": "pin_message"},
        )))
        [message] = read_export(path).chats[0].messages
        assert message.text == "Ищем #java тут"
        assert [e["type"] for e in message.entities] == ["hashtag", "text_url"]
        assert message.entities[1]["url"] == "https://hh.ru/1"
        assert (message.reply_to, message.author_id, message.author_name) == (1, 42, "Анна")
        assert message.edit_date is not None
        assert message.permalink == "https://t.me/c/555/2"

    def test_bad_message_is_reported_and_the_rest_kept(self, tmp_path: Path) -> None:
        path = tmp_path / "result.json"
        broken = {"id": 3, "type": "message", "text": "no date"}
        path.write_text(json.dumps(_chat(_message(2), broken, _message(4), "junk")))
        export = read_export(path)
        assert [m.message_id for m in export.chats[0].messages] == [2, 4]
        assert len(export.problems) == 2
        assert "message #2 id=3" in str(export.problems[0])

    def test_truncated_file_keeps_the_messages_before_the_cut(self, tmp_path: Path) -> None:
        text = json.dumps(_chat(_message(2), _message(3), _message(4)))
        path = tmp_path / "result.json"
        path.write_text(text[: text.index('"id": 4') + 3])
        export = read_export(path)
        assert [m.message_id for m in export.chats[0].messages] == [2, 3]
        assert export.chats[0].chat.tg_id == -1000000000555
        assert "line 1 column" in str(export.problems[0])

    def test_not_an_export_is_a_clear_error(self, tmp_path: Path) -> None:
        path = tmp_path / "result.json"
        path.write_text("<html>oops</html>")
        with pytest.raises(ExportError, match=r"result\.json: invalid JSON at line 1"):
            read_export(path)


class TestImportAndReplay:
    async def test_import_then_replay_stores_each_post_once(
        self, session_factory: Any, redis: Any, uow: UnitOfWork,
    ) -> None:
        stats = await app.import_file(session_factory, redis, DEMO)
        again = await app.replay(session_factory, redis, DEMO, speed=0)
        assert stats.stored == stats.messages - 2  # the album's three photos are one post
        assert again.stored == 0
        assert await _count(uow, Source) == 3
        assert await _count(uow, Post) == stats.messages - 2
        async with uow:
            cursors = (await uow.session.scalars(sa.select(Source.read_cursor))).all()
        assert min(cursors) > 1

    async def test_replay_sleeps_scaled_by_speed(
        self, session_factory: Any, redis: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        path = tmp_path / "result.json"
        path.write_text(json.dumps(_chat(_message(2), _message(62))))
        slept: list[float] = []

        async def fake_sleep(seconds: float) -> None:
            slept.append(seconds)

        monkeypatch.setattr("collector.importer.asyncio.sleep", fake_sleep)
        await app.replay(session_factory, redis, path, speed=30)
        assert slept == [2.0]
