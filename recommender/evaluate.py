"""The time split, the three baselines and the network, scored the same way.

Test: features from everything before TEST_CUTOFF, targets = the characteristics of each
client's requests after it. Training examples come from earlier cutoffs with targets that end
at TEST_CUTOFF (nothing after it is ever seen); the latest training cutoff is validation (best
epoch, per-category thresholds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
from sklearn.linear_model import LogisticRegression

from recommender import network
from recommender.dataset import Examples, examples, next_request_examples, popularity, stack
from recommender.dictionary import Dictionary
from recommender.features import Request
from recommender.metrics import report

TEST_CUTOFF = datetime(2024, 5, 21, tzinfo=UTC)
TEST_UNTIL = datetime(2024, 6, 8, tzinfo=UTC)
TRAIN_CUTOFFS = tuple(datetime(2024, 5, d, tzinfo=UTC) for d in (6, 8, 10, 12, 14))
VALIDATION_CUTOFF = datetime(2024, 5, 17, tzinfo=UTC)
TIE_BREAK = 1e-3  # own history ties (and empty histories) fall back on popularity


@dataclass(frozen=True)
class Evaluation:
    figures: dict[str, dict[str, float]]
    trained: network.Trained
    thresholds: dict[str, float]
    popular: np.ndarray
    default: str
    sizes: dict[str, int]


def _logistic(train: Examples, test: Examples, prior: np.ndarray) -> np.ndarray:
    scores = np.tile(prior, (len(test.clients), 1))
    for col in range(train.y.shape[1]):
        positives = int(train.y[:, col].sum())
        if positives < 2 or positives == len(train.clients):
            continue
        model = LogisticRegression(max_iter=500, C=1.0)
        model.fit(train.x, train.y[:, col])
        scores[:, col] = model.predict_proba(test.x)[:, 1]
    return scores


def run(by_client: dict[int, list[Request]], dictionary: Dictionary, *, seed: int = 13,
        progress: Callable[[int, float], None] | None = None) -> Evaluation:
    index = dictionary.index
    train = stack([examples(by_client, c, VALIDATION_CUTOFF, index) for c in TRAIN_CUTOFFS]
                  + [next_request_examples(by_client, VALIDATION_CUTOFF, index)])
    val = examples(by_client, VALIDATION_CUTOFF, TEST_CUTOFF, index)
    test = examples(by_client, TEST_CUTOFF, TEST_UNTIL, index)
    popular = popularity(by_client, TEST_CUTOFF, index)
    trained = network.train(train.x, train.y, val.x, val.y, seed=seed, progress=progress)
    scored = {
        "most_popular": np.tile(popular, (len(test.clients), 1)),
        "own_history": test.own + TIE_BREAK * popular,
        "logistic_regression": _logistic(train, test, popularity(by_client, VALIDATION_CUTOFF,
                                                                 index)),
        "network": network.predict(trained.model, test.x),
    }
    figures = {name: report(s, test.y) for name, s in scored.items()}
    beats = figures["network"]["map"] > figures["own_history"]["map"]
    default = "network" if beats else max(figures, key=lambda n: figures[n]["map"])
    categories = [c.split(":", 1)[0] for c in dictionary.ids]
    val_scores = (network.predict(trained.model, val.x) if default == "network"
                  else val.own + TIE_BREAK * popular)
    thresholds = network.category_thresholds(val_scores, val.y, categories)
    sizes = {"train": len(train.clients), "validation": len(val.clients),
             "test": len(test.clients)}
    return Evaluation(figures, trained, thresholds, popular, default, sizes)


__all__ = ["TEST_CUTOFF", "Evaluation", "run", "timedelta"]
