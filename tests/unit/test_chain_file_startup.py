"""A malformed chain file stops `radar bot run` and `radar collector run` with one line that
says what is wrong and where, before a database, Redis or Telegram is touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import radar

CYCLE = """
[chains.default]
first = "a"
[chains.default.steps.a]
kind = "telegram"
next = "b"
[chains.default.steps.b]
kind = "task"
next = "a"
"""
MISSING = """
[chains.default]
first = "a"
[chains.default.steps.a]
kind = "telegram"
next = "nowhere"
"""
NOT_TOML = """
[chains.default]
first = "a
"""


def _start(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
           text: str | None, *command: str) -> tuple[int, str, Path]:
    path = tmp_path / "chains.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("OUTREACH_CHAINS_FILE", str(path))
    monkeypatch.setenv("BOT_TOKEN", "123:ABC")
    monkeypatch.delenv("HEALTH_PORT", raising=False)
    code = radar.main(list(command))
    return code, capsys.readouterr().err, path


@pytest.mark.parametrize("command", [("bot", "run"), ("collector", "run")])
class TestChainFileAtStartUp:
    def test_a_cycle_is_one_line_naming_file_chain_and_steps(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path, command: tuple[str, ...],
    ) -> None:
        code, err, path = _start(monkeypatch, capsys, tmp_path, CYCLE, *command)
        assert code == 2
        assert err == f"radar: chain file {path}: chain 'default': cycle a → b → a\n"

    def test_a_missing_step_is_named(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path, command: tuple[str, ...],
    ) -> None:
        code, err, path = _start(monkeypatch, capsys, tmp_path, MISSING, *command)
        assert code == 2
        assert err == f"radar: chain file {path}: chain 'default': missing step 'nowhere'\n"

    def test_bad_toml_says_where_in_one_line(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path, command: tuple[str, ...],
    ) -> None:
        code, err, path = _start(monkeypatch, capsys, tmp_path, NOT_TOML, *command)
        assert code == 2
        assert err.startswith(f"radar: chain file {path}: not TOML: ")
        assert "line 3" in err and err.count("\n") == 1 and "Traceback" not in err

    def test_an_absent_file_is_named(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path, command: tuple[str, ...],
    ) -> None:
        code, err, path = _start(monkeypatch, capsys, tmp_path, None, *command)
        assert code == 2
        assert err == f"radar: chain file {path}: No such file or directory\n"
