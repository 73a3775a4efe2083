from __future__ import annotations

import pytest

from crm import contacts


class TestExtract:
    def test_usernames_emails_and_phones_are_found_and_normalised(self) -> None:
        text = (
            "Ищем Python разработчика. Писать @HR_Anna или hr@acme.io, "
            "тел. +7 (999) 123-45-67 или 8 912 345-67-89. Канал: https://t.me/acme_jobs"
        )
        assert contacts.extract(text) == [
            ("telegram", "hr_anna"), ("telegram", "acme_jobs"), ("email", "hr@acme.io"),
            ("phone", "+79991234567"), ("phone", "+79123456789"),
        ]

    @pytest.mark.parametrize("text", [
        "ЗП 80 000 - 120 000 руб", "Старт 2024-01-15, длительность 6 мес", "ставка 150000-200000",
        "ИНН 7701234567", "бюджет 8 000 000 руб",
    ])
    def test_numbers_that_are_not_phones(self, text: str) -> None:
        assert contacts.phones(text) == []

    def test_an_email_is_not_a_username_and_bots_are_skipped(self) -> None:
        text = "write to ivan.petrov@mail.ru or via @jobs_helper_bot; t.me/joinchat/AAAA"
        assert contacts.telegram_usernames(text) == []
        assert contacts.emails(text) == ["ivan.petrov@mail.ru"]

    def test_international_numbers_need_a_plus(self) -> None:
        assert contacts.phones("call +375 29 123 45 67 or 29 123 45 67") == ["+375291234567"]

    def test_company_line(self) -> None:
        assert contacts.company_name("Вакансия\nКомпания: ACME Corp.\nСтек: Go") == "ACME Corp"
