"""Values bounded where they are stored: what PostgreSQL would refuse becomes None or shorter.

The parsers bound what they read; this is the second fence, so one odd value costs only itself
instead of the transaction that holds a whole batch (Numeric overflow, NUL bytes, lone
surrogates, integers beyond int64, NaN in JSONB).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

INT64_MAX = 2**63 - 1
INT32_MAX = 2**31 - 1
# NUL and lone surrogates: PostgreSQL text and UTF-8 cannot hold them.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_MAX_JSON_DEPTH = 8


def text(value: str, limit: int | None = None) -> str:
    """`value` without characters PostgreSQL refuses, cut to `limit` characters."""
    clean = _UNSTORABLE.sub("", value)
    return clean[:limit] if limit is not None else clean


def optional_text(value: Any, limit: int) -> str | None:
    return text(value, limit) or None if isinstance(value, str) else None


def money(value: Any, precision: int, scale: int = 2) -> Decimal | None:
    """A Numeric(precision, scale) value, or None when it is not a finite number that fits."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) >= Decimal(10) ** (precision - scale):
        return None
    return round(number, scale)


def integer(value: Any, low: int = -INT64_MAX, high: int = INT64_MAX) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return int(value) if low <= value <= high else None


def real(value: Any, low: float, high: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) and low <= number <= high else None


def json_value(value: Any, depth: int = 0) -> Any:
    """A copy JSONB accepts: clean strings, finite floats, int64 ints, bounded nesting."""
    if depth > _MAX_JSON_DEPTH:
        return None
    if isinstance(value, str):
        return text(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return integer(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {text(str(k)): json_value(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v, depth + 1) for v in value]
    return text(str(value))
