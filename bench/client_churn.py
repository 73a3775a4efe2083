"""The churn score against "days since last request" alone, on a time split of the real posts.

Clients come from the real merge (identity/, rules only) over tg_jobs_wudmc. Test: features
from everything before CUTOFF, label "posted no request in the HORIZON days after it"; the data
spans five weeks, so the horizon is 17 days, not the product's 30. A logistic regression on the
shipped model's two features is also fitted on an earlier snapshot (TRAIN_CUTOFF, labels ending
at CUTOFF: nothing after the cutoff is seen) to check the hand-set weights. Ranking: ROC AUC.

Run: .venv/bin/python -m bench.client_churn
Writes bench/results/client_churn.json.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from bench.common import Figure, require_shared, write_results
from crm.client_rules import ClientHistory, churn_risk
from identity.memory import MemoryIndex
from identity.resolve import resolve

# The posts' timestamps are naive collector-local times; read as UTC, consistently.
CUTOFF = datetime(2024, 5, 21, tzinfo=UTC)
HORIZON = timedelta(days=17)
TRAIN_CUTOFF = datetime(2024, 5, 11, tzinfo=UTC)


def _clients() -> list[list[datetime]]:
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
    return list(seen.values())


def _snapshot(clients: list[list[datetime]], cutoff: datetime, until: datetime
              ) -> tuple[list[ClientHistory], np.ndarray, list[int]]:
    histories, features, labels = [], [], []
    for dates in clients:
        before = sorted({d for d in dates if d < cutoff})
        if len(before) < 2:
            continue  # one request: no churn score, by design
        h = ClientHistory(0, len(before), before[0], before[-1], before[-2], len(before),
                          0.0, None, 0, None)
        gap = max((h.last_at - h.first_at).total_seconds() / 86400, 1.0) / (h.requests - 1)
        quiet = (cutoff - h.last_at).total_seconds() / 86400
        histories.append(h)
        features.append([min(quiet / gap, 20.0), math.log(h.requests)])
        labels.append(int(not any(cutoff <= d < until for d in dates)))
    return histories, np.array(features), labels


def main() -> None:
    clients = _clients()
    tests, x_test, y_test = _snapshot(clients, CUTOFF, CUTOFF + HORIZON)
    _, x_train, y_train = _snapshot(clients, TRAIN_CUTOFF, CUTOFF)
    fitted = LogisticRegression().fit(x_train, y_train)
    scores = [churn_risk(h, CUTOFF) or 0.0 for h in tests]
    recency = [(CUTOFF - h.last_at).total_seconds() for h in tests]
    weights = [float(w) for w in (*fitted.coef_[0], fitted.intercept_[0])]
    print("fitted weights (quiet/gap, log requests, 1):", [round(w, 3) for w in weights])
    write_results("client_churn", [
        Figure("churn_auc_model", float(roc_auc_score(y_test, scores)), "AUC", "> recency"),
        Figure("churn_auc_recency_only", float(roc_auc_score(y_test, recency)), "AUC",
               "baseline"),
        Figure("churn_auc_fitted_logistic", float(roc_auc_score(
            y_test, fitted.predict_proba(x_test)[:, 1])), "AUC", "informational"),
        Figure("churn_clients", float(len(y_test)), "clients", "informational"),
        Figure("churn_train_clients", float(len(y_train)), "clients", "informational"),
        Figure("churn_share_churned", sum(y_test) / len(y_test), "share", "informational"),
    ])


if __name__ == "__main__":
    main()
