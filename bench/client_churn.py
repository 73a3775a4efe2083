"""The churn score against "days since last request" alone, on a time split of the real posts.

Clients come from the real merge (identity/, rules only) over tg_jobs_wudmc; features are
everything before CUTOFF, the label is "posted no request in the HORIZON days after it". The
data spans five weeks, so the horizon is 17 days, not the product's 30. Ranking quality: ROC AUC.

Run: .venv/bin/python -m bench.client_churn
Writes bench/results/client_churn.json.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from sklearn.metrics import roc_auc_score

from bench.common import Figure, require_shared, write_results
from crm.client_rules import ClientHistory, churn_risk
from identity.memory import MemoryIndex
from identity.resolve import resolve

# The posts' timestamps are naive collector-local times; read as UTC, consistently.
CUTOFF = datetime(2024, 5, 21, tzinfo=UTC)
HORIZON = timedelta(days=17)


def main() -> None:
    folder = require_shared("tg_jobs_wudmc")
    boards = {str(json.loads(line).get("username") or "").lower()
              for line in (folder / "channels.jsonl").open(encoding="utf-8")}
    rows = sorted((json.loads(line) for line in (folder / "records.jsonl").open(encoding="utf-8")),
                  key=lambda r: (r["datetime"], r["chat_id"], r["id"]))
    index, seen = MemoryIndex(), defaultdict(list)
    for row in rows:
        client = index.assign(resolve(row["text"] or "", boards=boards,
                                      source_username=row["channel_username"] or ""))
        if client is not None:
            seen[client].append(datetime.fromisoformat(row["datetime"]).replace(tzinfo=UTC))
    scores, recency, labels = [], [], []
    for dates in seen.values():
        before = sorted({d for d in dates if d < CUTOFF})
        if len(before) < 2:
            continue  # one request: no churn score, by design
        history = ClientHistory(0, len(before), before[0], before[-1], before[-2], len(before),
                                0.0, None, 0, None)
        scores.append(churn_risk(history, CUTOFF) or 0.0)
        recency.append((CUTOFF - before[-1]).total_seconds())
        labels.append(int(not any(CUTOFF <= d < CUTOFF + HORIZON for d in dates)))
    write_results("client_churn", [
        Figure("churn_auc_model", float(roc_auc_score(labels, scores)), "AUC", "> recency"),
        Figure("churn_auc_recency_only", float(roc_auc_score(labels, recency)), "AUC",
               "baseline"),
        Figure("churn_clients", float(len(labels)), "clients", "informational"),
        Figure("churn_share_churned", sum(labels) / len(labels), "share", "informational"),
    ])


if __name__ == "__main__":
    main()
