"""Bench rates typed the way people write them, read by the classifier's post parser."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm.bench_fields import parse_rate
from crm.errors import CrmInputError
from textparse.rates import parse_rate as parse_post_rate


class TestTypedRates:
    @pytest.mark.parametrize(("typed", "expected"), [
        ("2800 ₽/ч", (Decimal(2800), "RUB", "hour")),
        ("от 250к в месяц", (Decimal(250_000), "RUB", "month")),
        ("$40/h", (Decimal(40), "USD", "hour")),
        ("2500-3000 ₽/час", (Decimal(2500), "RUB", "hour")),
        ("2800 RUB hour", (Decimal(2800), "RUB", "hour")),
        ("5000 usd month", (Decimal(5000), "USD", "month")),
    ])
    def test_reads_what_people_type(self, typed: str, expected: tuple[Decimal, str, str]) -> None:
        assert parse_rate(typed) == expected

    def test_agrees_with_the_post_parser(self) -> None:
        post = parse_post_rate("Ставка 2800 ₽/ч")
        assert post is not None
        assert parse_rate("2800 ₽/ч") == (Decimal(post.min or 0), post.currency, post.period)

    @pytest.mark.parametrize(("typed", "code"), [
        ("3000", "bad_rate"), ("много", "bad_rate"), ("100 руб за статью", "bad_period"),
    ])
    def test_refuses_what_is_not_a_rate(self, typed: str, code: str) -> None:
        with pytest.raises(CrmInputError) as refused:
            parse_rate(typed)
        assert refused.value.code == code
