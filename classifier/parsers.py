"""Parsing where parsing beats prediction: pay, duration, headcount, place, format, employment,
grades. Every rule follows a ruling of ../shared/data/ANNOTATION.md; pay lives in rates.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from classifier.currency import CurrencyTable, normalise_rate
from textparse.rates import parse_rate

__all__ = [
    "CurrencyTable", "normalise_rate", "parse_duration_months", "parse_employment",
    "parse_format", "parse_grades", "parse_headcount", "parse_location", "parse_rate",
]

GAZETTEER_PATH = Path(__file__).with_name("gazetteer.json")
MAX_CHARS = 20_000  # rules see the head of a post; a 100,000-character paste must not cost more

_W = r"(?<![0-9A-Za-zА-Яа-яЁё_])"  # a word starts here (\b is wrong next to "#" and Cyrillic)

# The format, employment and grade patterns below are lowercase and match `_lowered` text:
# case-insensitive matching of long alternations costs several times more.
_FORMATS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("remote", re.compile(
        _W + r"(?:удал[её]н\w*|удаленк\w*|remote\w*|дистанц\w*|из дома|home office|"
        r"work from home|wfh|из любой точки)")),
    ("office", re.compile(
        _W + r"(?:офис(?:е|а|ом|ная|ный|ное|ную)?\b|office|on-?site|в офисе)")),
    ("hybrid", re.compile(_W + r"(?:гибрид\w*|hybrid)")),
)
_EMPLOYMENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("full-time", re.compile(
        _W + r"(?:полн(?:ая|ую|ой) занятост\w*|полный (?:рабочий )?день|full[- ]?time|"
        r"фул+[- ]?тайм|фултайм|5/2|пятидневк\w*|9[-–:]18|10[-–:]19|9[-–:]00\s*[-–]\s*18)")),
    ("part-time", re.compile(
        _W + r"(?:частичн\w*|неполн\w*|подработ\w*|part[- ]?time|парт[- ]?тайм|"
        r"\d[-–]\d\s*час(?:а|ов)? в день|совмещени\w*)")),
    ("project", re.compile(
        _W + r"(?:проектн\w*|попроектн\w*|фриланс\w*|freelance\w*|разов\w*|сдельн\w*|"
        r"contract\b|контракт\w*|по договору гпх)")),
    ("internship", re.compile(_W + r"(?:стажировк\w*|internship|стажер\w*|стажёр\w*)")),
)
_GRADES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("intern", re.compile(
        _W + r"(?:стаж[её]р\w*|intern\b|interns?hip|trainee)")),
    ("junior", re.compile(
        _W + r"(?:junior|джун(?!ов|ом|ами|ам)\w*|младш(?:ий|его|ему|им|ая|ую|их|ие)\b|"
        r"начинающ\w*|fresher|jun\b)")),
    # "Intermediate" after a language ("English: Upper-Intermediate") is a language level.
    ("middle", re.compile(
        _W + r"(?:middle|мидд?л\w*|medior|mid\b|(?<!upper[- ])(?<!upper )intermediate"
        r"(?![\s-]+(?:english|англ|представлен|representation|experience)))")),
    # "ведущая компания", "старше 18 лет", "сеньорами": only the forms that qualify the person
    # sought count; "ведущий" only before a person ("ведущий российский разработчик" is none).
    ("senior", re.compile(
        _W + r"(?:senior|сеньор(?!ами|ам|ов)\w*|синьор(?!ами|ам|ов)\w*|"
        r"старш(?:ий|его|ему|им|ая|ую)\b|sr\.?\b|"
        r"ведущ(?:ий|его|ему|им)\s+(?![а-яё]+(?:ий|ой|ым|ого|ом)\b)"
        r"(?!поставщик|сервис|игрок|вебинар|мероприят|производител|компани|эксперт\w* рынк))")),
    # "Lead the integration", "лид-магниты", "Архитектор-дизайнер": a verb or a compound.
    ("lead", re.compile(
        _W + r"(?:lead\b(?!\s*-?gen|\s+(?:the|a|an|our|your|and|all|cross|by)\b)|тимлид\w*|"
        r"team ?lead\w*|техлид\w*|tech ?lead|head of|#head\b|лид(?:а|ом|у)?\b(?!-)|"
        r"руководител\w*\s+(?:\w+\s+)?(?:отдела|направлени\w*|разработки|группы|команды|"
        r"департамента)|(?<![-\w])директор\b|арт-директор(?:а)?\b|cto\b|cmo\b|cpo\b|"
        r"cio\b|chief|architect\b(?!-)|архитектор\b(?!-|\s*\(revit)|principal|"
        r"staff (?:\w+ ){0,2}(?:engineer|developer)|главн(?:ый|ого|ая|ую)\s+"
        r"(?:редактор|специалист|аналитик|инженер|бухгалтер|архитектор|дизайнер|технолог|"
        r"разработчик|эксперт|конструктор)\w*|шеф-редактор\w*)")),
)
# A grade the person may grow into, or one of future colleagues, is not the grade sought.
_NOT_SOUGHT = re.compile(
    _W + r"(?:(?:рост(?:а|у|ом|е)?|расти|вырасти|стать|growth|grow)\b|"
    r"повышени\w*|перспектив\w*|promot\w*|"
    r"под руководством|ментор\w*|наставни\w*|mentor\w*|вместе с|совместно с|"
    r"команд\w* состоит|специалистами уровня|уровень коллег|коллег\w*|стейкхолдер\w*|"
    r"англ\w*|english|язык\w*)"
    r"[^\n.;]{0,40}$")
# A channel's footer of hashtags navigates the whole board, not this post.
_FOOTER = re.compile(r"навигация по вакансиям|больше вакансий для")
_NUMBERS = {
    "двух": 2, "два": 2, "двое": 2, "трех": 3, "трёх": 3, "три": 3, "трое": 3, "четырех": 4,
    "четырёх": 4, "четыре": 4, "пять": 5, "пяти": 5, "two": 2, "three": 3, "four": 4, "five": 5,
}
_HEAD = re.compile(
    _W + r"(?:ищем|нужн[ыо]|требуются|набираем|ищу|в поиске|hiring|looking for)\s+(?:\w+\s+){0,2}?"
    r"(?P<n>\d{1,2}|двух|двое|два|тр[её]х|трое|три|четыр[её]х|четыре|пять|пяти|two|three|four|five)"
    r"(?:-?х|-?ти)?\s+(?:\w+\s+){0,2}?(?:разработчик|специалист|человек|программист|тестировщик|"
    r"дизайнер|аналитик|инженер|developer|engineer|designer|сотрудник|менеджер|копирайтер|"
    r"автор|художник|devops|qa|frontend|backend)",
    re.I,
)
_DURATION = re.compile(
    r"(?:проект\w*\s+на|контракт\w*\s+на|срок\w*\s+(?:проекта|контракта|работ\w*)|"
    r"длительност\w*|продолжительност\w*|стажировк\w*|duration|contract|на\s+срок)"
    r"[^.\n\d]{0,25}?(?:(?P<a>\d{1,2})\s*[-–]\s*)?(?P<b>\d{1,2}|полгода|год)\+?\s*"
    r"(?P<u>мес\w*|month\w*|год\w*|лет|year\w*|недел\w*|week\w*)?",
    re.I,
)


def _lowered(text: str) -> str:
    """`text` in lowercase letter for letter (positions kept), for the lowercase patterns."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)  # "İ" → "i̇"


