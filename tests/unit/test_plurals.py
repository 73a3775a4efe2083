"""Counted words follow Fluent's plural categories (CLDR), in Russian and English."""

from __future__ import annotations

import pytest

from bot.i18n import Translator

NUMBERS = (0, 1, 2, 5, 11, 21, 22, 25, 101)
RU_DEVELOPERS = ("разработчиков", "разработчик", "разработчика", "разработчиков",
                 "разработчиков", "разработчик", "разработчика", "разработчиков", "разработчик")
EN_DEVELOPERS = ("developers", "developer", "developers", "developers", "developers",
                 "developers", "developers", "developers", "developers")
RU_CHATS = ("чатов", "чат", "чата", "чатов", "чатов", "чат", "чата", "чатов", "чат")
EN_CHATS = ("chats", "chat", "chats", "chats", "chats", "chats", "chats", "chats", "chats")

CASES = [
    ("ru", "crm-bench-title", "total", "<b>Бенч</b>: {n} {word}", RU_DEVELOPERS),
    ("en", "crm-bench-title", "total", "<b>Bench</b>: {n} {word}", EN_DEVELOPERS),
    ("ru", "card-sources-more", "count", "…и ещё {n} {word}", RU_CHATS),
    ("en", "card-sources-more", "count", "…and {n} more {word}", EN_CHATS),
    ("ru", "found-title", "count", "Нашлось {n} {word}", None),
    ("en", "found-title", "count", "Found {n} {word}", None),
]


@pytest.mark.parametrize(("language", "key", "arg", "pattern", "words"), CASES,
                         ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_counted_words_agree_with_the_number(
    language: str, key: str, arg: str, pattern: str, words: tuple[str, ...] | None
) -> None:
    i18n = Translator().pick(language)
    if words is None:
        words = _REQUESTS[language]
    for n, word in zip(NUMBERS, words, strict=True):
        assert i18n.get(key, **{arg: n}) == pattern.format(n=n, word=word)


_REQUESTS = {
    "ru": ("запросов", "запрос", "запроса", "запросов", "запросов", "запрос", "запроса",
           "запросов", "запрос"),
    "en": ("requests", "request", "requests", "requests", "requests", "requests", "requests",
           "requests", "requests"),
}


def test_stale_reminder_days_in_english() -> None:
    i18n = Translator().pick("en")
    one = i18n.get("crm-reminder-stale", title="Go", stage="new", days=1)
    many = i18n.get("crm-reminder-stale", title="Go", stage="new", days=21)
    assert "for 1 day —" in one and "for 21 days —" in many
