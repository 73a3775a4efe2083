from __future__ import annotations

import pytest

from classifier.api import Labels, Rate
from classifier.metrics import evaluate, prf, report_json, report_text, score_kind, score_sets


class TestScores:
    def test_prf_by_hand(self) -> None:
        x = prf(tp=2, fp=1, fn=1)
        assert (x.precision, x.recall, x.f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
        assert prf(0, 0, 0).f1 == 1.0
        assert prf(0, 3, 0).f1 == 0.0

    def test_sets_micro_and_macro(self) -> None:
        gold = [("a", "b"), ("a",), ()]
        pred = [("a",), ("a", "c"), ()]
        s = score_sets(gold, pred)
        # tp a=2; fn b=1; fp c=1 → micro P=2/3 R=2/3
        assert s.micro.precision == pytest.approx(2 / 3)
        assert s.micro.recall == pytest.approx(2 / 3)
        # per label F1: a=1.0, b=0.0, c=0.0 → macro F1 = 1/3
        assert s.macro.f1 == pytest.approx(1 / 3)

    def test_kind_confusion_and_macro(self) -> None:
        k = score_kind(["request", "request", "other", "offer"],
                       ["request", "other", "other", "offer"])
        assert k.confusion["request"]["other"] == 1
        assert k.accuracy == pytest.approx(0.75)
        # request P=1 R=.5 F=2/3; other P=.5 R=1 F=2/3; offer 1 → macro (2/3+2/3+1)/3
        assert k.macro.f1 == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)


class TestEvaluate:
    def test_exact_fields_null_equals_null(self) -> None:
        gold = [Labels(kind="request", rate=Rate(1, 2, "RUB", "month")), Labels()]
        pred = [Labels(kind="request", rate=Rate(1, 2, "RUB", "month")), Labels()]
        report = evaluate(gold, pred)
        assert report.exact["rate"] == 1.0
        assert report.exact["location"] == 1.0

    def test_rate_must_match_whole(self) -> None:
        gold = [Labels(rate=Rate(1, 2, "RUB", "month"))]
        pred = [Labels(rate=Rate(1, 2, "RUB", "year"))]
        assert evaluate(gold, pred).exact["rate"] == 0.0

    def test_lengths_must_match(self) -> None:
        with pytest.raises(ValueError, match="gold"):
            evaluate([Labels()], [])

    def test_reports_render(self) -> None:
        report = evaluate([Labels(kind="request", roles=("qa",))],
                          [Labels(kind="request", roles=("qa",))])
        text = report_text(report)
        assert "roles" in text and "kind confusion" in text
        data = report_json(report)
        assert data["lists"]["roles"]["micro"]["f1"] == 1.0
        assert data["kind"]["confusion"]["request"]["request"] == 1
