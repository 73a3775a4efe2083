"""CSV import of the bench: a header row, one developer a line; bad lines are reported by
number and field, good lines are kept (all of them in one transaction)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from crm.bench import stage_new
from crm.bench_fields import (
    ENGLISH_LEVELS,
    parse_amount,
    parse_choice,
    parse_choices,
    parse_date,
    parse_rate,
    parse_url,
    split_list,
    validated,
)
from crm.errors import CrmInputError
from db.records.bench import BenchDraft, BenchRecord
from db.records.feed import FORMATS, GRADES, ROLE_FAMILIES
from db.records.users import UserRecord
from db.uow import UnitOfWork

MAX_ROWS = 2000
_BARE = re.compile(r"^[\d\s.,]+$")
REQUIRED = ("name",)
# column → (draft field, parser); an empty cell leaves the field unset.
COLUMNS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "name": ("name", str.strip),
    "roles": ("roles", lambda v: parse_choices(v, ROLE_FAMILIES, "bad_role")),
    "stack": ("stack", split_list),
    "grade": ("grade", lambda v: parse_choice(v, GRADES, "bad_grade")),
    "rate_min": ("rate_min", parse_amount),
    "rate_max": ("rate_max", parse_amount),
    "rate": ("rate_min", parse_amount),  # a bare number; "2800 ₽/ч" fills currency and period
    "currency": ("rate_currency", str.strip),
    "period": ("rate_period", str.strip),
    "available_from": ("available_from", parse_date),
    "english": ("english_level", lambda v: parse_choice(v, ENGLISH_LEVELS, "bad_english")),
    "location": ("location", str.strip),
    "formats": ("formats", lambda v: parse_choices(v, FORMATS, "bad_format")),
    "cv_url": ("cv_url", parse_url),
}


@dataclass(frozen=True)
class CsvLineError:
    line: int  # as a spreadsheet shows it: the header is line 1
    column: str
    code: str
    value: str


@dataclass(frozen=True)
class CsvImportResult:
    added: tuple[BenchRecord, ...]
    errors: tuple[CsvLineError, ...]


def parse(text: str) -> tuple[list[tuple[int, BenchDraft]], list[CsvLineError]]:
    """Drafts with their line numbers, and the errors; raises CrmInputError on a bad header."""
    sample = text.lstrip("\ufeff")
    dialect = csv.Sniffer().sniff(sample[:2048], delimiters=",;\t") if sample.strip() else None
    reader = csv.DictReader(io.StringIO(sample), dialect=dialect or csv.excel)
    header = [(h or "").strip().lower() for h in reader.fieldnames or ()]
    if not set(REQUIRED) <= set(header):
        raise CrmInputError("csv_no_header", ",".join(header))
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise CrmInputError("csv_unknown_column", ",".join(unknown))
    reader.fieldnames = header
    drafts: list[tuple[int, BenchDraft]] = []
    errors: list[CsvLineError] = []
    for index, row in enumerate(reader):
        line = index + 2
        if index >= MAX_ROWS:
            errors.append(CsvLineError(line, "", "csv_too_many_rows", str(MAX_ROWS)))
            break
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        draft, error = _line(line, row)
        if error is not None:
            errors.append(error)
        elif draft is not None:
            drafts.append((line, draft))
    return drafts, errors


def _line(line: int, row: dict[str, Any]) -> tuple[BenchDraft | None, CsvLineError | None]:
    values: dict[str, Any] = {}
    for column, raw in row.items():
        if column not in COLUMNS or not isinstance(raw, str) or not raw.strip():
            continue
        field, parser = COLUMNS[column]
        try:
            if column == "rate" and not _BARE.match(raw.strip()):
                amount, currency, period = parse_rate(raw)
                values.update(rate_min=amount, rate_currency=currency, rate_period=period)
                continue
            values[field] = parser(raw)
        except CrmInputError as exc:
            return None, CsvLineError(line, column, exc.code, raw)
    try:
        return validated(BenchDraft(**{"name": "", **values})), None
    except CrmInputError as exc:
        # Cross-field rules (a rate without a currency…) name the column after the rule.
        return None, CsvLineError(line, exc.code.removeprefix("bad_"), exc.code, exc.detail)


async def import_csv(uow: UnitOfWork, user: UserRecord, text: str) -> CsvImportResult:
    """Adds every valid line as a developer of the user's team; reports the others."""
    drafts, errors = parse(text)
    async with uow:
        added = await stage_new(uow, user, [d for _, d in drafts]) if drafts else []
        await uow.commit()
    return CsvImportResult(tuple(added), tuple(errors))
