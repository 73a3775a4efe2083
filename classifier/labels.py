"""Pure thresholds and text mapping: when to review, what is unreadable, what a model reads."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields

URL_TOKEN = "<url>"
MENTION_TOKEN = "<user>"
DEFAULT_MAX_CHARS = 4000

_URL = re.compile(r"(?:https?://|www\.|t\.me/)\S+", re.I)
_MENTION = re.compile(r"(?<![\w.])@[A-Za-z0-9_]{4,}")
_MARKUP = re.compile(r"</?[A-Za-z][^>]{0,200}>|[*_~`|]{2,}|\[[^\]]{0,200}\]\([^)]{0,500}\)")
_SPACES = re.compile(r"[ \t\u00a0\u200b\u200c\u200d\u2060\ufeff]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_LETTER_RUN = re.compile(r"[^\W\d_]{2,}")


# A rule field whose outcome is right less often than this on the hand labels is reviewed.
REVIEW_ACCURACY = 0.85


@dataclass(frozen=True)
class Thresholds:
    """Per-field minimum confidence; a field below its threshold sends the post to review."""

    # A list field's confidence is its least certain yes/no decision, which is never below 0.5.
    kind: float = 0.7
    roles: float = 0.6
    stack: float = 0.5
    employment: float = 0.6
    # Rule fields carry calibrated accuracies (classifier/rule_confidence.json): an outcome
    # right less often than REVIEW_ACCURACY goes to review (today: a duration found, 0.84).
    grades: float = REVIEW_ACCURACY
    rate: float = REVIEW_ACCURACY
    format: float = REVIEW_ACCURACY
    location: float = REVIEW_ACCURACY
    duration_months: float = REVIEW_ACCURACY
    headcount: float = REVIEW_ACCURACY

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def needs_review(confidences: Mapping[str, float], thresholds: Thresholds | None = None) -> bool:
    """True when any field's confidence is below its threshold (missing fields are not judged)."""
    limits = (thresholds or Thresholds()).as_dict()
    return any(
        name in limits and value < limits[name] for name, value in confidences.items()
    )


def is_unreadable(text: str | None) -> bool:
    """Nothing to classify: empty, emoji/markup/links only, or no word of two letters."""
    if not text or not text.strip():
        return True
    stripped = _MARKUP.sub(" ", _URL.sub(" ", text))
    return _LETTER_RUN.search(stripped) is None


def clean_text(text: str | None, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Model input: NFC, urls and @handles as tokens, collapsed whitespace, at most `max_chars`."""
    if not text:
        return ""
    # Cut before the regexes so a 100,000-character post costs what a long post costs.
    head = unicodedata.normalize("NFC", text[: max_chars * 2])
    head = _MENTION.sub(MENTION_TOKEN, _URL.sub(URL_TOKEN, head))
    head = _BLANK_LINES.sub("\n", _SPACES.sub(" ", head))
    return "\n".join(line.strip() for line in head.split("\n")).strip()[:max_chars]