def _head(text: str | None) -> str:
    return (text or "")[:MAX_CHARS]


def _labels(text: str | None, table: tuple[tuple[str, re.Pattern[str]], ...]) -> tuple[str, ...]:
    head = _lowered(_head(text))
    return tuple(name for name, pattern in table if pattern.search(head))


def parse_format(text: str | None) -> tuple[str, ...]:
    """remote / office / hybrid as stated, in ANNOTATION.md order."""
    return _labels(text, _FORMATS)


def parse_employment(text: str | None) -> tuple[str, ...]:
    """full-time / part-time / project / internship as stated (ruling 5)."""
    return _labels(text, _EMPLOYMENTS)


def parse_grades(text: str | None) -> tuple[str, ...]:
    """Grades only where a grade word qualifies the person sought (ruling 3); years of
    experience, career prospects and future colleagues set none."""
    head = _lowered(_head(text))
    footer = _FOOTER.search(head)
    if footer is not None:
        head = head[: footer.start()]
    found = []
    for name, pattern in _GRADES:
        for m in pattern.finditer(head):
            line_start = head.rfind("\n", 0, m.start()) + 1
            if not _NOT_SOUGHT.search(head[max(line_start, m.start() - 60): m.start()]):
                found.append(name)
                break
    return tuple(found)


