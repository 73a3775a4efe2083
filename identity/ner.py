"""Organisation names by natasha's slovnet NER (model and embeddings ship inside the wheel, so
it runs offline). Loaded once, on first use; any failure leaves the rules alone at work."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)
# NER reads tech words as organisations ("Python", "Kubernetes"); a name needs a capital and
# must not be a stack word most posts carry.
_TECH = re.compile(
    r"^(?:python|java|javascript|typescript|go|golang|react|vue|angular|node|php|kotlin|swift|"
    r"django|fastapi|spring|docker|kubernetes|k8s|postgresql|postgres|mysql|redis|kafka|aws|"
    r"gcp|azure|linux|git|jira|figma|sql|api|rest|ios|android|qa|devops|frontend|backend|"
    r"fullstack|hr|it|ui|ux|ml|ai|telegram|tg|hh|1с|1c|ооо|senior|middle|junior|lead)$", re.I,
)
MAX_CHARS = 3000

Finder = Callable[[str], list[str]]


class NerOrganisations:
    """Callable: text → ORG spans. Broken (import or model error) → always [] and logs once."""

    def __init__(self) -> None:
        self._parts: tuple[Any, Any, Any] | None = None
        self.broken = False

    def _load(self) -> tuple[Any, Any, Any]:
        if self._parts is None:
            from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

            self._parts = (Doc, Segmenter(), NewsNERTagger(NewsEmbedding()))
        return self._parts

    def __call__(self, text: str) -> list[str]:
        if self.broken or not text.strip():
            return []
        try:
            doc_type, segmenter, tagger = self._load()
            doc = doc_type(text[:MAX_CHARS])
            doc.segment(segmenter)
            doc.tag_ner(tagger)
            spans = [s.text for s in doc.spans if s.type == "ORG"]
        except Exception:  # a model that cannot load or run must not stop resolution
            log.exception("NER failed; company names come from rules only from now on")
            self.broken = True
            return []
        return [s for s in spans if not _TECH.match(s.strip()) and s[:1].isupper()]


def no_ner(text: str) -> list[str]:
    return []
