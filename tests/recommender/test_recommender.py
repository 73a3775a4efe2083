from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from recommender import artifact, network
from recommender.dataset import examples, histories
from recommender.dictionary import Dictionary
from recommender.features import Request
from recommender.metrics import mean_average_precision, precision_at, recall_at
from recommender.serve import _loaded, recommend

T0 = datetime(2024, 5, 1, tzinfo=UTC)
IDS = ("role:backend", "role:frontend", "role:qa", "stack:Python", "stack:React", "grade:senior")


def _dictionary(tmp_path: Path, ids: tuple[str, ...] = IDS) -> Dictionary:
    categories: dict[str, list[str]] = {}
    for c in ids:
        category, value = c.split(":", 1)
        categories.setdefault(category, []).append(value)
    path = tmp_path / "characteristics.json"
    path.write_text(json.dumps({"categories": categories}), encoding="utf-8")
    return Dictionary.load(path)


def _request(day: int, *chars: str) -> Request:
    return Request(T0 + timedelta(days=day), frozenset(chars))


def _ship(tmp_path: Path, default: str, seed: int = 3) -> tuple[Path, str]:
    """A tiny trained artifact: React clients keep asking React, Python ones Python."""
    index = {c: i for i, c in enumerate(IDS)}
    by_client = histories(
        [(c, _request(d, "role:frontend", "stack:React")) for c in range(10) for d in (0, 5, 9)]
        + [(c, _request(d, "role:backend", "stack:Python")) for c in range(10, 20)
           for d in (1, 6, 9)]
    )
    data = examples(by_client, T0 + timedelta(days=7), T0 + timedelta(days=10), index)
    trained = network.train(data.x, data.y, data.x, data.y, seed=seed, epochs=60)
    meta = {"default": default, "characteristics": list(IDS),
            "thresholds": dict.fromkeys(("role", "stack", "grade"), 0.3),
            "popular": [0.3, 0.3, 0.1, 0.1, 0.1, 0.1], "hidden": list(network.HIDDEN),
            "seed": seed}
    out = tmp_path / default
    version = artifact.save(out, trained.model.state_dict(), meta)
    _loaded.cache_clear()
    return out, version


class TestMetrics:
    def test_ranking_figures_on_a_hand_worked_case(self) -> None:
        scores = np.array([[0.9, 0.8, 0.1, 0.0], [0.1, 0.2, 0.9, 0.8]])
        truth = np.array([[1, 0, 1, 0], [0, 0, 0, 1]], dtype=np.float32)
        assert precision_at(scores, truth, 1) == pytest.approx(0.5)
        assert recall_at(scores, truth, 2) == pytest.approx((0.5 + 1.0) / 2)
        # AP: first row hits at ranks 1 and 3 → (1 + 2/3)/2; second at rank 2 → 1/2.
        assert mean_average_precision(scores, truth) == pytest.approx(((1 + 2 / 3) / 2 + 0.5) / 2)


class TestServing:
    def test_the_own_history_default_recommends_what_the_client_asks(
        self, tmp_path: Path
    ) -> None:
        out, version = _ship(tmp_path, "own_history")
        history = [_request(0, "role:frontend", "stack:React"),
                   _request(3, "role:frontend", "stack:React", "grade:senior")]
        found = recommend(history, T0 + timedelta(days=4), out, _dictionary(tmp_path))
        assert found.source == "own_history" and found.version == version
        assert {(n.category, n.value) for n in found.needs} >= {("role", "frontend"),
                                                                 ("stack", "React")}

    def test_the_network_default_loads_and_predicts(self, tmp_path: Path) -> None:
        out, _ = _ship(tmp_path, "network")
        history = [_request(0, "role:backend", "stack:Python"),
                   _request(4, "role:backend", "stack:Python")]
        found = recommend(history, T0 + timedelta(days=7), out, _dictionary(tmp_path))
        assert found.source == "network"
        assert ("stack", "Python") in {(n.category, n.value) for n in found.needs}
        assert ("stack", "React") not in {(n.category, n.value) for n in found.needs}

    def test_one_request_gets_only_the_popular_needs(self, tmp_path: Path) -> None:
        out, _ = _ship(tmp_path, "own_history")
        found = recommend([_request(0, "role:qa")], T0 + timedelta(days=2), out,
                          _dictionary(tmp_path))
        assert found.source == "popular"
        assert [n.value for n in found.needs] == ["backend", "frontend", "qa"]

    def test_a_removed_dictionary_entry_is_not_shown(self, tmp_path: Path) -> None:
        out, _ = _ship(tmp_path, "own_history")
        history = [_request(0, "role:frontend", "stack:React"),
                   _request(3, "role:frontend", "stack:React")]
        smaller = _dictionary(tmp_path, tuple(c for c in IDS if c != "stack:React"))
        found = recommend(history, T0 + timedelta(days=4), out, smaller)
        assert "React" not in {n.value for n in found.needs}

    def test_training_is_reproducible_with_its_seed(self, tmp_path: Path) -> None:
        first = _ship(tmp_path / "a", "network", seed=5)[1]
        again = _ship(tmp_path / "b", "network", seed=5)[1]
        assert first == again
        assert json.loads((tmp_path / "a" / "network" / artifact.META).read_text())["seed"] == 5


class TestShippedArtifact:
    def test_the_network_is_default_only_if_it_beats_own_history(self) -> None:
        shipped = artifact.load()
        assert shipped is not None, "recommender/model/ holds what `radar clients train` made"
        figures = shipped.meta["figures"]
        beats = figures["network"]["map"] > figures["own_history"]["map"]
        assert (shipped.default == "network") == beats
        assert set(shipped.characteristics) == set(Dictionary.load().ids)
        assert shipped.weights_path.stat().st_size < 1_000_000  # small, committed with the code