def parse_headcount(text: str | None) -> int | None:
    """Number of specialists sought when written ("ищем 2 разработчиков" → 2)."""
    m = _HEAD.search(_head(text))
    if not m:
        return None
    raw = m.group("n").lower()
    value = int(raw) if raw.isdigit() else _NUMBERS.get(raw)
    return value if value and 1 < value < 100 else None


def parse_duration_months(text: str | None) -> float | None:
    """Project/contract length in months ("проект на 6 мес" → 6, "3-6 месяцев" → 6)."""
    for m in _DURATION.finditer(_head(text)):
        unit = (m.group("u") or "").lower()
        word = m.group("b").lower()
        if word == "полгода":
            return 6.0
        if word == "год" and not unit:
            return 12.0
        if not unit or not word.isdigit():
            continue
        value = float(word)
        if unit.startswith(("год", "лет", "year")):
            value *= 12
        elif unit.startswith(("недел", "week")):
            value = round(value / 4.345, 1)
        if 0 < value <= 60:
            return value
    return None


@lru_cache(maxsize=1)
def _places() -> tuple[tuple[tuple[str, re.Pattern[str]], ...], frozenset[str]]:
    raw = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    # A Latin stem must end the word ("MoscowPython" is no place).
    patterns = tuple(
        (name, re.compile(_W + "(?:" + "|".join(stems) + ")(?![A-Za-z])", re.I))
        for name, stems in raw["places"].items()
    )
    return patterns, frozenset(raw.get("countries", ()))


@lru_cache(maxsize=1)
def _any_place() -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """Zero-width: every position where at least one place pattern matches (one scan, not 85).
    The first is matched against lowercased text (case-insensitive matching of this
    alternation costs several times more), the second, the case-sensitive stems, as written."""
    raw = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    stems = [stem for group in raw["places"].values() for stem in group]
    exact = [stem for stem in stems if "(?-i:" in stem]
    folded = [stem for stem in stems if stem not in exact]

    def scan(group: list[str]) -> re.Pattern[str]:
        return re.compile(_W + "(?=(?:" + "|".join(group) + ")(?![A-Za-z]))")

    return scan(folded), (scan(exact) if exact else None)


def _place_starts(head: str) -> list[int]:
    folded, exact = _any_place()
    starts = {m.start() for m in folded.finditer(_lowered(head))}
    if exact is not None:
        starts.update(m.start() for m in exact.finditer(head))
    return sorted(starts)


# Time zones and phone prefixes name a city without tying the work to it.
_NOT_PLACE = re.compile(r"по\s+(?:мск|москв\w*|московск\w*)|\(мск\)|мск\s*[+-]|\+7|utc", re.I)
# A country counts only where the line is about where the work is, not about the company.
_PLACE_CUE = re.compile(
    r"локаци|location|город|офис|гражданств|страна|country|работа в|удал[её]нн?о? из|"
    r"находит|релокац|relocat|^\W*#|^\W*\w+\W*$", re.I)
_NO_RELOCATION = re.compile(r"релокац|relocat", re.I)


def _matches(pattern: re.Pattern[str], head: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(head)` where `starts` holds every position it can match at."""
    resume = 0
    for start in starts:
        if start < resume:
            continue
        m = pattern.match(head, start)
        if m is not None:
            yield m
            resume = max(m.end(), start + 1)


def _first_place(head: str) -> tuple[int, str, int] | None:
    patterns, countries = _places()
    starts = _place_starts(head)
    if not starts:
        return None
    best: tuple[int, str, int] | None = None
    for name, pattern in patterns:
        for m in _matches(pattern, head, starts):
            window = head[max(0, m.start() - 4): m.end() + 3]
            if _NOT_PLACE.search(window):
                continue
            if name in countries and name != "Россия":
                line_start = head.rfind("\n", 0, m.start()) + 1
                line_end = head.find("\n", m.end())
                line = head[line_start: line_end if line_end >= 0 else len(head)]
                if not _PLACE_CUE.search(line) or _NO_RELOCATION.search(line):
                    continue
            if best is None or m.start() < best[0]:
                best = (m.start(), name, m.end())
            break
    return best


def parse_location(text: str | None) -> str | None:
    """The first city or country named, as a Russian nominative (ruling 6), else None."""
    head = _head(text)
    first = _first_place(head)
    if first is None:
        return None
    _, countries = _places()
    _, name, end = first
    if name in countries:
        # "Россия, Москва": the city right after its country is the place meant.
        after = _first_place(head[end: end + 30])
        if after is not None and after[1] not in countries:
            return after[1]
    return name
