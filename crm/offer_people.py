"""An offer post that lists several people ("2 Senior Java (Spring) и 1 Middle React",
a bullet per person) → one bench draft per person, for the user to confirm one by one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crm.bench_fields import split_list
from textparse.rates import parse_rate

MAX_PEOPLE = 20  # a catalogue longer than this is a file, not a post: use the CSV import
_GRADE = r"(?P<grade>junior|middle\+?|senior|lead|тимлид|team\s?lead)"
_ROLE = (r"(?:qa|тестировщик\w*|аналитик\w*|analyst\w*|разработчик\w*|developer\w*|"
         r"дизайнер\w*|designer\w*|devops|pm|1с|1c|системн\w+\s+аналитик\w*)")
# A word may hold a dot only inside ("Node.js"), so a sentence's full stop ends it.
_WORD = r"(?:[^\s,;:\n•()—–.]|\.(?=[^\s.]))+"
_WHAT = rf"(?P<what>{_WORD}(?:\s+{_WORD}){{0,2}}?)(?:\s*\((?P<stack>[^)]*)\))?"
_PERSON = re.compile(
    rf"(?<![\w.])(?:(?P<count>\d{{1,2}})\s+)?(?:{_GRADE}\s+{_WHAT}|(?P<role>{_ROLE}))"
    rf"(?=\s*(?:$|[,;:\n.—–(]|\s(?:и|and|с|from|—)\s))",
    re.I | re.M,
)


@dataclass(frozen=True)
class OfferPerson:
    """One person of an offer: a name to show, and what the post says of them."""

    name: str
    grade: str | None
    stack: tuple[str, ...]
    rate_min: int | None
    rate_currency: str | None
    rate_period: str | None


def _grade(raw: str | None) -> str | None:
    if not raw:
        return None
    low = raw.lower().rstrip("+")
    return "lead" if "lead" in low or "лид" in low else low


def people_of(text: str) -> list[OfferPerson]:
    """The people a post lists; a count ("2 Senior Java") gives that many. A rate on a
    person's own line is theirs; otherwise the post's single rate is everyone's."""
    found: list[OfferPerson] = []
    post_rate = parse_rate(text)
    for match in _PERSON.finditer(text):
        if match.group("grade") is None and match.group("count") is None:
            continue  # a bare role word ("QA") without a count is prose, not a person
        line = text[text.rfind("\n", 0, match.start()) + 1:].split("\n", 1)[0]
        own = parse_rate(line) if len(list(_PERSON.finditer(line))) == 1 else None
        rate = own or post_rate
        what = (match.group("what") or match.group("role") or "").strip()
        grade = _grade(match.group("grade"))
        head = f"{match.group('grade')} {what}" if grade else what
        stack = tuple(dict.fromkeys(
            ([what.split()[0]] if grade and what else []) + list(split_list(
                match.group("stack") or ""))))
        count = min(int(match.group("count") or 1), MAX_PEOPLE)
        for n in range(count):
            name = head if count == 1 else f"{head} ({n + 1}/{count})"
            found.append(OfferPerson(
                name=name[:255], grade=grade, stack=stack,
                rate_min=rate.min if rate else None,
                rate_currency=rate.currency if rate else None,
                rate_period=rate.period if rate else None,
            ))
    return found[:MAX_PEOPLE]
