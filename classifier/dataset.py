"""Reading labelled posts and the fixed train/dev split every figure is reported on."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from classifier.api import Labels

# The dev split is a pure function of the post key, so every run and every model is scored on
# the same posts. Cross-posts share their text, so they are split by normalised text, as the
# holdout of ../shared/data was (SOURCES.md), to keep copies from straddling train and dev.
# The shared data sets live beside the project checkout (../shared/data), never inside it.
DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data"
ANNOTATIONS = DATA_DIR / "annotations" / "train.jsonl"
TG_RECORDS = DATA_DIR / "tg_jobs_wudmc" / "records.jsonl"
DEV_SALT = "radar-dev-v1|"
DEV_PERCENT = 20


@dataclass(frozen=True)
class Example:
    key: str
    text: str
    labels: Labels
    channel: str | None = None


class DatasetError(ValueError):
    """A labelled file that cannot be read: the message names the file and line."""


def read_examples(path: Path) -> list[Example]:
    return list(iter_examples(path))


def iter_examples(path: Path) -> Iterator[Example]:
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                yield Example(
                    key=str(row.get("key") or f"{path.name}:{number}"),
                    text=row.get("text") or "",
                    labels=Labels.from_annotation(row),
                    channel=row.get("channel"),
                )
            except (ValueError, TypeError, AttributeError) as exc:
                raise DatasetError(f"{path}:{number}: not a labelled post ({exc})") from exc


def _split_key(text: str) -> str:
    import re

    norm = re.sub(r"(https?://\S+|www\.\S+|t\.me/\S+)", " ", text.lower(), flags=re.I)
    return re.sub(r"[\W_]+", " ", norm).strip()


def is_dev(example: Example) -> bool:
    key = _split_key(example.text) or example.key
    bucket = int(hashlib.sha1((DEV_SALT + key).encode("utf-8")).hexdigest(), 16) % 100
    return bucket < DEV_PERCENT


def train_dev_split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    train = [e for e in examples if not is_dev(e)]
    dev = [e for e in examples if is_dev(e)]
    return train, dev
