from __future__ import annotations

import pytest

from identity import companies
from identity.memory import MemoryIndex
from identity.ner import NerOrganisations
from identity.resolve import resolve
from tests.identity import merge_score

needs_data = pytest.mark.skipif(
    not (merge_score.DATA / "records.jsonl").exists(),
    reason=f"shared posts not found at {merge_score.DATA}: the merge is scored on real posts",
)


@needs_data
class TestMergeOnRealPosts:
    def test_rules_merge_the_hand_checked_posts(self) -> None:
        truth = merge_score.gold()
        found = merge_score.replay(merge_score.posts(), keep=truth.__contains__)
        figures = merge_score.score(found, truth)
        assert figures["precision"] >= 0.9 and figures["recall"] >= 0.85
        assert figures["nobody_right"] == 1.0  # articles, ads and digests get no client

    def test_ner_finds_employers_the_rules_miss(self) -> None:
        truth = merge_score.gold()
        rows = [r for r in merge_score.posts() if f"{r['chat_id']}:{r['id']}" in truth]
        rules = merge_score.score(merge_score.replay(rows), truth)
        ner = merge_score.score(merge_score.replay(rows, ner=NerOrganisations()), truth)
        assert ner["resolved"] > rules["resolved"] and ner["precision"] >= 0.9


class TestResolution:
    def test_forty_spellings_give_one_key(self) -> None:
        bases = ["Сбер", "СБЕР", "Сбербанк", "Sber", "Сбер для экспертов Сбер для экспертов"]
        dressings = ["{}", "«{}»", "ПАО {}", "ПАО «{}»", "{}.", '"{}" ', "{}::IT-направление",
                     "ООО {};"]
        spellings = [d.format(b) for b in bases for d in dressings]
        assert len(set(spellings)) == 40
        assert {companies.normalise(s) for s in spellings} == {"сбер"}
        assert companies.normalise("NDA") is None and companies.normalise("топ-5 банк РФ") is None

    def test_a_post_with_nobody_has_no_client(self) -> None:
        index = MemoryIndex()
        assert resolve("Ищем Python разработчика, удалённо, 300к").empty
        assert index.assign(resolve("Ищем Python разработчика, удалённо, 300к")) is None

    def test_an_agency_contact_does_not_glue_two_companies(self) -> None:
        index = MemoryIndex()
        acme = index.assign(resolve("Компания: ACME\nGo developer. Пишите @agency_hr"))
        other = index.assign(resolve("Компания: Globex\nQA. Пишите @agency_hr"))
        assert acme != other
        # Without a company the shared contact decides nothing; a second ACME post still does.
        assert index.assign(resolve("Нужен PM, пишите @agency_hr")) not in (acme, other)
        assert index.assign(resolve("Компания: ООО «ACME»\nDevOps, @acme_jobs")) == acme

    def test_a_board_is_not_its_own_employer(self) -> None:
        text = "Java developer\nКонтакты: @ivan_hr\n\nЧат и другие каналы: @devkg"
        found = resolve(text, boards={"jobs_it"})
        assert [k.value for k in found.contacts] == ["ivan_hr"]
        assert resolve("Пишите @jobs_it", boards={"jobs_it"}).empty

    def test_a_broken_ner_leaves_the_rules_working(self) -> None:
        ner = NerOrganisations()
        ner._load = lambda: (_ for _ in ()).throw(OSError("model file gone"))  # type: ignore[method-assign]
        assert ner("Мы — команда Ozon Tech") == [] and ner.broken
        found = resolve("Компания: Ozon\nGo developer", ner=ner)
        assert [k.value for k in found.companies] == ["ozon"]
