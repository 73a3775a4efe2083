from __future__ import annotations

from pathlib import Path

import pytest

from classifier.api import Labels
from classifier.dataset import Example

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
ANNOTATIONS = DATA / "annotations" / "train.jsonl"
RECORDS = DATA / "tg_jobs_wudmc" / "records.jsonl"


@pytest.fixture
def annotations() -> Path:
    if not ANNOTATIONS.exists():
        pytest.skip(f"labelled data not found at {ANNOTATIONS} (../shared/data is absent)")
    return ANNOTATIONS


@pytest.fixture
def records() -> Path:
    if not RECORDS.exists():
        pytest.skip(f"channel posts not found at {RECORDS} (../shared/data is absent)")
    return RECORDS


def _ex(key: str, text: str, **labels: object) -> Example:
    return Example(key=key, text=text, labels=Labels(**labels))  # type: ignore[arg-type]


@pytest.fixture
def tiny_examples() -> list[Example]:
    """A hand-made training set small enough to fit in a second."""
    requests = [
        ("Ищем Python разработчика Middle, удаленно, ЗП от 200 000 ₽", ("backend",), ("middle",)),
        ("Senior Java developer в банк, офис Москва, вилка 300-400к", ("backend",), ("senior",)),
        ("Нужен React frontend разработчик Junior, удаленка, 80 000 руб", ("frontend",),
         ("junior",)),
        ("Ищем дизайнера Figma на проект, оплата 50к за проект", ("design",), ()),
        ("QA инженер (автотесты), middle, гибрид, Санкт-Петербург", ("qa",), ("middle",)),
        ("DevOps engineer Kubernetes senior remote $5000", ("devops",), ("senior",)),
    ]
    out = [
        _ex(f"r{i}:{j}", f"{t} (вариант {j})", kind="request", roles=r, grades=g)
        for j in range(3) for i, (t, r, g) in enumerate(requests)
    ]
    others = ["Курс по Python со скидкой 50%! Записывайтесь", "Опрос: какой у вас стек?",
              "Новости рынка IT за неделю: зарплаты растут"]
    out += [_ex(f"o{i}:{j}", f"{t} #{j}", kind="other") for j in range(3)
            for i, t in enumerate(others)]
    offers = ["#резюме Ищу работу Python backend разработчик, опыт 3 года",
              "Ищу работу, frontend React, готов к удаленке"]
    out += [_ex(f"f{i}:{j}", f"{t} {j}", kind="offer", roles=("backend",)) for j in range(3)
            for i, t in enumerate(offers)]
    return out
