import random
import re

import pytest

from classifier.regex_trie import alternation

WORDS = ["java", "javascript", "js", "c", "c++", "c#", "go", "golang", "1c", "1с", "r", "rust",
         "react", "react native", "vue.js", "vue", "node.js", ".net", "a+b"]
AFTER = r"(?![0-9a-z_+#])"


def _flat(words: list[str]) -> re.Pattern[str]:
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(w) for w in ordered) + ")" + AFTER)


def _trie(words: list[str]) -> re.Pattern[str]:
    return re.compile(alternation(words) + AFTER)


@pytest.mark.parametrize("text", [
    "javascript and java", "react native, react", "c++ c# c", "golang go gopher",
    "vue.js vue.jsx node.js", "1c 1с .net", "a+b", "", "rustacean rust",
])
def test_matches_what_a_longest_first_alternation_matches(text: str) -> None:
    flat = [(m.start(), m.group(0)) for m in _flat(WORDS).finditer(text)]
    assert [(m.start(), m.group(0)) for m in _trie(WORDS).finditer(text)] == flat


def test_backtracks_to_a_shorter_word_when_the_longer_is_rejected() -> None:
    # "vue.jsx": "vue.js" is followed by a letter, so the trie must fall back to "vue".
    assert [m.group(0) for m in _trie(WORDS).finditer("vue.jsx")] == ["vue"]


def test_random_texts_agree_with_the_flat_form() -> None:
    rng = random.Random(7)
    alphabet = "javscriptgoln+#.1cс ertu"
    flat, trie = _flat(WORDS), _trie(WORDS)
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_metacharacters_are_literal() -> None:
    assert _trie(["a+b"]).fullmatch("a+b")
    assert _trie(["a+b"]).search("aab") is None
    assert alternation([]) == ""
