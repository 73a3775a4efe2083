"""Every locale key, in both languages, renders to a message Telegram accepts: valid HTML after
the bot's safe cut, under the length limit, with sample and hostile arguments."""

from __future__ import annotations

import functools
import html
from pathlib import Path

import pytest
from fluent.syntax import parse
from fluent.syntax import visitor as fluent_visitor
from fluent.syntax.ast import Message, VariableReference

from bot.i18n import LANGUAGES, LOCALES_DIR, Translator
from bot.views.html_cut import TELEGRAM_TEXT_LIMIT, cut_html
from sandbox.entities import parse_html, utf16_len

HOSTILE = html.escape("<b>Tom & Jerry</b> <a href=x> &amp; < >")
LONG_TITLE = html.escape("Senior <React> & Go " * 200)  # 4,000 characters before escaping
ARGUMENT_SETS = {
    "sample": lambda name: "Anna",
    "numbers": lambda name: 21,
    "zero": lambda name: 0,
    "hostile": lambda name: HOSTILE,
    "long": lambda name: LONG_TITLE,
}


class _Variables(fluent_visitor.Visitor):
    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_VariableReference(self, node: VariableReference) -> None:
        self.names.add(node.id.name)


def _keys(language: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted(Path(LOCALES_DIR, language).glob("*.ftl")):
        for entry in parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, Message) and entry.value is not None:
                names = _Variables()
                names.visit(entry)
                found[entry.id.name] = names.names
    return found


CASES = [
    (language, key, names)
    for language in LANGUAGES
    for key, names in sorted(_keys(language).items())
]


@functools.cache
def _translator() -> Translator:
    return Translator()


@pytest.mark.parametrize(("language", "key", "names"), CASES,
                         ids=[f"{lang}:{key}" for lang, key, _ in CASES])
def test_every_key_renders_as_telegram_html(language: str, key: str, names: set[str]) -> None:
    i18n = _translator().pick(language)
    for arguments, value in ARGUMENT_SETS.items():
        text = cut_html(i18n.get(key, **{name: value(name) for name in names}))
        plain, _ = parse_html(text)  # raises on what Telegram would reject
        assert utf16_len(plain) <= TELEGRAM_TEXT_LIMIT, (key, arguments)
        assert "{???}" not in plain, (key, arguments)


def test_the_suite_covers_every_key_of_both_languages() -> None:
    assert len(CASES) > 200
    assert {key for lang, key, _ in CASES if lang == "ru"} == {
        key for lang, key, _ in CASES if lang == "en"
    }
