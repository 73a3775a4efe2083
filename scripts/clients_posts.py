"""The real posts as client request histories, for training and evaluating the recommender.

Clients come from identity's merge (rules only: fast, and the figures stay reproducible);
characteristics from the hand annotations where a post has one, else from the classifier's
rules (stack from the taxonomy, role families from the title's words and the stack, grades,
formats, employment from the parsers).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from classifier import parsers
from classifier.role_words import title_families
from classifier.taxonomy import Taxonomy
from identity.memory import MemoryIndex
from identity.resolve import resolve
from recommender.dictionary import characteristics
from recommender.features import Request

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def _labels(text: str, taxonomy: Taxonomy) -> dict[str, list[str]]:
    stack = list(taxonomy.find_stack(text))
    roles = list(title_families(text)) or sorted(taxonomy.role_families_for(stack))
    return {"roles": roles, "stack": stack, "grades": list(parsers.parse_grades(text)),
            "formats": list(parsers.parse_format(text)),
            "employment": list(parsers.parse_employment(text))}


def request_events(shared: Path = SHARED) -> Iterator[tuple[int, Request]]:
    """(client id, request) for every real post that has a client and reads as a request."""
    folder = shared / "tg_jobs_wudmc"
    boards = {str(r.get("username") or "").lower() for r in _rows(folder / "channels.jsonl")}
    annotated = {str(r["key"]): r for r in _rows(shared / "annotations" / "train.jsonl")}
    rows = sorted(_rows(folder / "records.jsonl"),
                  key=lambda r: (str(r["datetime"]), int(str(r["chat_id"])), int(str(r["id"]))))
    taxonomy, index = Taxonomy.load(), MemoryIndex()
    seen: set[str] = set()
    for row in rows:
        text = str(row["text"] or "")
        client = index.assign(resolve(text, boards=boards,
                                      source_username=str(row["channel_username"] or "")))
        # A cross-post is one request, however many channels carry it.
        if client is None or not text or text in seen:
            continue
        seen.add(text)
        note = annotated.get(f"{row['chat_id']}:{row['id']}")
        if note is not None and note["kind"] != "request":
            continue
        labels = ({"roles": note["roles"], "stack": note["stack"], "grades": note["grades"],
                   "formats": note["format"], "employment": note["employment"]}
                  if note is not None else _labels(text, taxonomy))
        found = characteristics(labels)  # type: ignore[arg-type]
        if found:
            at = datetime.fromisoformat(str(row["datetime"])).replace(tzinfo=UTC)
            yield client, Request(at, found)
