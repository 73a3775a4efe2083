from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

from classifier.dedup import fingerprint, hamming, is_copy, simhash, similar

POST = """Python разработчик (Middle)
Компания: Рога и копыта
ЗП: от 200 000 ₽
Задачи: разработка API на FastAPI, PostgreSQL, Docker.
Требования: опыт от 3 лет, Python 3.11, asyncio.
Контакты: @hr_roga"""


class TestCopies:
    def test_fingerprint_ignores_emoji_tags_links(self) -> None:
        copy = "🔥 " + POST + "\n#вакансия #python\nhttps://t.me/jobs/1"
        assert fingerprint(copy) == fingerprint(POST)

    def test_reformatted_copy_is_similar(self) -> None:
        copy = "#вакансия\n" + POST.replace("\n", "  \n\n") + "\n\nПодписывайтесь на наш канал!"
        assert similar(POST, copy) > 0.9
        assert hamming(simhash(POST), simhash(copy)) <= 6
        assert is_copy(POST, copy)

    def test_same_template_other_opening_is_not_a_copy(self) -> None:
        other = ("Java разработчик (Senior)\nКомпания: Альфа\nЗП: от 350 000 ₽\n"
                 "Задачи: разработка микросервисов на Spring, Kafka.\n"
                 "Требования: опыт от 5 лет, Java 17.\nКонтакты: @hr_alpha")
        assert similar(POST, other) < 0.5
        assert not is_copy(POST, other)

    def test_empty(self) -> None:
        assert similar("", "") == 1.0
        assert similar("", POST) == 0.0
        assert simhash("") == 0


def test_real_cross_posts_are_paired(records: Path) -> None:
    rng = random.Random(7)
    by_text: dict[str, list[str]] = defaultdict(list)
    with records.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            if len(text) > 80:
                by_text[text].append(text)
    groups = [t for t, v in by_text.items() if len(v) > 1]
    singles = [t for t, v in by_text.items() if len(v) == 1]
    sample = rng.sample(groups, min(50, len(groups)))
    assert all(fingerprint(t) == fingerprint(t + "\n#tag") for t in sample)
    pairs = [(rng.choice(singles), rng.choice(singles)) for _ in range(300)]
    false_pairs = sum(is_copy(a, b) for a, b in pairs if a != b)
    assert false_pairs <= 3
