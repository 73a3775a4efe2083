"""What a person types into a bench field → the BenchDraft changes it makes (pure parsing;
the form, the edit and the offer drafts share it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.callbacks_crm import BenchField
from crm.bench_fields import (
    ENGLISH_LEVELS,
    NAME_MAX,
    parse_choice,
    parse_date,
    parse_rate,
    parse_url,
    split_list,
)
from crm.errors import CrmInputError
from db.records.feed import GRADES, ROLE_FAMILIES

SKIP = "-"
NOW_WORDS = frozenset({"now", "сейчас"})


def parse_field(field: BenchField, raw: str, timezone: str) -> dict[str, Any]:
    """The BenchDraft changes one answer makes; CrmInputError (with a code) if it is invalid."""
    text = raw.strip()
    skip = text == SKIP
    if field == BenchField.name:
        name = " ".join(text.split())
        if not name or len(name) > NAME_MAX:
            raise CrmInputError("bad_name", raw)
        return {"name": name}
    if field == BenchField.stack:
        return {"stack": () if skip else split_list(text)}
    if field == BenchField.grade:
        return {"grade": None if skip else parse_choice(text, GRADES, "bad_grade")}
    if field == BenchField.roles:
        return {"roles": () if skip else (parse_choice(text, ROLE_FAMILIES, "bad_role"),)}
    if field == BenchField.english:
        return {"english_level": None if skip else parse_choice(text, ENGLISH_LEVELS,
                                                                 "bad_english")}
    if field == BenchField.rate:
        amount, currency, period = (None, None, None) if skip else parse_rate(text)
        return {"rate_min": amount, "rate_max": None, "rate_currency": currency,
                "rate_period": period}
    if field == BenchField.available:
        if skip:
            return {"available_from": None}
        if text.lower() in NOW_WORDS:
            return {"available_from": datetime.now(ZoneInfo(timezone)).date()}
        return {"available_from": parse_date(text)}
    if field == BenchField.location:
        return {"location": None if skip else text}
    return {"cv_url": None if skip else parse_url(text)}


def parse_answers(answers: dict[str, str], timezone: str) -> dict[str, Any]:
    """Every filled field of a form at once (each was checked when it was typed)."""
    values: dict[str, Any] = {}
    for field in BenchField:
        if field.value in answers:
            values.update(parse_field(field, answers[field.value], timezone))
    return values
