"""Unlabelled text for the tokenizer and masked-LM pretraining, read from ../shared/data."""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

from classifier.labels import clean_text

# Text fields per source, as SOURCES.md builds its split key; key skills add stack spellings.
SOURCE_FIELDS: dict[str, tuple[str, ...]] = {
    "tg_jobs_wudmc": ("text",),
    "hh_it_2025_sachayt1": ("name", "snippet_requirement", "snippet_responsibility"),
    "hh_analysts_2025_mqrvi": ("Название", "Требования", "Ключевые навыки"),
    "hh_urfu_2022_codenjoyer": ("name", "description", "key_skills"),
}
_TAG = re.compile(r"<[^>]{0,200}>")


def corpus_files(data_dir: Path) -> list[Path]:
    return [
        data_dir / name / "records.jsonl"
        for name in SOURCE_FIELDS
        if (data_dir / name / "records.jsonl").exists()
    ]


def iter_texts(data_dir: Path) -> Iterator[str]:
    """Every non-empty post/vacancy text once (cross-posts are deduplicated)."""
    seen: set[str] = set()
    for path in corpus_files(data_dir):
        fields = SOURCE_FIELDS[path.parent.name]
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                parts = [str(row.get(f) or "") for f in fields]
                # clean_text as at inference, so urls/@handles become tokens seen in training.
                text = clean_text(html.unescape(_TAG.sub(" ", "\n".join(p for p in parts if p))))
                if not text or text in seen:
                    continue
                seen.add(text)
                yield text


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
