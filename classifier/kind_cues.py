"""Where the text itself says what kind of post it is, the rule outranks the model.

A candidate's own post tagged #резюме or #whois, or saying "ищу работу", is an offer
(ANNOTATION.md: "a specialist or a vendor offers availability (CV, 'ищу работу' …)").
The models see too few offers (20 of the 1,500 labelled posts) to learn that reliably:
cross-validated, the TF-IDF baseline called 7 of the 20 requests. #cv is not a cue: requests
use it for computer vision and for "send your CV".

A vendor's bench ("Бенч: свободны с 1 декабря 2 Senior Java…", "у нас на бенче освободился…",
"Available: Middle+ Data Analyst from December 1st") is an offer too. The labelled posts hold
no bench at all (the cue fires on none of the 2,500 in train.jsonl), so the models have never
seen one and call it a request for the stack it names.
"""

from __future__ import annotations

import re

_OFFER_TAG = re.compile(
    r"(?<![\w#])#(?:резюме|whois|ищуработу|ищу_работу|resume|помогу|портфолио)(?!\w)", re.I)
_REQUEST_TAG = re.compile(r"(?<![\w#])#(?:вакансия|вакансии|vacancy|job|hiring)(?!\w)", re.I)
# First person only: agencies write of "соискателям … в поиске работы".
_SEEKING = re.compile(
    r"\b(?:(?:я|нахожусь|сейчас)\s+в поиске работы|ищу (?:удал[её]нную )?работу|open to work)\b",
    re.I)


_GRADE_WORD = r"\b(?:junior|middle\+?|senior|lead|team\s?lead)\b"
# The vendor's own words for its free people; "с бенча" (a client asking for bench people) and
# "свободная должность" (a vacancy) are deliberately not here.
_BENCH = re.compile(
    r"(?<![\w#])#(?:бенч|bench)(?!\w)"
    r"|\bна (?:нашем )?бенче\b|\b(?:наш|свободный) бенч\b|\bбенч\s*(?:на \w+\s*)?[:—–-]"
    r"|\bour bench\b|\bbench\s*[:—–-]|\bon (?:our|the) bench\b"
    r"|\b(?:свободн(?:ы|ые|ый|а)|освободил(?:ся|ась|ись))\b[^.\n]{0,40}?\b(?:с|от)\s+\d"
    r"|^\s*available\s*(?::|from\b|now\b)"
    # Written vendor posts (bench/data/vendor_bench_written.jsonl, the odd keys) say it so:
    # "Свободен Senior Golang", "освободился Lead Java", "Доступны с завтрашнего дня:",
    # "Предлагаем в аутстафф Senior…", "Available developers:", "Outstaffing offer:".
    rf"|\b(?:свобод(?:ны|ные|ный|ная|на|ен)|освобо(?:дил(?:ся|ась|ись)|ждается|ждаются)|"
    rf"доступ(?:ен|на|ны))\b[^.\n;]{{0,40}}?(?::\s*\n[^\w\n]*)?"
    rf"(?:{_GRADE_WORD}|специалист|ресурс)|\bосвобо(?:ждается|дилась)\s+команда\b"
    r"|\bпредлага(?:ем|ет)\s+(?:в\s+)?аутстафф|\bаутстафф-компания предлагает"
    r"|\boutstaff(?:ing)?\s+offer\b|\bavailable (?:developers|specialists|for outstaff)\b"
    r"|\bfree specialists\b",
    re.I | re.M)


def says_bench(text: str) -> bool:
    """A vendor lists its free developers."""
    return bool(_BENCH.search(text))


def says_offer(text: str) -> bool:
    """The post presents its author, a candidate or a vendor's bench for hire and is not
    tagged as a vacancy."""
    if _REQUEST_TAG.search(text):
        return False
    return bool(_OFFER_TAG.search(text) or _SEEKING.search(text) or says_bench(text))
