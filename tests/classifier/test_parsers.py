from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier.api import Rate
from classifier.parsers import (
    CurrencyTable,
    normalise_rate,
    parse_duration_months,
    parse_employment,
    parse_format,
    parse_grades,
    parse_headcount,
    parse_location,
    parse_rate,
)


class TestParseRate:
    @pytest.mark.parametrize(("text", "expected"), [
        ("ЗП: от 150 000 ₽", Rate(150000, None, "RUB", "month")),
        ("Зарплата: до 230 000", Rate(None, 230000, "RUB", "month")),
        ("Вилка: 150к - 200к на руки", Rate(150000, 200000, "RUB", "month")),
        ("Оклад 1.5 млн руб в год", Rate(1500000, 1500000, "RUB", "year")),
        ("Salary: $90k–$120k", Rate(90000, 120000, "USD", "year")),
        ("Ставка 2500 руб/час", Rate(2500, 2500, "RUB", "hour")),
        ("Оплата: 300р в час", Rate(300, 300, "RUB", "hour")),
        ("ЗП от 5000₽/день", Rate(5000, None, "RUB", "day")),
        ("Зарплатная вилка: от 80 до 120", Rate(80000, 120000, "RUB", "month")),
        ("Вилка 160 т.р. - 240 т.р.", Rate(160000, 240000, "RUB", "month")),
        ("ЗП: от 1000 USD", Rate(1000, None, "USD", "month")),
        ("Зарплата: от 1 000 000 ₸ на руки", Rate(1000000, None, "KZT", "month")),
        ("З/П от 50 до 110 000 рублей", Rate(50000, 110000, "RUB", "month")),
        ("💵Доход:300.000-370.000", Rate(300000, 370000, "RUB", "month")),
        ("Оплата: 500-1000 руб. за 1 публикацию", Rate(500, 1000, "RUB", None)),
        ("Бюджет 2000 € за проект", Rate(2000, 2000, "EUR", "project")),
        ("Оплата 7 600 до 12 000 BYN", Rate(7600, 12000, "BYN", "month")),
        ("3000 UAH в неделю", Rate(3000, 3000, "UAH", "week")),
        ("оплата — 18 тыс. на испытательном сроке. После испытательного срока — 22 тыс. рублей",
         Rate(18000, 22000, "RUB", "month")),
        ("🔹 Senior 180К-250К\n🔹 Middle 90К-120К", Rate(90000, 250000, "RUB", "month")),
    ])
    def test_reads_pay(self, text: str, expected: Rate) -> None:
        assert parse_rate(text) == expected

    @pytest.mark.parametrize("text", [
        "Зарплата: по договоренности",
        "ЗП по результатам собеседования",
        "Опыт работы от 3 лет, команда 50 человек, график 5/2 с 10:00 до 19:00",
        "В 2020 году выручка составила $407 млн",
        "",
    ])
    def test_no_money_is_none(self, text: str) -> None:
        assert parse_rate(text) is None

    @given(st.text(max_size=400))
    @settings(max_examples=200, deadline=None)
    def test_never_raises(self, text: str) -> None:
        parse_rate(text)

    def test_long_post_is_cut_not_crashed(self) -> None:
        assert parse_rate("ЗП от 100 000 ₽ " + "х" * 100_000) == Rate(100000, None, "RUB", "month")


class TestNormaliseRate:
    def test_month_in_dollars(self) -> None:
        table = CurrencyTable()
        hmin, _, mmin, mmax = normalise_rate(Rate(1000, 2000, "USD", "month"), table)
        assert mmin == pytest.approx(90_000) and mmax == pytest.approx(180_000)
        assert hmin == pytest.approx(90_000 / 168)

    def test_hour_and_day(self) -> None:
        assert normalise_rate(Rate(1000, None, "RUB", "hour"))[2] == pytest.approx(168_000)
        assert normalise_rate(Rate(8000, 8000, "RUB", "day"))[0] == pytest.approx(1000)

    def test_custom_table_and_unknown(self) -> None:
        table = CurrencyTable(rub_per_unit={"RUB": 1.0, "USD": 100.0})
        assert normalise_rate(Rate(10, 10, "USD", "hour"), table)[0] == pytest.approx(1000)
        assert normalise_rate(Rate(10, 10, "XYZ", "hour"), table) == (None, None, None, None)
        assert normalise_rate(Rate(10, 10, "RUB", None)) == (None, None, None, None)
        assert normalise_rate(None) == (None, None, None, None)


