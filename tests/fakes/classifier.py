"""A deterministic keyword classifier behind the Classifier protocol: tests check the collector,
not model quality."""

from __future__ import annotations

import re
from collections.abc import Sequence

from classifier.api import Labels, Prediction, Rate

_RULES: tuple[tuple[str, str], ...] = (
    (r"дайджест|digest", "digest"),
    (r"бенч|bench|свободн|available", "offer"),
    (r"ищем|нужен|нужна|требуется|looking for|hiring|вакансия", "request"),
)
_STACK = {"react": ("frontend", "React"), "java": ("backend", "Java"), "go": ("backend", "Go"),
          "1с": ("erp", "1C"), "qa": ("qa", "QA"), "devops": ("devops", "Kubernetes"),
          "python": ("backend", "Python"), "аналитик": ("analyst", "SQL")}
_RATE = re.compile(r"(\d[\d ]*)\s*(?:₽|руб)\s*/\s*ч", re.I)


def _kind(text: str) -> str:
    for pattern, kind in _RULES:
        if re.search(pattern, text, re.I):
            return kind
    return "other"


def _labels(text: str, kind: str) -> Labels:
    words = set(re.findall(r"[\w+#]+", text.lower()))
    found = [v for k, v in _STACK.items() if k in words]
    rate = _RATE.search(text)
    return Labels(
        kind=kind,  # type: ignore[arg-type]
        roles=tuple(dict.fromkeys(r for r, _ in found)),
        stack=tuple(dict.fromkeys(s for _, s in found)),
        grades=tuple(g for g in ("junior", "middle", "senior") if g in text.lower()),
        rate=Rate(None, int(rate.group(1).replace(" ", "")), "RUB", "hour") if rate else None,
        format=("remote",) if "удален" in text.lower() or "remote" in words else (),
    )


class FakeClassifier:
    """`fail_on` texts raise (a poisoned post); `calls` records every batch seen."""

    def __init__(self, version: str = "fake-1", fail_on: str | None = None) -> None:
        self._version = version
        self.fail_on = fail_on
        self.calls: list[list[str]] = []

    @property
    def version(self) -> str:
        return self._version

    def _predict(self, text: str) -> Prediction:
        kind = _kind(text)
        confidences = {"kind": 0.9}
        if kind != "digest":
            return Prediction(_labels(text, kind), confidences, self._version,
                              unreadable=not text.strip())
        parts = [p.strip() for p in re.split(r"\n\s*\d+[.)]\s+", "\n" + text) if p.strip()][1:]
        items = tuple(Prediction(_labels(p, "request"), confidences, self._version) for p in parts)
        return Prediction(Labels(kind="digest"), confidences, self._version, items=items,
                          item_texts=tuple(parts))

    async def classify(self, texts: Sequence[str]) -> list[Prediction]:
        self.calls.append(list(texts))
        if self.fail_on is not None and any(self.fail_on in t for t in texts):
            raise RuntimeError("classifier blew up")
        return [self._predict(t) for t in texts]
