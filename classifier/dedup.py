"""Cross-post detection: exact fingerprints, 64-bit simhash, and a similarity score for two texts.

Copies differ in emoji, hashtags, links, @handles and channel footers, so all of those are removed
before comparing. Two openings built from one template share most words but not the ones that
matter (title, company, pay), so `similar` weighs rare-ish content words, not the template.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

SHINGLE = 3
MAX_CHARS = 20_000
NUMBER_PENALTY = 0.3
# A title is found when this share of its words is in the other text's first lines.
TITLE_SHARE = 0.7
TITLE_HEAD_LINES = 3
_URL = re.compile(r"(?:https?://|www\.|t\.me/)\S+", re.I)
_TAG = re.compile(r"[#@][\w.]+")
_WORD = re.compile(r"[^\W_]+", re.U)
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
    """Same value for texts that are the same words in the same order (exact copies)."""
    return hashlib.sha1(" ".join(words(text)).encode("utf-8")).hexdigest()


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


def titles_agree(a_text: str, b_text: str) -> bool:
    """One text's first line is (mostly) in the other's first lines.

    Openings a company posts in one template share their long 'about us' but not the title
    ("Java Developer" / "Go Developer", then the same company text); a repost keeps the title,
    maybe under a header it adds ("Новая вакансия от партнёров:").
    """
    a, b = _title_lines(a_text), _title_lines(b_text)
    if not a or not b:
        return True
    return max(_title_found(a, b), _title_found(b, a)) >= TITLE_SHARE


def same_request(a_text: str, b_text: str) -> bool:
    """What merges a post into a card: a copy whose titles agree (bench/dedup.py measures it)."""
    return is_copy(a_text, b_text) and titles_agree(a_text, b_text)


def is_copy(a_text: str, b_text: str, threshold: float = 0.8) -> bool:
    """The decision the measured figures in the report were taken at."""
    return fingerprint(a_text) == fingerprint(b_text) or similar(a_text, b_text) >= threshold
