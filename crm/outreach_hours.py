"""When a stranger may be written to: working days, outside quiet hours, in the time zone the
request most likely comes from."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

WORK_START = time(10, 0)
WORK_END = time(19, 0)
WORKDAYS = range(5)  # Monday..Friday
# Where a request's location or text says it is; the first match wins.
ZONE_HINTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("минск", "minsk", "беларус", "belarus"), "Europe/Minsk"),
    (("алмат", "almaty", "астан", "astana", "казахст", "kazakhstan"), "Asia/Almaty"),
    (("ташкент", "tashkent", "узбекист", "uzbekistan"), "Asia/Tashkent"),
    (("тбилиси", "tbilisi", "грузи", "georgia"), "Asia/Tbilisi"),
    (("ереван", "yerevan", "армени", "armenia"), "Asia/Yerevan"),
    (("белград", "belgrade", "серби", "serbia"), "Europe/Belgrade"),
    (("дубай", "dubai", "оаэ", "uae"), "Asia/Dubai"),
    (("новосибирск", "novosibirsk"), "Asia/Novosibirsk"),
    (("екатеринбург", "yekaterinburg"), "Asia/Yekaterinburg"),
    (("москв", "moscow", "россия", "russia", "рф", "спб", "петербург"), "Europe/Moscow"),
    (("london", "лондон", " uk", "britain"), "Europe/London"),
    (("berlin", "берлин", "germany", "герман"), "Europe/Berlin"),
)
DEFAULT_ZONE = {"ru": "Europe/Moscow", "en": "Europe/London"}


def likely_timezone(location: str | None, text: str, language: str) -> str:
    haystack = f" {location or ''} {text}".lower()
    for words, zone in ZONE_HINTS:
        if any(word in haystack for word in words):
            return zone
    return DEFAULT_ZONE.get(language, "Europe/Moscow")


def next_open(at: datetime, zone: str) -> datetime:
    """`at` itself if it falls in working hours there, else the next working morning."""
    local = at.astimezone(ZoneInfo(zone))
    if local.weekday() in WORKDAYS and WORK_START <= local.time() < WORK_END:
        return at
    day = local.date() if local.time() < WORK_START else local.date() + timedelta(days=1)
    while day.weekday() not in WORKDAYS:
        day += timedelta(days=1)
    return datetime.combine(day, WORK_START, ZoneInfo(zone)).astimezone(at.tzinfo)


def add_working_hours(at: datetime, hours: float, zone: str) -> datetime:
    """`hours` of the recipient's working time after `at`: nights and weekends do not count."""
    current = next_open(at, zone)
    left = timedelta(hours=hours)
    while True:
        local = current.astimezone(ZoneInfo(zone))
        closing = datetime.combine(local.date(), WORK_END, ZoneInfo(zone))
        available = closing - local
        if left <= available:
            return (local + left).astimezone(at.tzinfo)
        left -= available
        current = next_open(closing.astimezone(at.tzinfo), zone)
