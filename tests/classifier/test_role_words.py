"""Role words: the title is the opening lines with words, and each family has its words."""

from __future__ import annotations

import pytest

from classifier.api import ROLE_FAMILIES
from classifier.role_words import ROLE_WORDS, body_families, title_families, title_of


def test_every_family_has_words() -> None:
    assert set(ROLE_WORDS) == set(ROLE_FAMILIES)


def test_title_skips_hashtag_lines_and_emoji_only_lines() -> None:
    text = "#вакансия #remote\n🔥🔥\nТестировщик (QA)\nв Кофемания\nДалее текст"
    assert title_of(text) == "Тестировщик (QA) в Кофемания"


@pytest.mark.parametrize(("text", "expected"), [
    ("Senior Frontend-разработчик (React)", ("frontend",)),
    ("Тестировщик", ("qa",)),
    ("Ведущий аналитик 1С", ("analyst", "erp")),
    ("Data Engineer в Точку", ("data",)),
    ("Копирайтер на удаленку", ("non_it",)),
    ("Системный администратор Linux", ("support",)),
    ("Fullstack .Net-разработчик", ("backend", "fullstack")),
    ("Прочитайте нашу статью", ()),
    ("REACT NATIVE DEVELOPER", ("frontend", "mobile")),  # two families start at one word
])
def test_title_families(text: str, expected: tuple[str, ...]) -> None:
    assert title_families(text) == expected


def test_body_reads_past_the_title_but_not_the_tail() -> None:
    text = "Вакансия\n" + "Что делать: писать автотесты\n" + "x " * 2000 + "дизайнер"
    assert body_families(text) == ("qa",)
