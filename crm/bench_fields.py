"""Pure parsing and validation of bench developer fields, shared by the form and CSV import.

Every failure is a CrmInputError whose code the bot turns into a Fluent message.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation

from crm.errors import CrmInputError
from crm.money import currency_code, period_code, to_rub_hour
from db.records.bench import BenchDraft
from db.records.feed import FORMATS, GRADES, ROLE_FAMILIES
from textparse.rates import parse_rate as parse_post_rate

ENGLISH_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2", "native")
NAME_MAX = 255
ITEM_MAX = 64
_AMOUNT = re.compile(r"^\d+(?:[.,]\d+)?$")
_SPLIT = re.compile(r"\s*[,;|/]\s*")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)
_DATE_FORMATS = (r"^(\d{4})-(\d{2})-(\d{2})$", r"^(\d{2})\.(\d{2})\.(\d{4})$")


def split_list(raw: str) -> tuple[str, ...]:
    """'Python, Django; SQL' → ('Python', 'Django', 'SQL'), empty items dropped, order kept."""
    items = [i.strip() for i in _SPLIT.split(raw.strip()) if i.strip()]
    return tuple(dict.fromkeys(items))


def parse_choice(raw: str, vocabulary: tuple[str, ...], code: str) -> str:
    value = raw.strip().lower()
    for known in vocabulary:
        if known.lower() == value:
            return known
    raise CrmInputError(code, raw)


def parse_choices(raw: str, vocabulary: tuple[str, ...], code: str) -> tuple[str, ...]:
    return tuple(parse_choice(item, vocabulary, code) for item in split_list(raw))


def parse_amount(raw: str) -> Decimal:
    text = raw.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise CrmInputError("bad_rate", raw) from exc
    if not value.is_finite() or value <= 0 or value >= Decimal("1e12"):
        raise CrmInputError("bad_rate", raw)
    return value


def parse_date(raw: str) -> date:
    """ISO 2025-03-01 or Russian 01.03.2025."""
    text = raw.strip()
    for position, pattern in enumerate(_DATE_FORMATS):
        found = re.match(pattern, text)
        if found:
            a, b, c = (int(g) for g in found.groups())
            try:
                return date(a, b, c) if position == 0 else date(c, b, a)
            except ValueError as exc:
                raise CrmInputError("bad_date", raw) from exc
    raise CrmInputError("bad_date", raw)


def parse_url(raw: str) -> str:
    text = raw.strip()
    if not _URL.match(text) or len(text) > 512:
        raise CrmInputError("bad_url", raw)
    return text


def validated(draft: BenchDraft) -> BenchDraft:
    """The draft with values checked and rate_rub_hour computed; CrmInputError otherwise."""
    name = " ".join(draft.name.split())
    if not name or len(name) > NAME_MAX:
        raise CrmInputError("bad_name", draft.name)
    if draft.grade is not None and draft.grade not in GRADES:
        raise CrmInputError("bad_grade", draft.grade)
    if any(r not in ROLE_FAMILIES for r in draft.roles):
        raise CrmInputError("bad_role", ",".join(draft.roles))
    if any(f not in FORMATS for f in draft.formats):
        raise CrmInputError("bad_format", ",".join(draft.formats))
    if draft.english_level is not None and draft.english_level not in ENGLISH_LEVELS:
        raise CrmInputError("bad_english", draft.english_level)
    if any(len(s) > ITEM_MAX for s in draft.stack):
        raise CrmInputError("bad_stack", ",".join(draft.stack))
    rates = [r for r in (draft.rate_min, draft.rate_max) if r is not None]
    if rates and (draft.rate_currency is None or currency_code(draft.rate_currency) is None):
        raise CrmInputError("bad_currency", draft.rate_currency or "")
    if rates and (draft.rate_period is None or period_code(draft.rate_period) is None):
        raise CrmInputError("bad_period", draft.rate_period or "")
    if len(rates) == 2 and rates[0] > rates[1]:
        raise CrmInputError("bad_rate", f"{rates[0]} > {rates[1]}")
    currency = currency_code(draft.rate_currency) if draft.rate_currency else None
    period = period_code(draft.rate_period) if draft.rate_period else None
    # The asking floor is what a request's budget must cover, so matching compares that.
    rub = to_rub_hour(rates[0], currency, period) if rates else None
    return replace(
        draft, name=name, rate_currency=currency, rate_period=period, rate_rub_hour=rub,
        location=(draft.location or "").strip()[:128] or None,
    )


def parse_rate(raw: str) -> tuple[Decimal, str, str]:
    """What a person types: '2800 ₽/ч', 'от 250к в месяц', '$40/h', '3000 RUB hour'.

    The short 'amount currency period' form is read first; anything else goes through the
    classifier's post parser (textparse), so a rate reads the same in a post and in a form.
    """
    parts = raw.replace("/", " ").split()
    if len(parts) == 3 and _AMOUNT.match(parts[0]) and currency_code(parts[1]) \
            and period_code(parts[2]):
        return parse_amount(parts[0]), str(currency_code(parts[1])), str(period_code(parts[2]))
    parsed = parse_post_rate(raw)
    if parsed is None or (parsed.min or parsed.max) is None:
        raise CrmInputError("bad_rate", raw)
    currency = currency_code(parsed.currency or "")
    if currency is None:
        raise CrmInputError("bad_currency", raw)
    period = period_code(parsed.period or "")
    if period is None:
        raise CrmInputError("bad_period", raw)
    return parse_amount(str(parsed.min or parsed.max)), currency, period
