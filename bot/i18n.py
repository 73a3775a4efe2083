"""Fluent texts: locales/<lang>/*.ftl, one file per feature, one I18n per language."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
LANGUAGES: tuple[str, ...] = ("ru", "en")
# fluent.runtime refuses a placeable over 2,500 characters and prints "{???}" instead, so
# longer strings (a long post, a card body) are put in after formatting.
LONG_ARGUMENT = 2000
log = logging.getLogger(__name__)


class I18n:
    """Texts in one language; `get` never raises, a missing key shows as the key itself."""

    def __init__(self, language: str, bundle: FluentBundle) -> None:
        self.language = language
        self._bundle = bundle

    def get(self, key: str, **args: Any) -> str:
        if not self._bundle.has_message(key):
            log.error("missing Fluent key %s for %s", key, self.language)
            return key
        message = self._bundle.get_message(key)
        if message.value is None:
            return key
        long = {
            name: value for name, value in args.items()
            if isinstance(value, str) and len(value) > LONG_ARGUMENT
        }
        marks = {name: f"\x00{index}\x00" for index, name in enumerate(long)}
        text, errors = self._bundle.format_pattern(message.value, {**args, **marks})
        if errors:
            log.error("Fluent errors in %s/%s: %s", self.language, key, errors)
        text = str(text)
        for name, mark in marks.items():
            text = text.replace(mark, long[name])
        return text

    def has(self, key: str) -> bool:
        return bool(self._bundle.has_message(key))


class Translator:
    """Loads every language once at start-up; hands out the I18n for a user."""

    def __init__(
        self, default_language: str = "ru", languages: Iterable[str] = LANGUAGES,
        locales_dir: Path = LOCALES_DIR,
    ) -> None:
        self.default_language = default_language
        self._by_language = {
            lang: I18n(lang, load_bundle(locales_dir, lang)) for lang in languages
        }

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._by_language)

    def pick(self, *candidates: str | None) -> I18n:
        """The first candidate language we have, else the default."""
        for candidate in candidates:
            short = (candidate or "").split("-")[0].lower()
            if short in self._by_language:
                return self._by_language[short]
        return self._by_language[self.default_language]


def load_bundle(locales_dir: Path, language: str) -> FluentBundle:
    # Isolation marks (U+2068/2069) around arguments would leak into Telegram texts and tests.
    bundle = FluentBundle([language], use_isolating=False)
    for path in sorted((locales_dir / language).glob("*.ftl")):
        bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return bundle
