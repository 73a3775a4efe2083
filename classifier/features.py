"""Features for the linear baseline: TF-IDF of chars and words plus the rule parsers' findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from classifier import parsers
from classifier.api import EMPLOYMENTS, FORMATS, GRADES, ROLE_FAMILIES
from classifier.labels import clean_text
from classifier.taxonomy import Taxonomy

MODEL_CHARS = 3000  # the head of a post says what it is; the tail is perks and contacts
TITLE_CHARS = 160  # the opening line names the role; give it features of its own
RULE_WEIGHT = 1.0


@dataclass(frozen=True)
class Parsed:
    """What the rules find in one text; reused for features and for the final labels."""

    stack: tuple[str, ...]
    grades: tuple[str, ...]
    format: tuple[str, ...]
    employment: tuple[str, ...]
    families: frozenset[str]
    has_rate: bool
    has_location: bool


def parse_all(text: str, taxonomy: Taxonomy) -> Parsed:
    stack = taxonomy.find_stack(text)
    return Parsed(
        stack=stack,
        grades=parsers.parse_grades(text),
        format=parsers.parse_format(text),
        employment=parsers.parse_employment(text),
        families=frozenset(taxonomy.role_families_for(stack)),
        has_rate=parsers.parse_rate(text) is not None,
        has_location=parsers.parse_location(text) is not None,
    )


def rule_matrix(parsed: Sequence[Parsed]) -> sparse.csr_matrix:
    columns = [*GRADES, *FORMATS, *EMPLOYMENTS, *ROLE_FAMILIES, "rate", "location"]
    out = np.zeros((len(parsed), len(columns)), dtype=np.float32)
    index = {name: i for i, name in enumerate(columns)}
    for row, p in enumerate(parsed):
        # The first three groups share no names, so one index serves them all.
        for name in (*p.grades, *p.format, *p.employment, *p.families):
            out[row, index[name]] = RULE_WEIGHT
        out[row, index["rate"]] = RULE_WEIGHT * p.has_rate
        out[row, index["location"]] = RULE_WEIGHT * p.has_location
    return sparse.csr_matrix(out)


class TextFeatures:
    """Char 2–5-grams and word 1–2-grams (sublinear TF-IDF) next to the rule columns."""

    def __init__(self) -> None:
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), min_df=2, max_features=150_000,
            sublinear_tf=True, lowercase=True,
        )
        self.words = TfidfVectorizer(
            analyzer="word", ngram_range=(1, 2), min_df=2, max_features=60_000,
            sublinear_tf=True, lowercase=True, token_pattern=r"(?u)[#\w][\w+#.-]*\w|\w",
        )
        self.title = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), min_df=2, max_features=40_000,
            sublinear_tf=True, lowercase=True,
        )

    def fit_transform(self, texts: Sequence[str], parsed: Sequence[Parsed]) -> sparse.csr_matrix:
        cleaned = [clean_text(t, MODEL_CHARS) for t in texts]
        return sparse.hstack([
            self.chars.fit_transform(cleaned), self.words.fit_transform(cleaned),
            self.title.fit_transform([c[:TITLE_CHARS] for c in cleaned]), rule_matrix(parsed),
        ]).tocsr()

    def transform(self, texts: Sequence[str], parsed: Sequence[Parsed]) -> sparse.csr_matrix:
        cleaned = [clean_text(t, MODEL_CHARS) for t in texts]
        return sparse.hstack([
            self.chars.transform(cleaned), self.words.transform(cleaned),
            self.title.transform([c[:TITLE_CHARS] for c in cleaned]), rule_matrix(parsed),
        ]).tocsr()