class TestOtherParsers:
    @pytest.mark.parametrize(("text", "expected"), [
        ("Проект на 6 мес", 6.0), ("Длительность: 3-6 месяцев", 6.0),
        ("Контракт на 1 год", 12.0), ("Долгосрочный проект", None),
        ("Испытательный срок 3 месяца", None), ("Опыт от 3 лет", None),
    ])
    def test_duration(self, text: str, expected: float | None) -> None:
        assert parse_duration_months(text) == expected

    @pytest.mark.parametrize(("text", "expected"), [
        ("Ищем 2 разработчиков Python", 2), ("Нужны трое тестировщиков", 3),
        ("Ищем Python разработчика", None),
    ])
    def test_headcount(self, text: str, expected: int | None) -> None:
        assert parse_headcount(text) == expected

    @pytest.mark.parametrize(("text", "expected"), [
        ("Офис в Москве, м. Курская", "Москва"), ("Локация: Санкт-Петербург", "Санкт-Петербург"),
        ("м. Таганская, офис", "Москва"), ("Удаленно по РФ", "Россия"),
        ("Гражданство РФ обязательно", "Россия"), ("Локация: Россия, Москва", "Москва"),
        ("Город: Алматы", "Алматы"), ("Работа в Белграде", "Белград"),
        ("Созвоны в 10:00 по МСК", None), ("Помогаем с релокацией в Казахстан", None),
        # Case does not matter, except for the metro mark; a letter whose lowercase is longer
        # ("İ") must not shift where the city is found.
        ("ОФИС В МОСКВЕ", "Москва"), ("М. Курская", None),
        ("İzmir ofisi; офис в Москве", "Москва"),
    ])
    def test_location(self, text: str, expected: str | None) -> None:
        assert parse_location(text) == expected

    def test_format(self) -> None:
        assert parse_format("Формат: офис или удаленка") == ("remote", "office")
        assert parse_format("Гибрид, 2 дня в офисе") == ("office", "hybrid")
        assert parse_format("#remote") == ("remote",)
        assert parse_format("Без деталей") == ()

    def test_employment(self) -> None:
        assert parse_employment("Полная занятость, 5/2") == ("full-time",)
        assert parse_employment("Подработка 2-4 часа в день") == ("part-time",)
        assert parse_employment("Фриланс, разовая задача") == ("project",)
        assert parse_employment("Стажировка для студентов") == ("internship",)

    def test_grades(self) -> None:
        assert parse_grades("Ищем Middle/Senior Python") == ("middle", "senior")
        assert parse_grades("Middle+ разработчик") == ("middle",)
        assert parse_grades("Тимлид команды backend") == ("lead",)
        assert parse_grades("Старший аналитик") == ("senior",)
        assert parse_grades("Стажер в отдел QA") == ("intern",)
        assert parse_grades("Опыт от 5 лет") == ()

    @pytest.mark.parametrize(("text", "expected"), [
        ("Product Designer (Medior - Senior)", ("middle", "senior")),
        ("Growave: Product Designer (Middle/Senior)", ("middle", "senior")),
        ("Ведущий разработчик 1С", ("senior",)),
        ("Главный аналитик 1С", ("lead",)),
        ("Ищем Арт-директора на проект", ("lead",)),
        # Grades the person may grow into, colleagues' grades, language levels: none.
        ("Python-разработчик\nВозможность вырасти до senior и выше", ()),
        ("Frontend\nКарьерный рост до тимлида за год", ()),
        ("QA\nРабота в команде с джуном и консультации с сеньорами", ()),
        ("Аналитик\nАнглийский — Upper-Intermediate", ()),
        ("Аналитик\nЗнание английского не ниже Intermediate", ()),
        ("Разработчик в ФИЗИКОН – ведущий российский разработчик курсов", ()),
        ("Frontend Engineer\nYou will lead the UI development", ()),
        ("Копирайтер: лид-магниты, лендинги", ()),
        # A board's hashtag footer navigates every post of the channel.
        ("Junior QA\n\nНавигация по вакансиям:\n#intern #junior #senior", ("junior",)),
    ])
    def test_grades_of_the_person_sought(self, text: str, expected: tuple[str, ...]) -> None:
        assert parse_grades(text) == expected
