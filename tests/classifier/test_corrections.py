from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifier.api import Labels
from classifier.corrections import (
    CORRECTION_WEIGHT,
    Correction,
    apply_corrections,
    read_corrections,
)
from classifier.dataset import DatasetError, Example, is_dev

HAND = Labels(kind="request", roles=("backend",), grades=("middle",), stack=("Java",))


def _train_text(seed: str) -> str:
    """A text the fixed split puts in train (the split is a hash of the text)."""
    for n in range(100):
        text = f"Ищем Java разработчика {seed} {n}"
        if not is_dev(Example("k", text, HAND)):
            return text
    raise AssertionError("no train text")


def _dev_text() -> str:
    for n in range(100):
        text = f"Нужен тестировщик {n}"
        if is_dev(Example("k", text, HAND)):
            return text
    raise AssertionError("no dev text")


class TestApplyCorrections:
    def test_a_corrected_field_replaces_the_hand_label_and_weighs_more(self) -> None:
        text = _train_text("a")
        fix = Correction("card:1", "🔥 " + text + " #java", replace_roles(("fullstack",)),
                         ("roles",))
        examples, targets = apply_corrections([Example("h1", text, HAND)], [fix])
        assert examples[0].labels.roles == ("fullstack",)
        assert examples[0].labels.grades == ("middle",)  # not corrected: the hand label stays
        [target] = targets
        assert (target.roles, target.weight) == (("fullstack",), CORRECTION_WEIGHT)
        # The model's labels of the fields nobody corrected train nothing.
        assert target.grades is None and target.kind is None and target.stack is None

    def test_a_correction_of_an_unlabelled_post_adds_a_target(self) -> None:
        other = Example("h1", _train_text("b"), HAND)
        fix = Correction("card:2", _train_text("c"), Labels(kind="offer"), ("kind",))
        examples, targets = apply_corrections([other], [fix])
        assert examples == [other]
        assert [(t.kind, t.roles) for t in targets] == [("offer", None)]

    def test_corrections_of_dev_posts_stay_out_of_training(self) -> None:
        fix = Correction("card:3", _dev_text(), Labels(kind="offer"), ("kind",))
        assert apply_corrections([], [fix]) == ([], [])


class TestReadCorrections:
    def test_reads_the_export_and_skips_rows_without_trained_fields(self, tmp_path: Path
                                                                    ) -> None:
        path = tmp_path / "c.jsonl"
        rows = [{"key": "card:1", "text": "Ищем QA", "kind": "request", "roles": ["qa"],
                 "corrected": ["roles"]},
                {"key": "card:2", "text": "Ищем PM", "kind": "request", "corrected": ["rate"]},
                {"key": "card:3", "text": "  ", "kind": "request", "corrected": ["kind"]}]
        path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "\n", encoding="utf-8")
        [only] = read_corrections(path)
        assert (only.key, only.fields, only.labels.roles) == ("card:1", ("roles",), ("qa",))

    def test_a_broken_line_names_the_file_and_line(self, tmp_path: Path) -> None:
        path = tmp_path / "c.jsonl"
        path.write_text('{"text": "x", "corrected": ["kind"]}\n{not json\n', encoding="utf-8")
        with pytest.raises(DatasetError, match=r"c\.jsonl:2"):
            read_corrections(path)


def replace_roles(roles: tuple[str, ...]) -> Labels:
    return Labels(kind="request", roles=roles, grades=("senior",), stack=("Go",))
