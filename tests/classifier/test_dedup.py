from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

from classifier.dedup import (
    fingerprint,
    hamming,
    is_copy,
    same_request,
    simhash,
    similar,
    titles_agree,
)
from classifier.minhash import BANDS, band_keys

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


class TestSameRequest:
    def test_a_repost_under_a_header_is_the_same_request(self) -> None:
        repost = "Новая вакансия от партнёров:\n" + POST.replace("\nКонтакты: @hr_roga", "")
        assert titles_agree(POST, repost) and same_request(POST, repost)

    def test_another_title_in_one_company_template_is_another_request(self) -> None:
        other = POST.replace("Python разработчик (Middle)", "Go разработчик (Senior)")
        assert is_copy(POST, other)  # the shared company text alone would merge them
        assert not same_request(POST, other)

    def test_texts_without_words_agree_on_titles(self) -> None:
        assert titles_agree("🔥🔥", "")


# Real posts of the shared set (one company's template, one channel per role): the title share
# alone merged "QA Specialist" into "C++ Developer" ("developer" is in the company line).
MY_GAMES = ("\nMY.GAMES is\xa0a\xa0one of\xa0leading European developer and publisher.\n"
            "Work remotely from all around the world.\nJob description.")


class TestTitleRoleWords:
    def test_one_companys_openings_for_other_roles_are_other_requests(self) -> None:
        titles = ["C++ Developer at\xa0MY.GAMES", "QA Specialist at\xa0MY.GAMES",
                  "Product Manager at\xa0MY.GAMES", "Product Analyst at\xa0MY.GAMES",
                  "Senior IOS Developer at\xa0MY.GAMES"]
        posts = [title + MY_GAMES for title in titles]
        assert is_copy(posts[0], posts[1])  # the template alone is a copy
        assert not any(same_request(a, b) for a in posts for b in posts if a != b)

    def test_a_repost_of_one_of_them_is_the_same_request(self) -> None:
        post = "QA Specialist at\xa0MY.GAMES" + MY_GAMES
        repost = "Новая вакансия от партнёров:\n✅ QA  Specialist at MY.GAMES" + MY_GAMES
        assert same_request(post, repost) and same_request(repost, post)

    def test_a_title_with_other_figures_is_another_opening(self) -> None:
        # One aggregator's template: the role and the pay on the first line, then the company.
        post = "Дизайнер | От 150 000 р.\nЭКОС групп\n\nЧто делать:\n— Макеты для сайта."
        assert not titles_agree(post, post.replace("150 000", "40 000"))
        assert titles_agree(post, "Новая вакансия от партнёров:\n" + post)

    def test_a_listings_longer_title_is_another_opening(self) -> None:
        # Real posts of one listing channel, a week apart, each with its own link: the shorter
        # title is in the longer one, but "ML Engineer (NLP)" is not in the other's lines.
        body = ("\n\nКомпания: Сбер для экспертов Сбер для экспертов\n\nЗарплата: Не указана\n\n"
                "Тип занятости: Полная занятость, полный день\n\n\nПодробнее: "
                "https://telegra.ph/{}\n\n#ml #data scientist")
        short = "Data Scientist" + body.format("Data-Scientist-05-12")
        longer = "Data Scientist / ML Engineer (NLP)" + body.format("Data-Scientist--ML-05-20")
        assert is_copy(short, longer) and not same_request(short, longer)

    def test_a_repost_without_its_title_line_agrees(self) -> None:
        # The title line dropped: the repost's first line is the post's second one.
        assert same_request(POST, POST.split("\n", 1)[1])

    def test_a_hashtag_names_the_role_as_a_word_does(self) -> None:
        post = "Дизайнер в маркетинг\nТребования: Figma, опыт от 2 лет\nУдалённо, Казань"
        assert titles_agree(post, "#Удаленка / #Казань\n#Дизайнер в маркетинг\n" + post)


class TestLinkOnlyPosts:
    def test_two_bare_links_are_not_one_text(self) -> None:
        # As words both are empty: every link-only post of a window shared one card.
        assert fingerprint("https://careerspace.app/job/104545") != fingerprint(
            "https://designer.ru/t/startap-v-sfere-logistiki/")
        assert fingerprint("https://t.me/x ") == fingerprint("https://t.me/x")


class TestBandKeys:
    def test_a_near_copy_shares_keys_and_another_post_does_not(self) -> None:
        keys = band_keys(POST)
        assert len(keys) == len(set(keys)) == BANDS
        assert len(set(keys) & set(band_keys("🔥 " + POST + "\n#python"))) == BANDS
        assert not set(keys) & set(band_keys("Ищем QA инженера на мобильный банк, Москва"))

    def test_keys_fit_a_bigint_and_empty_text_has_none(self) -> None:
        assert all(-(2**63) <= k < 2**63 for k in band_keys(POST * 50))
        assert band_keys("") == band_keys("🔥 #tag https://t.me/x") == ()
