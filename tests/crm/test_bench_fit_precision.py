"""The judged real pairs (tests/data/bench_fit_judged.jsonl) against the current rules: every
pushed pair has a verdict, and precision stays where it was judged."""

from __future__ import annotations

import pytest

from bench.fit_judged import ANNOTATIONS, judged, precision

# What the set measured when it was judged (README): 23 of 26 pushed pairs sensible.
JUDGED_PRECISION = 23 / 26

pytestmark = pytest.mark.skipif(
    not ANNOTATIONS.exists(), reason=f"{ANNOTATIONS} is absent (shared data lives in ../shared)"
)


class TestBenchFitPrecision:
    def test_every_pushed_pair_was_judged(self) -> None:
        found = precision()
        assert found.unjudged == 0, "new pushed pairs: judge them (bench_fit_precision)"
        assert found.pushed > 20

    def test_precision_holds_on_the_judged_pairs(self) -> None:
        assert precision().value >= JUDGED_PRECISION - 1e-9

    def test_the_score_alone_would_push_mostly_noise(self) -> None:
        """Without the role rule the same threshold pushes every judged pair, about a quarter
        of them sensible: the rule is what the figure rests on."""
        alone = precision(roles=False)
        assert alone.unjudged == 0 and alone.pushed == len(judged())
        assert alone.value < 0.5 < precision().value
