"""Properties of the pure matching score, over generated requests and developers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from crm.matching import (
    DeveloperProfile,
    RateFit,
    RequestProfile,
    rank_key,
    score_match,
)
from db.records.feed import FORMATS, GRADES

TECH = ("Python", "Django", "Go", "React", "TypeScript", "PostgreSQL", "Kafka", "Java", "K8s")
START = date(2030, 1, 1)

stacks = st.lists(st.sampled_from(TECH), unique=True, max_size=6).map(tuple)
rates = st.decimals(min_value=100, max_value=20000, places=0)
optional_rates = st.none() | rates


@st.composite
def requests(draw: st.DrawFn) -> RequestProfile:
    lo = draw(optional_rates)
    hi = draw(optional_rates)
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return RequestProfile(
        stack=draw(stacks), grades=tuple(draw(st.sets(st.sampled_from(GRADES), max_size=2))),
        rate_min=lo, rate_max=hi, formats=tuple(draw(st.sets(st.sampled_from(FORMATS)))),
        start=START,
    )


@st.composite
def developers(draw: st.DrawFn) -> DeveloperProfile:
    return DeveloperProfile(
        stack=draw(stacks), grade=draw(st.none() | st.sampled_from(GRADES)),
        rate=draw(optional_rates),
        available_from=draw(st.none() | st.dates(START - timedelta(days=90),
                                                  START + timedelta(days=120))),
        formats=tuple(draw(st.sets(st.sampled_from(FORMATS)))),
    )


class TestScoreProperties:
    @given(requests(), developers())
    def test_the_score_is_within_zero_and_one(
        self, request: RequestProfile, dev: DeveloperProfile
    ) -> None:
        assert 0.0 <= score_match(request, dev).score <= 1.0

    @given(requests(), developers(), st.sampled_from(TECH))
    def test_more_stack_overlap_never_lowers_the_score(
        self, request: RequestProfile, dev: DeveloperProfile, extra: str
    ) -> None:
        more = replace(dev, stack=(*dev.stack, extra) if extra not in dev.stack else dev.stack)
        before, after = score_match(request, dev), score_match(request, more)
        assert len(after.common_stack) >= len(before.common_stack)
        assert after.score >= before.score

    @given(requests(), developers(), st.integers(min_value=1, max_value=365))
    def test_not_available_by_the_start_never_ranks_above_available(
        self, request: RequestProfile, dev: DeveloperProfile, days_late: int
    ) -> None:
        ready = replace(dev, available_from=request.start - timedelta(days=1))
        late = replace(dev, available_from=request.start + timedelta(days=days_late))
        ready_score, late_score = score_match(request, ready), score_match(request, late)
        assert late_score.days_late == days_late and "available_late" in late_score.reasons
        # Whatever the ids, the late one sorts after the ready one.
        for late_id, ready_id in ((1, 2), (2, 1)):
            assert rank_key(ready_score, ready_id) < rank_key(late_score, late_id)

    @given(requests(), developers(), st.decimals(min_value="1.51", max_value=10, places=2))
    def test_a_rate_far_above_the_range_is_flagged(
        self, request: RequestProfile, dev: DeveloperProfile, factor: Decimal
    ) -> None:
        top = request.rate_max or request.rate_min or Decimal(1000)
        bounded = replace(request, rate_max=top, rate_min=min(request.rate_min or top, top))
        far = replace(dev, rate=top * factor)
        result = score_match(bounded, far)
        assert result.rate_fit is RateFit.far_outside
        assert "rate_far_outside" in result.reasons

    @given(requests(), developers(), st.decimals(min_value="1.51", max_value=10, places=2))
    def test_a_rate_far_below_the_floor_is_flagged(
        self, request: RequestProfile, dev: DeveloperProfile, factor: Decimal
    ) -> None:
        floor = request.rate_min or Decimal(3000)
        bounded = replace(request, rate_min=floor, rate_max=max(request.rate_max or floor, floor))
        result = score_match(bounded, replace(dev, rate=floor / factor))
        assert result.rate_fit is RateFit.far_outside

    @given(requests(), developers())
    def test_a_rate_inside_the_range_is_never_flagged(
        self, request: RequestProfile, dev: DeveloperProfile
    ) -> None:
        lo, hi = request.rate_min, request.rate_max
        inside = lo if lo is not None else hi
        result = score_match(request, replace(dev, rate=inside))
        expected = RateFit.unknown if inside is None else RateFit.in_range
        assert result.rate_fit is expected
