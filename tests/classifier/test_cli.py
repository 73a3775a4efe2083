from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from classifier.__main__ import main
from classifier.baseline import BaselineClassifier
from classifier.dataset import Example

FIELDS = {"kind", "roles", "stack", "grades", "rate", "format", "location", "employment",
          "duration_months", "headcount"}


@pytest.fixture
def baseline_dir(tmp_path: Path, tiny_examples: list[Example]) -> Path:
    out = tmp_path / "baseline"
    BaselineClassifier().fit(tiny_examples).save(out)
    return out


class TestPredictCli:
    def test_round_trip_skips_bad_lines(self, tmp_path: Path, baseline_dir: Path,
                                        caplog: pytest.LogCaptureFixture) -> None:
        inp = tmp_path / "in.jsonl"
        inp.write_text("\n".join([
            json.dumps({"key": "1:1", "text": "Ищем Python разработчика, ЗП от 200 000 ₽"}),
            "{not json",
            json.dumps({"text": "no key"}),
            json.dumps({"key": "1:2", "text": ""}),
            json.dumps({"key": "1:3", "text": "🔥" * 10}),
            json.dumps({"key": "1:4", "text": 42}),
        ]), encoding="utf-8")
        out = tmp_path / "out.jsonl"
        with caplog.at_level(logging.WARNING):
            code = main(["predict", "--in", str(inp), "--out", str(out),
                         "--baseline", str(baseline_dir)])
        assert code == 0
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [r["key"] for r in rows] == ["1:1", "1:2", "1:3"]
        assert FIELDS | {"key", "confidences", "needs_review", "model_version"} == set(rows[0])
        assert rows[0]["rate"] == {"min": 200000, "max": None, "currency": "RUB",
                                   "period": "month"}
        assert rows[1]["kind"] == "other"
        assert ":2:" in caplog.text and ":3:" in caplog.text and ":6:" in caplog.text

    def test_eval_writes_json(self, tmp_path: Path, baseline_dir: Path,
                              tiny_examples: list[Example],
                              capsys: pytest.CaptureFixture[str]) -> None:
        data = tmp_path / "gold.jsonl"
        data.write_text("\n".join(
            json.dumps({"key": e.key, "text": e.text, **e.labels.to_annotation()},
                       ensure_ascii=False) for e in tiny_examples[:10]), encoding="utf-8")
        report = tmp_path / "report.json"
        assert main(["eval", "--data", str(data), "--baseline", str(baseline_dir),
                     "--json", str(report)]) == 0
        assert "kind confusion" in capsys.readouterr().out
        assert json.loads(report.read_text(encoding="utf-8"))["n"] == 10

    def test_baseline_train_command(self, tmp_path: Path, tiny_examples: list[Example]) -> None:
        data = tmp_path / "gold.jsonl"
        data.write_text("\n".join(
            json.dumps({"key": e.key, "text": e.text, **e.labels.to_annotation()},
                       ensure_ascii=False) for e in tiny_examples), encoding="utf-8")
        assert main(["baseline-train", "--data", str(data), "--out", str(tmp_path / "m")]) == 0
        assert (tmp_path / "m" / "baseline.pkl").exists()
