"""An offer listing several people is read as one draft per person."""

from __future__ import annotations

from crm.offer_people import people_of
from scripts.demo_posts import BENCHES


class TestOfferPeople:
    def test_counts_grades_stacks_and_the_shared_rate(self) -> None:
        people = people_of("Бенч: свободны 2 Senior Java (Spring, Kafka) и 1 Middle React.\n"
                           "Рейты от 2400 ₽/ч")
        assert [(p.name, p.grade, p.stack) for p in people] == [
            ("Senior Java (1/2)", "senior", ("Java", "Spring", "Kafka")),
            ("Senior Java (2/2)", "senior", ("Java", "Spring", "Kafka")),
            ("Middle React", "middle", ("React",)),
        ]
        assert {(p.rate_min, p.rate_currency, p.rate_period) for p in people} == {
            (2400, "RUB", "hour")}

    def test_a_rate_on_a_persons_own_line_is_theirs(self) -> None:
        people = people_of("Наш бенч:\n• Senior Python (FastAPI) — 2900 ₽/ч\n"
                           "• Middle 1С — 2100 ₽/ч")
        assert [(p.name, p.rate_min) for p in people] == [("Senior Python", 2900),
                                                          ("Middle 1С", 2100)]

    def test_a_dot_inside_a_name_is_kept_and_a_full_stop_is_not(self) -> None:
        assert [p.name for p in people_of("Senior Node.js и Middle Vue. Пишите")] == [
            "Senior Node.js", "Middle Vue"]

    def test_every_demo_bench_with_several_people_gives_several_drafts(self) -> None:
        several = [b for b in BENCHES if len(people_of(b)) >= 2]
        assert len(several) >= len(BENCHES) - 1

    def test_prose_without_a_grade_or_count_is_nobody(self) -> None:
        assert people_of("Ищем QA на проект, пишите") == []
