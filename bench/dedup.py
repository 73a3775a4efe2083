"""Cross-post detection on the shared posts: exact copies must share a fingerprint, lightly
edited reposts must be paired, and different posts (random, or of one channel's template)
must not be. Edits are what reposts do: emoji, hashtags, a link, a channel footer, doubled
spaces, a dropped line, a header."""

from __future__ import annotations

import argparse
import asyncio
import collections
import itertools
import json
import random
import re

from bench import dedup_ingest
from bench.common import ADMIN_URL, Figure, require_shared, write_results
from classifier.dedup import fingerprint, is_copy, same_request
from collector.textsig import simhash

EMOJI = ("🔥", "✅", "💼", "👉", "⚡️")
EDITS = ("emoji", "tags", "link", "footer", "space", "dropline", "header")


def perturb(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    edits = rng.sample(EDITS, 3)
    if "emoji" in edits:
        lines = [f"{rng.choice(EMOJI)} {line}" if line.strip() and rng.random() < 0.4 else line
                 for line in lines]
    if "tags" in edits:
        lines.append("#вакансия #remote #" + rng.choice(["python", "java", "design"]))
    if "link" in edits:
        lines.append(f"Откликнуться: https://t.me/some_channel/{rng.randint(1, 9999)}")
    if "footer" in edits:
        lines.append("Подписывайтесь на наш канал @jobs_channel_x — больше вакансий каждый день!")
    if "space" in edits:
        lines = [re.sub(" ", "  ", line) for line in lines]
    if "dropline" in edits and len(lines) > 6:
        del lines[rng.randrange(len(lines))]
    if "header" in edits:
        lines.insert(0, "Новая вакансия от партнёров:")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edited", type=int, default=1000)
    parser.add_argument("--random-pairs", type=int, default=5000)
    parser.add_argument("--admin-url", default=ADMIN_URL)
    parser.add_argument("--veto-fields", default=None,
                        help="label fields of the merge veto, comma-separated ('' for none); "
                             "default: the collector's policy")
    args = parser.parse_args()
    veto = None if args.veto_fields is None else tuple(
        f for f in args.veto_fields.split(",") if f)
    path = require_shared("tg_jobs_wudmc/records.jsonl")
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rng = random.Random(1)
    by_text: dict[str, list[dict[str, object]]] = collections.defaultdict(list)
    for row in rows:
        if row.get("text"):
            by_text[str(row["text"])].append(row)
    copies = [
        (str(a["text"]), str(b["text"]))
        for group in by_text.values() if len(group) > 1
        for a, b in itertools.combinations(group, 2)
    ]
    distinct = [text for text in by_text if len(text) > 120]
    edited = [(t, perturb(t, rng)) for t in rng.sample(distinct, args.edited)]
    # Every distinct post once, at its first sighting; the edited ones get a repost.
    firsts = [group[0] for group in by_text.values()]
    index = {str(row["text"]): i for i, row in enumerate(firsts)}
    ingest_figures = asyncio.run(dedup_ingest.measure(
        firsts, [(index[a], b) for a, b in edited], args.admin_url, veto))
    random_pairs = [tuple(rng.sample(distinct, 2)) for _ in range(args.random_pairs)]
    by_channel: dict[str, list[str]] = collections.defaultdict(list)
    for row in rows:
        text = str(row.get("text") or "")
        if len(text) > 120:
            by_channel[str(row["channel_username"])].append(text)
    same_channel = [
        tuple(rng.sample(texts, 2))
        for texts in (list(dict.fromkeys(t)) for t in by_channel.values()) if len(texts) >= 2
        for _ in range(40)
    ]
    write_results("dedup", [
        Figure("dedup.exact_copy_pairs_same_fingerprint",
               sum(fingerprint(a) == fingerprint(b) for a, b in copies) / len(copies),
               "share", f"1.0 of {len(copies)} pairs"),
        Figure("dedup.edited_reposts_paired", sum(is_copy(a, b) for a, b in edited) / len(edited),
               "share", "high (informational)"),
        Figure("dedup.edited_reposts_same_request",
               sum(same_request(a, b) for a, b in edited) / len(edited), "share",
               "copies whose titles agree: what crm.ingest merges (collector's policy)"),
        Figure("dedup.same_channel_pairs_same_request",
               float(sum(same_request(a, b) for a, b in same_channel)), "pairs",
               f"of {len(same_channel)}"),
        Figure("dedup.simhash_rule_edited_reposts_paired",
               sum((simhash(a) ^ simhash(b)).bit_count() <= 3 for a, b in edited) / len(edited),
               "share", "the rule crm.ingest had before band keys (<= 3 bits)"),
        Figure("dedup.random_pairs_called_copies",
               float(sum(is_copy(a, b) for a, b in random_pairs)), "pairs",
               f"0 of {len(random_pairs)}"),
        Figure("dedup.same_channel_pairs_called_copies",
               float(sum(is_copy(a, b) for a, b in same_channel)), "pairs",
               f"of {len(same_channel)}; most are real reposts"),
        *ingest_figures,
    ])


if __name__ == "__main__":
    main()
