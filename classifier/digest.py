"""Split a digest post (openings of several employers) into one text per opening."""

from __future__ import annotations

import re

MIN_ITEM_CHARS = 12
# An opening starts at a numbered item, a dash/bullet, or an emoji bullet at the start of a line.
_ITEM_START = re.compile(
    r"^\s*(?:\d{1,2}\s*[.)]\s*|[—–\-•·●◾◽▪▫►▶✅☑✔➡👉🔹🔸🔺🔻💼📌⚡🟢🟩⭐️️\ufe0f]+\s*)(?=\S)"
)
_SEPARATOR = re.compile(r"^\s*(?:[-—–_=*~•·.]{3,}|[➖]{2,})\s*$")
_NOISE = re.compile(
    r"^\W*(?:больше вакансий|ещ[её] вакансии|подробнее|подписаться|навигация|"
    r"#\w+(?:\s+#\w+)*)\W*$",
    re.I,
)
_LETTERS = re.compile(r"[^\W\d_]")


def _is_item(text: str) -> bool:
    return len(_LETTERS.findall(text)) >= MIN_ITEM_CHARS and not _NOISE.match(text)


def _by_bullets(lines: list[str]) -> list[str]:
    items: list[list[str]] = []
    for line in lines:
        if _SEPARATOR.match(line):
            items.append([])
        elif _ITEM_START.match(line):
            items.append([_ITEM_START.sub("", line, count=1)])
        elif items and line.strip():
            items[-1].append(line.strip())
    return ["\n".join(i).strip() for i in items if i]


def _by_paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text)]


def split_digest(text: str) -> list[str]:
    """One text per opening; a post that is not a list comes back as itself (or [] if empty)."""
    if not text or not text.strip():
        return []
    lines = text[:50_000].split("\n")
    starts = sum(1 for line in lines if _ITEM_START.match(line))
    candidates = _by_bullets(lines) if starts >= 2 else _by_paragraphs(text[:50_000])
    items = [c for c in candidates if _is_item(c)]
    if len(items) < 2:
        # Header and footer paragraphs aside, a single opening is not a digest.
        return [text.strip()]
    # The first paragraph of a paragraph-split digest is usually its heading ("Вакансии недели").
    if starts < 2 and len(items) > 2 and len(items[0]) < 60 and "\n" not in items[0]:
        items = items[1:]
    return items
