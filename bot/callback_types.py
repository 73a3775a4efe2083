"""Bounded numbers for callback data: a forged or stale payload fails to unpack (the filter
does not match) instead of reaching the database as an id beyond int64 or a negative page.

Every CallbackData class in bot/callbacks*.py types its numbers with these; an update whose
data no class accepts is answered politely by bot/handlers/stale_buttons.py.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

INT64_MAX = 2**63 - 1
INT32_MAX = 2**31 - 1

# A row id (0 where the class uses it as "none").
Id = Annotated[int, Field(ge=0, le=INT64_MAX)]
# A list position or a vocabulary entry; small negatives are the classes' own sentinels.
Index = Annotated[int, Field(ge=-2, le=100_000)]
Page = Annotated[int, Field(ge=0, le=100_000)]
# Days from today in the date picker (-1 opens it) and minutes after local midnight.
Day = Annotated[int, Field(ge=-1, le=366)]
Minute = Annotated[int, Field(ge=0, le=24 * 60 - 1)]
# A timestamp in µs since the epoch (the feed's paging cursor).
Micros = Annotated[int, Field(ge=0, le=INT64_MAX)]
# Epoch seconds (an offer's deadline).
EpochSeconds = Annotated[int, Field(ge=0, le=INT64_MAX)]
