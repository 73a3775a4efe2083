from __future__ import annotations

import json

from classifier.api import Labels, Rate
from classifier.assemble import RULE_CONFIDENCE_TABLE, rule_confidences
from classifier.labels import Thresholds, needs_review


class TestRuleConfidences:
    def test_each_rule_outcome_carries_its_measured_accuracy(self) -> None:
        table = json.loads(RULE_CONFIDENCE_TABLE.read_text(encoding="utf-8"))["fields"]
        found = rule_confidences(Labels(kind="request", grades=("senior",),
                                        rate=Rate(2000, 2500, "RUB", "hour")))
        assert found["grades"] == table["grades"]["found"]
        assert found["rate"] == table["rate"]["found"]
        assert found["location"] == table["location"]["none"]
        # No field is the fixed 0.9 of before, and none claims certainty.
        assert all(value != 0.9 and 0.5 <= value < 1.0 for value in found.values())

    def test_an_outcome_right_too_rarely_sends_the_post_to_review(self) -> None:
        sure = rule_confidences(Labels(kind="request"))
        unsure = rule_confidences(Labels(kind="request", duration_months=6.0))
        assert unsure["duration_months"] < Thresholds().duration_months <= sure[
            "duration_months"]
        assert needs_review(unsure) and not needs_review(sure)
