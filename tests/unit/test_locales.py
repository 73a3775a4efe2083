"""Every Fluent key exists in every language, and every key the bot uses exists."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from fluent.syntax import FluentParser
from fluent.syntax import ast as fluent_ast

from bot.callbacks import CorrectField, FilterField
from bot.i18n import LANGUAGES, LOCALES_DIR, Translator
from db.records.feed import FORMATS, GRADES, KINDS, PERIOD_DAYS, ROLE_FAMILIES
from vocabulary import STAGES, USER_ROLES

BOT_DIR = Path(__file__).resolve().parents[2] / "bot"


def keys_of(language: str) -> set[str]:
    keys: set[str] = set()
    for path in (LOCALES_DIR / language).glob("*.ftl"):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        junk = [e for e in resource.body if isinstance(e, fluent_ast.Junk)]
        assert not junk, f"{path}: syntax error {junk[0].annotations}"
        keys |= {e.id.name for e in resource.body if isinstance(e, fluent_ast.Message)}
    return keys


def used_in_code() -> tuple[set[str], set[str]]:
    """Literal keys and f-string prefixes passed to `<something>.get(...)` on an i18n object."""
    literal, prefixes = set(), set()
    for path in BOT_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "get" and node.args
                    and "i18n" in ast.unparse(node.func.value)):
                continue
            inside_fstrings: set[int] = set()
            for part in ast.walk(node.args[0]):
                if isinstance(part, ast.JoinedStr):
                    inside_fstrings |= {id(v) for v in ast.walk(part)}
                    if isinstance(part.values[0], ast.Constant):
                        prefixes.add(str(part.values[0].value))
                elif (isinstance(part, ast.Constant) and isinstance(part.value, str)
                      and id(part) not in inside_fstrings):
                    literal.add(part.value)
    return literal, prefixes


class TestLocales:
    def test_every_language_has_the_same_keys(self) -> None:
        ru, en = keys_of("ru"), keys_of("en")
        assert ru - en == set(), "missing in en"
        assert en - ru == set(), "missing in ru"

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_every_key_used_in_code_exists(self, language: str) -> None:
        keys = keys_of(language)
        literal, prefixes = used_in_code()
        full_literals = {k for k in literal if not k.endswith("-")}
        assert full_literals - keys == set()
        for prefix in prefixes | {k for k in literal if k.endswith("-")}:
            assert any(k.startswith(prefix) for k in keys), prefix

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_every_vocabulary_value_has_a_label(self, language: str) -> None:
        keys = keys_of(language)
        wanted = (
            {f"role-{v}" for v in ROLE_FAMILIES} | {f"grade-{v}" for v in GRADES}
            | {f"format-{v}" for v in FORMATS} | {f"kind-{v}" for v in KINDS}
            | {f"period-{d}" for d in PERIOD_DAYS} | {f"language-{v}" for v in LANGUAGES}
            | {f"filter-{f.value}" for f in FilterField}
            | {f"picker-{f.value}" for f in FilterField}
            | {f"filter-{f.value}" for f in CorrectField}
            | {f"user-role-{r}" for r in USER_ROLES}
            | {f"stage-{s}" for s in STAGES}
            | {f"per-{p}" for p in ("hour", "day", "week", "month", "year", "project")}
        )
        assert wanted - keys == set()

    def test_texts_render_with_arguments(self) -> None:
        for language in LANGUAGES:
            i18n = Translator().pick(language)
            text = i18n.get("start-welcome", name="Anna", role="x")
            assert "Anna" in text and "{" not in text
