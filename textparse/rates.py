"""Pay in post text → Rate, following ANNOTATION.md ruling 4 and the `rate` row of its table."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textparse.records import Rate

_NUM = (
    r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d{1,3}(?:[.,]\d{3})+(?!\d)"
    r"|\d+(?:[.,]\d{1,2})?"
)
_MULT = r"(?:к|k|тыс\.?|тысяч[аи]?|т\.\s?р\.?|тр\.?|т\.?|млн\.?|mln|m)(?![а-яёa-z])"
_CUR = (
    r"₽|руб(?:лей|ля|ль)?\.?|р\.|р(?![а-яёa-z])|rub|rur|\$|usd|долл(?:аров|ара|ар)?\.?|дол\.?|€|eur|"
    r"евро|br(?![a-zа-я])|₸|тенге|kzt|byn|бел\.?\s?руб\.?|uah|грн\.?|гривен|kgs|сом(?:ов)?|uzs|сум(?![а-яё])|"
    r"so['ʻ’`]?m|rsd|динар(?:ов)?|gel|лари|amd|драм(?:ов)?|inr|try|cny|юаней|юань"
)
# One amount: optional currency sign before, number, optional multiplier, optional currency.
_AMOUNT = (
    rf"(?P<@c1>\$|€|₽|usd|eur|rub)?\s?(?P<@n>{_NUM})\s?(?P<@m>{_MULT})?"
    rf"\s?(?P<@c2>{_CUR})?"
)
_A = _AMOUNT.replace("@", "a")
_B = _AMOUNT.replace("@", "b")
_DASH = r"\s*(?:-|–|—|−|до|to|and|или|\.\.\.?|…)\s*"
_RANGE = re.compile(
    rf"(?<![\w.,/])(?P<from>от|from|с)?\s*{_A}(?:{_DASH}{_B})?(?P<plus>\+)?(?![\w%/:.,]*\d)(?!(?!net|gross|нетто|брутто)[^\W\d_])",
    re.I,
)
_DIGIT = re.compile(r"\d")
_UPTO = re.compile(rf"(?<![\w])(?:до|up to|max)\s*{_A}", re.I)

_SALARY = re.compile(
    r"(?<![а-яёa-z])(?:зп|з/п|з\.п|зарплат|заработн|оклад|доход|вилк|ставк|оплат|вознагражд|"
    r"компенсац|salary|compensation|pay\b|rate\b|ожидани|gross|net\b|на руки|гросс|бюджет|"
    r"зарабат|фикс)",
    re.I,
)
# Strong words: a bare "80 - 120" after them means thousands of roubles.
_STRONG = re.compile(r"(?<![а-яёa-z])(?:зп|з/п|з\.п|зарплат|заработн|оклад|вилк|доход|salary)",
                     re.I)
# Lines about money that is not pay: revenue, investment, fines, prizes, course prices, bonuses.
_NOT_PAY = re.compile(
    r"выручк|оборот|инвестиц|капитализ|штраф|призов|скидк|подписчик|просмотр|стоимость|"
    r"кредит|ипотек|raised|funding|revenue|бюджет(?:ом|ами|а)\b|млрд|реферал|больничн|"
    r"доплат|\bбонус\s(?:за|до)|bonus|рекламн|месячный бюджет|чек\b|кв\.?\s?м\b|привлек|"
    r"выпустил|welcome|приведи|приводи|по договор|не указан",
    re.I,
)
# A bare number may be followed only by these words (anything else: "8000 игр", "50 сотрудников").
_TAIL_OK = re.compile(
    r"\s*(?:$|[^\w]|на\s|net|gross|гросс|нетто|брутто|чистыми|в\s?мес|в\s?месяц|"
    r"в\s?час|в\s?день|в\s?неделю|в\s?год|за\s|до\s?вычет|после|фикс|per|a\s|an\s|/|"
    r"\+|плюс|и\s?выше|и\s?более|\d)",
    re.I,
)
_PROBATION = re.compile(r"испытательн|после|далее|потом|затем|→|->|probation|trial|стажировк",
                        re.I)
_PERIODS: tuple[tuple[str, str | None], ...] = (
    (r"/\s?ч(?:ас)?\b|в\s?час|за\s?час|/\s?h(?:our|r)?\b|per\s?hour|an?\s?hour|hourly|руб/ч|"
     r"час(?:ов(?:ая)?|ая)?\s?(?:ставка|оплата)|\bч\b", "hour"),
    (r"смен|ежедневн|/\s?день|в\s?день|за\s?день|per\s?day|a\s?day|daily|/\s?d\b", "day"),
    (r"недел|/\s?week|per\s?week|a\s?week|weekly", "week"),
    (r"/\s?мес|в\s?мес|мес\b|месяц|месячн|/\s?month|per\s?month|a\s?month|monthly|/\s?mo\b",
     "month"),
    (r"/\s?год|в\s?год|/\s?year|per\s?year|a\s?year|annual|yearly|per\s?annum|/\s?yr", "year"),
    (r"за\s?проект|за\s?задач|за\s?заказ|per\s?project|project\s?fee|за\s?весь|за\s?работу",
     "project"),
    (r"(?<![а-яё])за\s?(?:кажд|1\s?|одн[ауо]\w*\s?|оформлен\w*\s?|проведени\w*\s?)?(?:стать|сценари|вебинар|занят|урок|развор|слов|\d[\d\s]*(?:зн|слов|символ)|текст|пост|публикац|шт|единиц|ролик|видео|кандидат|закрыт|рилс|сторис|"
     r"1000\s?знак|знак|символ|лид|заявк|звон|отзыв|сделк|слайд)|per\s?(?:piece|article|post)",
     None),
)
_PERIOD_RES = [(re.compile(p, re.I), name) for p, name in _PERIODS]
_CURRENCY_MAP: tuple[tuple[str, str], ...] = (
    ("бел", "BYN"), ("byn", "BYN"), ("₽", "RUB"), ("руб", "RUB"), ("rub", "RUB"), ("rur", "RUB"),
    ("р", "RUB"), ("$", "USD"), ("usd", "USD"), ("дол", "USD"), ("€", "EUR"), ("eur", "EUR"),
    ("евро", "EUR"), ("br", "BYN"), ("₸", "KZT"), ("тенге", "KZT"), ("kzt", "KZT"), ("uah", "UAH"),
    ("грн", "UAH"), ("гривен", "UAH"), ("kgs", "KGS"), ("сом", "KGS"), ("uzs", "UZS"),
    ("сум", "UZS"), ("so", "UZS"), ("rsd", "RSD"), ("динар", "RSD"), ("gel", "GEL"),
    ("лари", "GEL"), ("amd", "AMD"), ("драм", "AMD"), ("inr", "INR"), ("try", "TRY"),
    ("cny", "CNY"), ("юан", "CNY"),
)
_HASHTAG = re.compile(r"#[\w]+")
# No pay is a billion a period in any currency; above it is a typo, a phone number or poison.
MAX_AMOUNT = 1_000_000_000
_YEAR = re.compile(r"(?:19|20)\d\d")


def _currency(token: str | None) -> str | None:
    if not token:
        return None
    low = token.lower().strip()
    for prefix, code in _CURRENCY_MAP:
        if low.startswith(prefix):
            return code
    return None


def _number(raw: str, mult: str | None) -> float:
    digits = re.sub(r"[ \u00a0\u202f]", "", raw)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        value = float(re.sub(r"[.,]", "", digits))
    else:
        value = float(digits.replace(",", "."))
    m = (mult or "").lower()
    if m.startswith(("млн", "mln", "m")):
        value *= 1_000_000
    elif m and value < 1000:
        # "200 000т", "100 000 тыс.р.": the multiplier repeats what the digits already say.
        value *= 1_000
    return value


@dataclass(frozen=True)
class _Mention:
    lo: float | None
    hi: float | None
    currency: str | None
    period: str | None
    explicit_period: bool
    salary_line: bool
    line: int
    scaled: bool = False


def _line_period(text: str) -> str | bool | None:
    for pattern, name in _PERIOD_RES:
        if pattern.search(text):
            return name
    return False


def _salary_context(lines: list[str], number: int) -> bool:
    if _SALARY.search(lines[number]):
        return True
    # "Зарплата:\n150к": a heading line that ends where the amount begins.
    prev = lines[number - 1].strip() if number else ""
    return bool(prev) and bool(_STRONG.search(prev)) and prev.endswith(":")


def _mentions(text: str) -> list[_Mention]:
    out: list[_Mention] = []
    lines = _HASHTAG.sub(" ", text).split("\n")
    for number, line in enumerate(lines):
        # Every amount has a digit: most lines have none, and the line regexes are the cost.
        if not _DIGIT.search(line) or _NOT_PAY.search(line):
            continue
        salary = _salary_context(lines, number)
        found = [
            x for m in _RANGE.finditer(line)
            if (x := _from_match(m, line, salary, number)) is not None
        ]
        # One statement per line ("доход от 150 000: фикс 80 000") unless it says pay changes.
        out += found if _PROBATION.search(line) else found[:1]
    return out


def _from_match(m: re.Match[str], line: str, salary: bool, number: int) -> _Mention | None:
    currency = _currency(m.group("ac1") or m.group("ac2")) or (
        _currency(m.group("bc1") or m.group("bc2")) if m.group("bn") else None)
    a_mult, b_mult = m.group("am"), m.group("bm")
    has_b = m.group("bn") is not None
    bare = not (currency or a_mult or b_mult)
    if not currency and not _TAIL_OK.match(line, m.end()):
        return None
    if bare and not salary:
        return None
    if bare and _YEAR.fullmatch(m.group("an").strip()):
        return None
    lo = _number(m.group("an"), a_mult or (b_mult if has_b else None))
    hi = _number(m.group("bn"), b_mult) if has_b else None
    if hi is not None and lo < 1000 and hi >= 10_000 and not a_mult:
        lo *= 1000  # "от 50 до 110 000 рублей"
    if (hi is not None and lo > hi) or (hi if hi is not None else lo) < 10:
        return None
    top = hi if hi is not None else lo
    if top > MAX_AMOUNT:  # also catches the inf a 400-digit number parses to
        return None
    scaled = False
    if bare and top < 1000:
        # "вилка: от 80 до 120", "230-390 гросс": bare small numbers by a salary are thousands.
        if not _STRONG.search(line) or top < 20:
            return None
        lo, hi = lo * 1000, (hi * 1000 if hi is not None else None)
        scaled = True
    elif (bare and top < 1000) or (not currency and top < 100):
        return None
    period = _line_period(line[m.end(): m.end() + 30])
    if period is False:
        period = _line_period(line[: m.start()])
    explicit = period is not False
    chosen = period if isinstance(period, str) or period is None else None
    # "150К+" is a floor; "150 000 + %" is a fixed part plus a bonus.
    plus = bool(m.group("plus")) and not m.group(0).endswith((" +", "\u00a0+"))
    is_from = bool(m.group("from")) or plus or bool(
        re.search(r"(?:от|from|свыше|более)\s*$", line[max(0, m.start() - 12): m.start()], re.I))
    is_upto = bool(re.search(r"(?:до|up to|max|не более)\s*$", line[max(0, m.start() - 12):
                                                                      m.start()], re.I))
    if has_b:
        return _Mention(lo, hi, currency, chosen, explicit, salary, number, scaled)
    if is_upto:
        return _Mention(None, lo, currency, chosen, explicit, salary, number, scaled)
    if is_from:
        return _Mention(lo, None, currency, chosen, explicit, salary, number, scaled)
    return _Mention(lo, lo, currency, chosen, explicit, salary, number, scaled)


def _pick(mentions: list[_Mention]) -> list[_Mention]:
    strong = [x for x in mentions if x.salary_line or x.currency]
    if not strong:
        # "Senior 180К-250К / Middle 90К-120К": one employer's openings → the span (ruling 4).
        return [x for x in mentions if x.line != mentions[0].line or x is mentions[0]]
    first = strong[0]
    same = [
        x for x in strong
        if (x.currency == first.currency or None in (x.currency, first.currency))
        and x.period == first.period
        and (x.line == first.line or x.salary_line)
    ]
    return same or [first]


def parse_rate(text: str | None) -> Rate | None:
    """The pay a post names, or None ("по договоренности", no money named)."""
    if not text:
        return None
    mentions = _pick(_mentions(text[:20_000]))
    if not mentions:
        return None
    values = [v for x in mentions for v in (x.lo, x.hi) if v is not None]
    first = mentions[0]
    lo_vals = [x.lo for x in mentions if x.lo is not None]
    hi_vals = [x.hi for x in mentions if x.hi is not None]
    lo = min(lo_vals) if lo_vals else None
    hi = max(hi_vals) if hi_vals else None
    if len(mentions) > 1 and lo is not None and hi is None:
        hi = max(values)
        if hi == lo:
            hi = None
    currency = first.currency or next((x.currency for x in mentions if x.currency), None) or "RUB"
    period = first.period
    if not first.explicit_period:
        # "$90k–$120k" with no period is a yearly figure (ruling 4); otherwise a salary → month.
        period = "year" if currency in ("USD", "EUR") and max(values) >= 20_000 else "month"
    return Rate(
        min=round(lo) if lo is not None else None,
        max=round(hi) if hi is not None else None,
        currency=currency,
        period=period,
    )
