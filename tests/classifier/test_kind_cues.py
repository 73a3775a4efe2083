"""A candidate's own post is an offer whatever a model says; vacancies that mention CVs are not."""

from __future__ import annotations

import pytest

from classifier.kind_cues import says_offer


@pytest.mark.parametrize("text", [
    "#резюме #senior #fulltime\nПривет! Меня зовут Давид, в ИТ-менеджменте 11 лет.",
    "#whois #портфолио\nВсем привет! Я motion / UX UI дизайнер, есть время на проекты.",
    "#помогу #сайт #тильда\nДобрый день! Я веб-дизайнер на Tilda.",
    "Всем привет!\nИщу работу на позицию гейм-дизайнера.",
    "Я 3D artist и нахожусь в поиске работы (как проектной, так и постоянной).",
    "Senior Go engineer, open to work, remote only.",
])
def test_a_candidate_presenting_themselves_is_an_offer(text: str) -> None:
    assert says_offer(text)


@pytest.mark.parametrize("text", [
    # A vacancy that asks for a CV, tagged as a vacancy.
    "#вакансия #резюме\nИщем Python-разработчика, присылайте резюме @hr",
    # #cv is computer vision here.
    "#vacancy #senior #cv\nПозиция: Senior Computer Vision Engineer",
    "2D Generalist\nМы ищем 2D художника. Портфолио и #cv в личку.",
    # An agency speaking of job seekers in the third person.
    "Помогаем компаниям находить кандидатов, соискателям — быть эффективными в поиске работы.",
    "Ищем Middle React разработчика, 6 мес, до 2500 ₽/ч",
    "#резюмеотправляйте сюда",  # not the tag
    "",
])
def test_requests_and_other_posts_are_not_offers(text: str) -> None:
    assert not says_offer(text)


@pytest.mark.parametrize("text", [
    "Бенч: свободны с 1 декабря 2 Senior Java (Spring, микросервисы) и 1 Middle React.",
    "Коллеги, у нас на бенче освободился Senior DevOps (AWS, k8s, Terraform).",
    "Наш бенч на декабрь: 3 QA (manual + auto), 2 аналитика, 1 Senior Go.",
    "Available: Middle+ Data Analyst (SQL, Python, Power BI), from December 1st.",
    "Our bench this week: 2 Senior Python, 1 Lead Android. Rates on request.",
    "#бенч Свободен с 15.12 Middle+ 1С-разработчик, ставка 2200 ₽/ч",
    "Свободные специалисты:\nJava Senior, 2 500 ₽/ч, с понедельника",
    "Свободен Senior Golang разработчик, 6 лет, highload. Ставка 2900 ₽/час.",
    "Доступны с завтрашнего дня:\nSenior Data Scientist (NLP) — 3200 ₽/ч",
    "Предлагаем в аутстафф Senior системного аналитика, 2 400 руб/ч",
    "Available developers:\n- Senior .NET developer, 45 $/h",
    "Outstaffing offer: Senior Java developer, from January 9",
])
def test_a_vendor_bench_is_an_offer(text: str) -> None:
    assert says_offer(text)


@pytest.mark.parametrize("text", [
    "Ищем Senior Java, рассмотрим кандидатов с бенча вендоров, до 3000 ₽/ч",
    "Свободная должность PHP-разработчика в компании ВТСТУДИО.",
    "#вакансия Бенч: не нужен, ищем в штат Middle Go",
    "Нужен DevOps, старт с 1 декабря, 6 мес",
    "Маркетолог: выполняете показатели, то ваш график свободный;\n- Есть команда для запусков",
    "Ищем аналитика, офис доступен с 9 до 21, команда из 5 человек",
])
def test_a_request_that_mentions_a_bench_is_not_an_offer(text: str) -> None:
    assert not says_offer(text)
