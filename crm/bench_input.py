"""What a person types into a bench field → the BenchDraft changes it makes (pure parsing;
the form, the edit and the offer drafts share it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

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
# The fields a person types, by the names the bot's BenchField enum gives them.
FIELDS: tuple[str, ...] = (
    "name", "roles", "stack", "grade", "rate", "available", "english", "location", "cv",
)


def parse_field(field: str, raw: str, timezone: str) -> dict[str, Any]:
    """The BenchDraft changes one answer makes; CrmInputError (with a code) if it is invalid."""
    text = raw.strip()
    skip = text == SKIP
    if field == "name":
        name = " ".join(text.split())
        if not name or len(name) > NAME_MAX:
            raise CrmInputError("bad_name", raw)
        return {"name": name}
    if field == "stack":
        return {"stack": () if skip else split_list(text)}
    if field == "grade":
        return {"grade": None if skip else parse_choice(text, GRADES, "bad_grade")}
    if field == "roles":
        return {"roles": () if skip else (parse_choice(text, ROLE_FAMILIES, "bad_role"),)}
    if field == "english":
        return {"english_level": None if skip else parse_choice(text, ENGLISH_LEVELS,
                                                                 "bad_english")}
    if field == "rate":
        amount, currency, period = (None, None, None) if skip else parse_rate(text)
        return {"rate_min": amount, "rate_max": None, "rate_currency": currency,
                "rate_period": period}
    if field == "available":
        if skip:
            return {"available_from": None}
        if text.lower() in NOW_WORDS:
            return {"available_from": datetime.now(ZoneInfo(timezone)).date()}
        return {"available_from": parse_date(text)}
    if field == "location":
        return {"location": None if skip else text}
    return {"cv_url": None if skip else parse_url(text)}


def parse_answers(answers: dict[str, str], timezone: str) -> dict[str, Any]:
    """Every filled field of a form at once (each was checked when it was typed)."""
    values: dict[str, Any] = {}
    for field in FIELDS:
        if field in answers:
            values.update(parse_field(field, answers[field], timezone))
    return values
