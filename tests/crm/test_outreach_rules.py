"""The pure parts of follow-up chains: the chain file, templates, hours and the sampler."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from crm.errors import CrmInputError
from crm.outreach_chains import ChainFileError, load_chains, parse_chains
from crm.outreach_hours import add_working_hours, likely_timezone, next_open
from crm.outreach_sampler import Arm, choose, report
from crm.outreach_templates import TemplateDraft, check_template, render

CHAIN = """
[chains.c]
first = "a"
[chains.c.steps.a]
kind = "telegram"
next = "{next_of_a}"
[chains.c.steps.b]
kind = "email"
after_working_hours = 8
next = "{next_of_b}"
"""


def chain_file(next_of_a: str = "b", next_of_b: str = "a", extra: str = "") -> str:
    text = CHAIN.format(next_of_a=next_of_a, next_of_b=next_of_b)
    return text.replace('next = ""\n', "") + extra


class TestChainFile:
    def test_the_shipped_file_loads(self) -> None:
        book = load_chains()
        assert [s.kind for s in book.chain("default").steps] == ["telegram", "email", "task"]
        assert {(t.kind, t.language) for t in book.templates} >= {
            ("telegram", "ru"), ("telegram", "en"), ("email", "ru"), ("email", "en")}

    def test_a_cycle_is_refused_with_its_path(self) -> None:
        with pytest.raises(ChainFileError, match=r"chain 'c': cycle a → b → a"):
            parse_chains(chain_file())

    def test_a_missing_step_is_refused_by_name(self) -> None:
        with pytest.raises(ChainFileError, match=r"chain 'c': missing step 'nowhere'"):
            parse_chains(chain_file(next_of_b="nowhere"))

    def test_a_well_formed_chain_walks_in_order(self) -> None:
        book = parse_chains(chain_file(next_of_b=""))
        assert [(s.name, s.after_working_hours) for s in book.chain("c").steps] == [
            ("a", 0.0), ("b", 8.0)]

    def test_bad_kind_and_wait_are_refused(self) -> None:
        with pytest.raises(ChainFileError, match="kind must be"):
            parse_chains(chain_file(next_of_b="").replace('"email"', '"fax"'))
        with pytest.raises(ChainFileError, match="after_working_hours"):
            parse_chains(chain_file(next_of_b="").replace("= 8", "= -1"))

    def test_a_template_with_an_unknown_variable_refuses_the_file(self) -> None:
        bad = '\n[templates.t]\nkind = "telegram"\nlanguage = "ru"\nbody = "Привет, {budget}"\n'
        with pytest.raises(ChainFileError, match=r"template 't'.*budget"):
            parse_chains(chain_file(next_of_b="", extra=bad))


class TestTemplates:
    def test_unknown_variable_and_stray_brace_are_refused(self) -> None:
        with pytest.raises(CrmInputError) as unknown:
            check_template(TemplateDraft("k", "telegram", "en", "Hi {nmae}"))
        assert unknown.value.code == "outreach_template_variable"
        with pytest.raises(CrmInputError) as brace:
            check_template(TemplateDraft("k", "telegram", "en", "Hi {name"))
        assert brace.value.code == "outreach_template_braces"

    def test_email_needs_a_subject_and_literal_braces_survive(self) -> None:
        with pytest.raises(CrmInputError):
            check_template(TemplateDraft("k", "email", "en", "Hi {name}"))
        check_template(TemplateDraft("k", "telegram", "en", "Hi {name} {{json}}"))
        assert render("Hi {name} {{json}}", {"name": "Ann"}) == "Hi Ann {json}"


class TestHours:
    friday_evening = datetime(2026, 12, 11, 16, 30, tzinfo=UTC)  # 19:30 in Moscow

    def test_after_hours_waits_for_monday_morning(self) -> None:
        monday = datetime(2026, 12, 14, 7, 0, tzinfo=UTC)  # 10:00 in Moscow
        assert next_open(self.friday_evening, "Europe/Moscow") == monday
        assert next_open(monday, "Europe/Moscow") == monday

    def test_working_hours_skip_the_weekend(self) -> None:
        assert add_working_hours(self.friday_evening, 10, "Europe/Moscow") == datetime(
            2026, 12, 15, 8, 0, tzinfo=UTC)  # Monday 9 h, Tuesday 11:00 Moscow

    def test_zone_from_location_then_language(self) -> None:
        assert likely_timezone("Алматы", "", "ru") == "Asia/Almaty"
        assert likely_timezone(None, "office in Berlin", "en") == "Europe/Berlin"
        assert likely_timezone(None, "Ищем", "ru") == "Europe/Moscow"


class TestSampler:
    def test_a_clear_winner_takes_most_picks_but_not_all(self) -> None:
        arms = [Arm(1, 200, 10), Arm(2, 200, 60)]
        rng = random.Random(1)
        picks = [choose(arms, rng, floor=0.2) for _ in range(2000)]
        share = picks.count(2) / len(picks)
        assert 0.85 < share < 0.95  # 0.8 exploitation + half of the 0.2 floor

    def test_report_probabilities_sum_to_one_and_intervals_hold_the_rate(self) -> None:
        lines = report([Arm(1, 100, 10), Arm(2, 100, 30), Arm(3, 0, 0)])
        assert sum(r.p_best for r in lines) == pytest.approx(1.0)
        # A flat prior: a template never sent may well be the best; its interval says so.
        assert lines[1].p_best > lines[0].p_best
        assert lines[2].high - lines[2].low > 0.9
        for line in lines[:2]:
            assert line.low < line.rate < line.high

    def test_nothing_to_choose_is_an_error(self) -> None:
        with pytest.raises(ValueError):
            choose([], random.Random(0))


class TestTemplatesThatFit:
    def test_a_template_needing_an_empty_value_does_not_fit(self) -> None:
        from crm.outreach_choice import fits
        from db.records.outreach import TemplateRecord

        bench = TemplateRecord(1, "b", "telegram", "ru", None, "Есть {developers}. {manager}",
                               None)
        plain = TemplateRecord(2, "p", "email", "ru", "«{title}»", "Подберём. {manager}", None)
        values = {"developers": "", "manager": "Anna", "title": "Go"}
        assert not fits(bench, values)
        assert fits(plain, values)
        assert fits(bench, {**values, "developers": "senior Python"})
        assert not fits(plain, {**values, "title": "  "})

    def test_every_kind_and_language_keeps_a_template_needing_only_title_and_manager(
        self,
    ) -> None:
        from crm.outreach_chains import load_chains
        from crm.outreach_templates import variables_of

        book = load_chains()
        for kind in ("telegram", "email"):
            for language in ("ru", "en"):
                needs = [variables_of(t.body) | variables_of(t.subject or "")
                         for t in book.templates if (t.kind, t.language) == (kind, language)]
                assert any(used <= {"title", "manager"} for used in needs), (kind, language)


class TestRecipient:
    def test_a_channels_title_is_not_greeted_as_a_person(self) -> None:
        from crm.outreach_people import recipient_of
        from db.records.clients import CardAuthor

        def author(author_id: int | None, name: str) -> CardAuthor:
            return CardAuthor(post_id=1, author_id=author_id, author_name=name,
                              text="Ищем Go, hr@firm.example", source_username="jobs")

        channel = recipient_of([author(-1001234, "IT Jobs")])
        assert (channel.tg_user_id, channel.name, channel.email) == (None, "", "hr@firm.example")
        person = recipient_of([author(-1001234, "IT Jobs"), author(700_300, "Ольга")])
        assert (person.tg_user_id, person.name) == (700_300, "Ольга")
