"""The merge veto through crm.ingest on PostgreSQL: a near copy whose roles the card's
contradict is its own card, an edited repost with the same roles joins, exact and
near-identical copies join whatever the labels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from classifier.dedup import fingerprint, near_identical, same_request
from collector import textsig
from crm import ingest
from crm.merge_policy import MergePolicy, labels_disagree
from db.models import Post, RequestSource, Source
from db.records.cards import ItemVerdict, NearCandidate, PostVerdict
from db.records.posts import PendingPost
from db.uow import UnitOfWork

POLICY = MergePolicy(same_request=same_request, near_identical=near_identical)
START = datetime(2026, 5, 23, 12, tzinfo=UTC)
# One company's template, one opening per role: the title and the long company text are the
# same, the role is one line of the body (the text detector alone calls them copies).
COMPANY = (
    "MY.GAMES — один из ведущих европейских разработчиков и издателей игр.\n"
    "Более 150 миллионов игроков по всему миру, офисы в Амстердаме, Белграде и Лимассоле.\n"
    "Работа удаленно из любой страны, гибкий график, оплата в евро.\n"
    "Медицинская страховка, бюджет на обучение и конференции, компенсация техники.\n"
    "Откликнуться и задать вопросы можно рекрутеру, ответим в течение двух дней."
)
QA_OPENING = f"Вакансия в MY.GAMES\nИщем тестировщика игр\n{COMPANY}"
CPP_OPENING = f"Вакансия в MY.GAMES\nИщем разработчика C++\n{COMPANY}"
REPOST = "Новая вакансия от партнёров:\n🔥 " + QA_OPENING + "\n#вакансия #gamedev"


async def _ingest(uow: UnitOfWork, posts: Sequence[tuple[str, Mapping[str, list[str]]]]
                  ) -> list[int]:
    """Each (text, labels) a post an hour after the one before, in its own channel; the card
    each post landed on, in post order."""
    async with uow:
        for n, (text, _) in enumerate(posts, start=1):
            uow.session.add(Source(id=n, tg_id=-n, ref=f"@c{n}", username=f"c{n}"))
            await uow.session.flush()
            uow.session.add(Post(id=n, source_id=n, message_id=n, text=text,
                                 posted_at=START + timedelta(hours=n)))
        await uow.commit()
    labels = {n: dict(lab) for n, (_, lab) in enumerate(posts, start=1)}

    async def analyse(pending: Sequence[PendingPost]) -> list[PostVerdict]:
        return [PostVerdict(p.id, "test", (ItemVerdict(
            0, "request", {"kind": "request", **labels[p.id]}, {}, p.text,
            fingerprint=textsig.fingerprint(p.text), simhash=textsig.simhash(p.text),
            band_keys=textsig.band_keys(p.text)),)) for p in pending]

    # One post a batch: each one meets the cards the ones before it made.
    for _ in posts:
        await ingest.classify_pending(uow, limit=1, analyse=analyse, policy=POLICY)
    async with uow:
        rows = (await uow.session.execute(
            sa.select(RequestSource.post_id, RequestSource.request_id)
            .order_by(RequestSource.post_id))).all()
    return [card for _, card in rows]


class TestTheVeto:
    def test_the_template_openings_pass_the_text_detector(self) -> None:
        # Without the labels these two would merge: what the veto is for.
        assert same_request(CPP_OPENING, QA_OPENING)
        assert not near_identical(CPP_OPENING, QA_OPENING)

    async def test_one_templates_openings_for_two_roles_stay_two_cards(
        self, uow: UnitOfWork
    ) -> None:
        cards = await _ingest(uow, [(QA_OPENING, {"roles": ["qa"]}),
                                    (CPP_OPENING, {"roles": ["backend", "gamedev"]})])
        assert cards[0] != cards[1]

    async def test_an_edited_repost_with_the_same_role_joins(self, uow: UnitOfWork) -> None:
        cards = await _ingest(uow, [(QA_OPENING, {"roles": ["qa"]}),
                                    (REPOST, {"roles": ["qa", "gamedev"]})])
        assert cards[0] == cards[1]

    async def test_a_repost_the_classifier_gave_no_role_joins(self, uow: UnitOfWork) -> None:
        cards = await _ingest(uow, [(QA_OPENING, {"roles": ["qa"]}), (REPOST, {"roles": []})])
        assert cards[0] == cards[1]

    async def test_an_exact_copy_joins_whatever_its_labels(self, uow: UnitOfWork) -> None:
        copy = "✅ " + QA_OPENING + "\nhttps://t.me/jobs/7"
        assert fingerprint(copy) == fingerprint(QA_OPENING)
        cards = await _ingest(uow, [(QA_OPENING, {"roles": ["qa"]}),
                                    (copy, {"roles": ["backend"]})])
        assert cards[0] == cards[1]

    async def test_a_near_identical_repost_joins_whatever_its_labels(
        self, uow: UnitOfWork
    ) -> None:
        # The header makes another fingerprint, the shingles are the same: a disagreement of
        # the labels on such a pair is the model's noise.
        assert fingerprint(REPOST) != fingerprint(QA_OPENING)
        assert near_identical(REPOST, QA_OPENING)
        cards = await _ingest(uow, [(QA_OPENING, {"roles": ["qa"]}),
                                    (REPOST, {"roles": ["design"]})])
        assert cards[0] == cards[1]


class TestLabelsDisagree:
    CARD = NearCandidate(1, ("text",), 20, roles=("qa",), stack=("Python",), grades=())

    def test_roles_named_on_both_sides_and_none_shared(self) -> None:
        assert labels_disagree({"roles": ["backend"]}, self.CARD, ("roles",))
        assert not labels_disagree({"roles": ["backend", "qa"]}, self.CARD, ("roles",))

    def test_a_side_without_the_field_says_nothing(self) -> None:
        assert not labels_disagree({}, self.CARD, ("roles",))
        assert not labels_disagree({"grades": ["senior"]}, self.CARD, ("grades",))

    def test_only_the_named_fields_veto(self) -> None:
        assert not labels_disagree({"stack": ["Go"]}, self.CARD, ("roles",))
        assert labels_disagree({"stack": ["Go"]}, self.CARD, ("roles", "stack"))
