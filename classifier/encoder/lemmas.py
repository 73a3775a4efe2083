"""Lemmatised text for the linear heads' word n-grams (pymorphy3, one parse per distinct word).

"разработчика", "разработчиков" and "разработчик" are one feature after lemmatising, which
matters with 2,500 labelled posts: most inflected forms are seen once or never. Only Cyrillic
words are lemmatised; "node.js", "c#", "#python" and numbers pass through as they are.

pymorphy3 parses a word in ~50 µs, too slow to repeat for every word of every post, so each
distinct word is parsed once and kept (cleared when full, as FastTfidf's word cache is).
`load_lemmatiser()` never raises: without pymorphy3 the heads read the words unlemmatised
(logged; their version says so, see classifier/transformers_model.py).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache

log = logging.getLogger(__name__)

# The linear heads' word token pattern (classifier/encoder/linear_roles.py WORD_PATTERN).
TOKENS = re.compile(r"(?u)[#\w][\w+#.-]*\w|\w")
CYRILLIC = re.compile(r"[а-яё]+(?:-[а-яё]+)*")


class Lemmatiser:
    """`lemmatise(text)` → the text's tokens, lower-cased, Cyrillic words as their lemma."""

    def __init__(self, morph: object, max_words: int = 200_000) -> None:
        self._parse = morph.parse  # type: ignore[attr-defined]
        self._cache: dict[str, str] = {}
        self.max_words = max_words

    @classmethod
    def load(cls) -> Lemmatiser:
        import pymorphy3

        return cls(pymorphy3.MorphAnalyzer(lang="ru"))

    def lemma(self, word: str) -> str:
        known = self._cache.get(word)
        if known is not None:
            return known
        lemma = word
        if CYRILLIC.fullmatch(word):
            parses = self._parse(word)
            lemma = parses[0].normal_form if parses else word
        if len(self._cache) >= self.max_words:
            self._cache.clear()
        self._cache[word] = lemma
        return lemma

    def lemmatise(self, text: str) -> str:
        return " ".join(map(self.lemma, TOKENS.findall(text.lower())))

    def lemmatise_all(self, texts: Sequence[str]) -> list[str]:
        return [self.lemmatise(t) for t in texts]


@lru_cache(maxsize=1)
def load_lemmatiser() -> Lemmatiser | None:
    """The process's one lemmatiser; None, logged, when pymorphy3 or its dictionary fails."""
    try:
        return Lemmatiser.load()
    except Exception as exc:  # a dependency's failure must not stop classifying
        log.warning("pymorphy3 lemmatiser unavailable, words stay unlemmatised: %r", exc)
        return None


def word_inputs(texts: Sequence[str], lemmatiser: Lemmatiser | None) -> list[str]:
    """What the word vectorizer reads: lemmatised text, or the text itself as a fallback."""
    return lemmatiser.lemmatise_all(texts) if lemmatiser is not None else list(texts)
