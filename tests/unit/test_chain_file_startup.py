"""A malformed chain file stops `radar bot run` and `radar collector run` with one line that
says what is wrong and where, before a database, Redis or Telegram is touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import radar
from tests.crm.test_outreach_rules import chain_file

NOT_TOML = """
[chains.default]
first = "a
"""
COMMANDS = [("bot", "run"), ("collector", "run")]
# The file's text (None: no file at all) and what the line says after the file's name.
BROKEN = [
    (chain_file(), "chain 'c': cycle a → b → a"),
    (chain_file(next_of_a="nowhere"), "chain 'c': missing step 'nowhere'"),
    (None, "No such file or directory"),
]


def _start(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
           text: str | None, command: tuple[str, ...]) -> tuple[int, str, Path]:
    path = tmp_path / "chains.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("OUTREACH_CHAINS_FILE", str(path))
    monkeypatch.setenv("BOT_TOKEN", "123:ABC")
    monkeypatch.delenv("HEALTH_PORT", raising=False)
    code = radar.main(list(command))
    return code, capsys.readouterr().err, path


@pytest.mark.parametrize("command", COMMANDS)
class TestChainFileAtStartUp:
    @pytest.mark.parametrize(("text", "says"), BROKEN)
    def test_the_fault_is_one_line_naming_the_file_and_where(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path, command: tuple[str, ...], text: str | None, says: str,
    ) -> None:
        code, err, path = _start(monkeypatch, capsys, tmp_path, text, command)
        assert (code, err) == (2, f"radar: chain file {path}: {says}\n")

    def test_bad_toml_says_which_line(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path, command: tuple[str, ...],
    ) -> None:
        code, err, path = _start(monkeypatch, capsys, tmp_path, NOT_TOML, command)
        assert code == 2
        assert err.startswith(f"radar: chain file {path}: not TOML: ")
        assert "line 3" in err and err.count("\n") == 1 and "Traceback" not in err
