"""A synthetic annotated file for micro models: the loader is tested without ../shared/data."""

from __future__ import annotations

import json
import random
from pathlib import Path

ROLES = [("Python", "backend", "разработчик"), ("React", "frontend", "фронтенд-разработчик"),
         ("Figma", "design", "дизайнер"), ("Kubernetes", "devops", "DevOps-инженер"),
         ("Selenium", "qa", "тестировщик"), ("1C", "erp", "программист 1С")]
GRADES = [("junior", "Junior"), ("middle", "Middle"), ("senior", "Senior"), ("lead", "Lead")]


def synthetic_rows(n: int = 72, seed: int = 3) -> list[dict[str, object]]:
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for i in range(n):
        tech, role, title = ROLES[i % len(ROLES)]
        grade, word = GRADES[i % len(GRADES)]
        kind = ("request", "request", "offer", "other")[i % 4]
        if kind == "request":
            text = (f"#вакансия {word} {title} ({tech})\nКомпания №{i} ищет специалиста. "
                    f"Удаленка, полная занятость. ЗП {rng.randint(1, 4)}00 000 руб. Пишите @hr{i}")
            labels = {"roles": [role], "stack": [tech], "grades": [grade], "format": ["remote"],
                      "employment": ["full-time"]}
        elif kind == "offer":
            text = (f"#резюме Я {title}, {word}, опыт с {tech} {i % 7 + 1} лет. "
                    "Ищу проект, удаленно.")
            labels = {"roles": [role], "stack": [tech], "grades": [grade], "format": ["remote"],
                      "employment": ["project"]}
        else:
            text = f"Вебинар №{i}: как пройти собеседование. Регистрация по ссылке https://x.ru/{i}"
            labels = {"roles": [], "stack": [], "grades": [], "format": [], "employment": []}
        rows.append({"key": f"-100:{i}", "channel": "test", "text": text, "kind": kind,
                     "rate": None, "location": None, "duration_months": None, "headcount": None,
                     **labels})
    return rows


def write_annotations(path: Path, n: int = 72) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in synthetic_rows(n)),
                    encoding="utf-8")
    return path
