"""Cross-post detection: exact fingerprints, 64-bit simhash, and a similarity score for two texts.

Copies differ in emoji, hashtags, links, @handles and channel footers, so all of those are removed
before comparing. Two openings built from one template share most words but not the ones that
matter (title, company, pay), so `similar` weighs rare-ish content words, not the template.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from functools import lru_cache

import numpy as np

from classifier.role_words import ROLE_WORDS
from classifier.taxonomy import Taxonomy

SHINGLE = 3
MAX_CHARS = 20_000
NUMBER_PENALTY = 0.3
NEAR_IDENTICAL = 0.95
# A title is found when this share of its words is in the other text's first lines.
TITLE_SHARE = 0.7
TITLE_HEAD_LINES = 3
STEM_CHARS = 7
# Two first lines sharing this share of the shorter one's words are one title, edited.
TITLE_OVERLAP = 0.5
_URL = re.compile(r"(?:https?://|www\.|t\.me/)\S+", re.I)
_TAG = re.compile(r"[#@][\w.]+")
_HANDLE = re.compile(r"@[\w.]+")
_WORD = re.compile(r"[^\W_]+", re.U)
# A role word starts a word (as classifier.role_words matches them).
_TERM_START = r"(?<![0-9A-Za-zА-Яа-яЁё_])"
# Channel footers ("Подписывайтесь…", "Обсуждение вакансии в чате …") differ per channel.
_FOOTER = re.compile(
    r"^.*(?:подпис(?:ывайтесь|аться)|наш канал|канал с вакансиями|обсуждение вакансии|"
    r"публикатор|разместить вакансию|реклама|предложить вакансию|источник).*$",
    re.I | re.M,
)


def words(text: str) -> list[str]:
    """Normalised content words: no links, tags, handles, footers, emoji or punctuation."""
    norm = unicodedata.normalize("NFKC", (text or "")[:MAX_CHARS]).lower().replace("ё", "е")
    norm = _FOOTER.sub(" ", _TAG.sub(" ", _URL.sub(" ", norm)))
    return _WORD.findall(norm)


def fingerprint(text: str) -> str:
    """Same value for texts that are the same words in the same order (exact copies).

    A text without words (a bare link) is its own stripped text: as words it is the empty
    string, and every link-only post in the window shared one card.
    """
    found = words(text)
    bare = unicodedata.normalize("NFKC", text or "").strip()
    basis = " ".join(found) if found else "\x00" + bare
    return hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()


def shingles(tokens: list[str]) -> set[str]:
    """Word 3-shingles (one shingle of all words for a shorter text)."""
    if len(tokens) < SHINGLE:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i: i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def _h64(item: str) -> int:
    return int.from_bytes(hashlib.blake2b(item.encode("utf-8"), digest_size=8).digest(), "big")


_BIT_SHIFTS = np.arange(64, dtype=np.uint64)


def simhash(text: str) -> int:
    """64-bit simhash over word 3-shingles; near copies differ in a few bits."""
    grams = shingles(words(text))
    if not grams:
        return 0
    hashes = np.fromiter((_h64(sh) for sh in grams), dtype=np.uint64, count=len(grams))
    # A bit is set where more shingles have it than not (+1 per set bit, -1 per clear one):
    # the per-bit vote in numpy, a Python loop of 64 steps per shingle cost ~1.5 ms a post.
    ones = ((hashes[:, None] >> _BIT_SHIFTS) & np.uint64(1)).sum(axis=0)
    return int(((2 * ones > len(grams)).astype(np.uint64) << _BIT_SHIFTS).sum())


def hamming(a: int, b: int) -> int:
    """Number of differing bits of two 64-bit hashes."""
    return (a ^ b).bit_count()


def similar(a_text: str, b_text: str) -> float:
    """0..1: containment of word 3-shingles (the shorter text in the longer one).

    Containment, not Jaccard, so a copy with a footer cut off or an intro added still scores
    high; differing numbers cost up to NUMBER_PENALTY, so a template with other figures drops.
    """
    wa, wb = words(a_text), words(b_text)
    a, b = shingles(wa), shingles(wb)
    if not a or not b:
        return 1.0 if not a and not b else 0.0
    score = len(a & b) / min(len(a), len(b))
    # "117 свежих вакансий" vs "122 свежих вакансии": a template whose numbers changed is
    # another post; a repost keeps its numbers (pay, dates, counts).
    na, nb = {w for w in wa if w.isdigit()}, {w for w in wb if w.isdigit()}
    if na and nb:
        score -= NUMBER_PENALTY * (1 - len(na & nb) / len(na | nb))
    return max(score, 0.0)


def _title_lines(text: str) -> list[list[str]]:
    lines = (words(line) for line in (text or "")[:MAX_CHARS].splitlines())
    return [line for line in lines if line]


def _title_found(title_of: list[list[str]], head_of: list[list[str]]) -> float:
    title = set(title_of[0])
    head = {w for line in head_of[:TITLE_HEAD_LINES] for w in line}
    return len(title & head) / len(title)


@lru_cache(maxsize=1)
def _role_terms() -> re.Pattern[str]:
    # To the end of the word: "game" is how ROLE_WORDS finds "games" and "gamedev".
    return re.compile(_TERM_START + "(?:" + "|".join(ROLE_WORDS.values()) + r")[^\W_]*")


@lru_cache(maxsize=1)
def _taxonomy() -> Taxonomy:
    return Taxonomy.load()


def _stem(word: str) -> str:
    # A cheap stem: "разработчика"/"разработчик", "developer"/"developers" are one word here.
    return word[:STEM_CHARS]


def _tags_as_words(text: str) -> str:
    # "#Дизайнер" names whom a post seeks as well as "Дизайнер" does; links and handles do not.
    return _HANDLE.sub(" ", _URL.sub(" ", unicodedata.normalize("NFKC", text))).replace("#", " ")


def _key_terms(lines: list[str]) -> tuple[list[set[str]], set[str]]:
    """The role words ("qa", "c++ developer", "дизайнер") named in lines, each as its word
    stems, and the technologies."""
    # Spaces collapsed: a repost's doubled spaces must not hide "vue  js" from the taxonomy.
    text = " ".join(_tags_as_words("\n".join(lines)).split())
    plain = text.lower().replace("ё", "е")
    roles = [{_stem(w) for w in _WORD.findall(m.group())} for m in _role_terms().finditer(plain)]
    return roles, set(_taxonomy().find_stack(text))


def _head(text: str) -> list[str]:
    """The first lines with words (those _title_lines keeps), as written."""
    lines = (line for line in (text or "")[:MAX_CHARS].splitlines() if words(line))
    return list(itertools.islice(lines, TITLE_HEAD_LINES))


def _terms_found(head_of: list[str], other_head: list[str], figures: bool = True) -> bool:
    """Every role word, technology and figure of one title is in the other's first lines
    (a role word's words in any order: "Java Senior Developer" is "Senior Java Developer")."""
    roles, techs = _key_terms(head_of[:1])
    numbers = {w for w in words(head_of[0]) if w.isdigit()} if figures else set()
    if not roles and not techs and not numbers:
        return True
    other = _WORD.findall(_tags_as_words("\n".join(other_head)).lower().replace("ё", "е"))
    if not numbers <= set(other):
        return False  # "Дизайнер | От 150 000 р." is not "Дизайнер | От 40 000 р."
    stems = {_stem(w) for w in other}
    return all(role <= stems for role in roles) and techs <= _key_terms(other_head)[1]


def titles_agree(a_text: str, b_text: str) -> bool:
    """One text's first line is (mostly) in the other's first lines, and each title's role
    words, technologies and figures are in the other's first lines.

    Openings a company posts in one template share their long 'about us' but not the title
    ("Java Developer" / "Go Developer", then the same company text); a repost keeps the title,
    maybe under a header it adds ("Новая вакансия от партнёров:"). The share alone let "C++
    Developer at MY.GAMES" pass for "QA Specialist at MY.GAMES" (4 of 5 words, "developer" is
    in the company line): the words that name whom a post seeks must all be there, both ways
    ("Data Scientist" is not "Data Scientist / ML Engineer (NLP)" of one company's listing).
    """
    a, b = _title_lines(a_text), _title_lines(b_text)
    if not a or not b:
        return True
    ha, hb = _head(a_text), _head(b_text)
    if not ((_title_found(a, b) >= TITLE_SHARE and _terms_found(ha, hb))
            or (_title_found(b, a) >= TITLE_SHARE and _terms_found(hb, ha))):
        return False
    ta, tb = set(a[0]), set(b[0])
    if len(ta & tb) < TITLE_OVERLAP * min(len(ta), len(tb)):
        return True  # a header added or the title line dropped: the title there was found
    # The first lines are one title edited: each one's role words must be in the other.
    return _terms_found(ha, hb, figures=False) and _terms_found(hb, ha, figures=False)


def same_request(a_text: str, b_text: str) -> bool:
    """What merges a post into a card: a copy whose titles agree (bench/dedup.py measures it)."""
    return is_copy(a_text, b_text) and titles_agree(a_text, b_text)


def near_identical(a_text: str, b_text: str) -> bool:
    """The same words in the same order, or all but a few shingles: a copy no disagreement of
    the classifier's labels can split (it gave a pair with similar 1.0 "non_it" / "design")."""
    return fingerprint(a_text) == fingerprint(b_text) or similar(a_text, b_text) >= NEAR_IDENTICAL


def is_copy(a_text: str, b_text: str, threshold: float = 0.8) -> bool:
    """The decision the measured figures in the report were taken at."""
    return fingerprint(a_text) == fingerprint(b_text) or similar(a_text, b_text) >= threshold
