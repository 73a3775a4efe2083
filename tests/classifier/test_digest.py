from __future__ import annotations

import json
from pathlib import Path

from classifier.digest import split_digest

DIGEST = """Вакансии недели

1. Python разработчик в Альфа, удаленно, от 200к
2. QA инженер в Бета, Москва, офис
3. Дизайнер интерфейсов в Гамма, гибрид

Больше вакансий"""

BULLETS = """🔥 Вакансии дня
— Java developer в CedrusData. Можно удаленно. От 350 000 ₽.
— Scala developer в AutoFAQ. Москва. 350 000 — 550 000 ₽.
— Backend-разработчик в НПО СтарЛайн. Санкт-Петербург."""

PARAGRAPHS = """Вакансии в менеджменте

Технический директор в Gauss. Можно удаленно. От 500 000 ₽.

Product manager в UGOL. Санкт-Петербург. 200 000 — 250 000 ₽.

Account manager Amazon в GORA Group. Можно удаленно. От 1200 $."""


class TestSplitDigest:
    def test_numbered(self) -> None:
        items = split_digest(DIGEST)
        assert len(items) == 3
        assert items[0].startswith("Python разработчик")

    def test_dashes(self) -> None:
        items = split_digest(BULLETS)
        assert [i.split()[0] for i in items] == ["Java", "Scala", "Backend-разработчик"]

    def test_paragraphs_drop_heading(self) -> None:
        items = split_digest(PARAGRAPHS)
        assert len(items) == 3 and items[0].startswith("Технический директор")

    def test_single_post_and_empty(self) -> None:
        assert split_digest("Ищем Python разработчика, от 200к") == [
            "Ищем Python разработчика, от 200к"]
        assert split_digest("") == []
        assert split_digest("1. " + "а" * 100_000)


def test_real_digests_split(annotations: Path) -> None:
    rows = [json.loads(line) for line in annotations.open(encoding="utf-8")]
    digests = [r["text"] for r in rows if r["kind"] == "digest"]
    split = [len(split_digest(t)) for t in digests]
    assert sum(n >= 2 for n in split) / len(split) >= 0.9
