"""Each closed vocabulary is defined once in vocabulary/; the database's CHECK constraints, the
bot's callback enums, the classifier's labels and both locales must agree with it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

import vocabulary
from bot.callbacks import Role
from bot.callbacks_crm import BenchField, InterviewOutcome, Stage
from bot.i18n import LANGUAGES
from classifier import api as classifier_api
from crm import bench_input
from db.models.enums import INTERVIEW_OUTCOMES
from db.records import feed as feed_records
from tests.unit.test_locales import keys_of

# (table, CHECK constraint name) → the vocabulary its column holds
CHECKS: dict[tuple[str, str], tuple[str, ...]] = {
    ("users", "ck_users_user_role"): vocabulary.USER_ROLES,
    ("invites", "ck_invites_invite_role"): vocabulary.USER_ROLES,
    ("request_cards", "ck_request_cards_stage"): vocabulary.STAGES,
    ("stage_changes", "ck_stage_changes_from_stage"): vocabulary.STAGES,
    ("stage_changes", "ck_stage_changes_to_stage"): vocabulary.STAGES,
}


class TestVocabulary:
    @pytest.mark.parametrize(("table", "name"), list(CHECKS))
    async def test_database_checks_allow_exactly_the_vocabulary(
        self, engine: AsyncEngine, table: str, name: str
    ) -> None:
        async with engine.connect() as conn:
            definition = (await conn.execute(text(
                "SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c"
                " JOIN pg_class t ON t.oid = c.conrelid"
                " WHERE t.relname = :table AND c.conname = :name"
            ), {"table": table, "name": name})).scalar_one()
        assert set(re.findall(r"'([^']*)'", definition)) == set(CHECKS[table, name])

    def test_callback_enums_name_the_vocabulary(self) -> None:
        assert tuple(Role) == vocabulary.USER_ROLES
        assert tuple(Stage) == vocabulary.STAGES
        assert tuple(BenchField) == bench_input.FIELDS
        assert tuple(InterviewOutcome) == INTERVIEW_OUTCOMES

    def test_labels_and_feed_filters_share_the_role_families(self) -> None:
        for module in (classifier_api, feed_records):
            assert module.ROLE_FAMILIES is vocabulary.ROLE_FAMILIES
            assert module.GRADES is vocabulary.GRADES
            assert module.FORMATS is vocabulary.FORMATS

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_every_word_has_a_text(self, language: str) -> None:
        wanted = (
            {f"user-role-{r}" for r in vocabulary.USER_ROLES}
            | {f"stage-{s}" for s in vocabulary.STAGES}
            | {f"role-{f}" for f in vocabulary.ROLE_FAMILIES}
            | {f"grade-{g}" for g in vocabulary.GRADES}
            | {f"format-{f}" for f in vocabulary.FORMATS}
        )
        assert wanted - keys_of(language) == set()
