"""The linear roles head: pickle-free save/load round trip, training step, shipped artifact."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from classifier.api import ROLE_FAMILIES
from classifier.encoder.linear_roles import (
    BLEND_THRESHOLDS,
    BLEND_WEIGHTS,
    LINEAR_JSON,
    LINEAR_NPZ,
    LinearRoles,
    LinearRolesParams,
    choose_blend,
    has_linear_roles,
)
from classifier.settings import DEFAULT_MODEL_DIR
from classifier.transformers_model import TransformersClassifier

TEXTS = [
    "Ищем Python backend разработчика, Django, PostgreSQL",
    "Senior backend developer Go, Kafka, удаленно",
    "Frontend разработчик React, TypeScript",
    "Ищем frontend React разработчика в команду",
    "QA инженер, автотесты на Python, Selenium",
    "Ручной тестировщик QA, мобильные приложения",
    "Дизайнер интерфейсов, Figma, UI/UX",
    "UI/UX дизайнер в продуктовую команду, Figma",
]
ROWS = [("backend",), ("backend",), ("frontend",), ("frontend",), ("qa",), ("qa",),
        ("design",), ("design",)]
HITS: list[tuple[str, ...]] = [("backend",), ("backend",), ("frontend",), ("frontend",),
                               ("qa",), (), ("design",), ("design",)]


@pytest.fixture(scope="module")
def fitted() -> LinearRoles:
    params = LinearRolesParams(word_features=500, char_features=800, title_features=300)
    return LinearRoles.fit(TEXTS, HITS, ROWS, ROLE_FAMILIES, params)


def test_fit_learns_the_training_roles(fitted: LinearRoles) -> None:
    p = fitted.proba(TEXTS, HITS)
    assert p.shape == (len(TEXTS), len(ROLE_FAMILIES)) and p.dtype == np.float32
    best = [ROLE_FAMILIES[i] for i in p.argmax(1)]
    assert best == [r[0] for r in ROWS]
    # A role never seen positive is never said.
    assert p[:, ROLE_FAMILIES.index("gamedev")].max() < 1e-6
    assert fitted.proba([], []).shape == (0, len(ROLE_FAMILIES))


def test_save_load_round_trip_without_pickle(fitted: LinearRoles, tmp_path: Path) -> None:
    written = fitted.save(tmp_path)
    assert {p.name for p in written} == {LINEAR_JSON, LINEAR_NPZ} and has_linear_roles(tmp_path)
    with zipfile.ZipFile(tmp_path / LINEAR_NPZ) as npz:  # plain arrays only, no object pickles
        for name in npz.namelist():
            assert name.endswith(".npy")
    with np.load(tmp_path / LINEAR_NPZ, allow_pickle=False) as arrays:
        assert arrays["coef"].dtype == np.float16
    meta = json.loads((tmp_path / LINEAR_JSON).read_text(encoding="utf-8"))
    assert meta["roles"] == list(ROLE_FAMILIES)
    loaded = LinearRoles.load(tmp_path)
    assert loaded.params == fitted.params
    probe = [*TEXTS, "Новый текст про DevOps и Kubernetes"]
    hits = [*HITS, ("devops",)]
    np.testing.assert_allclose(loaded.proba(probe, hits), fitted.proba(probe, hits), atol=1e-6)


def test_choose_blend_takes_the_best_and_larger_weight_on_ties() -> None:
    lin, enc = np.array([1.0]), np.array([0.0])
    blend, grid = choose_blend(lin, enc, lambda p, t: float(p[0] >= t))
    assert blend == {"weight": 1.0, "threshold": max(BLEND_THRESHOLDS)}
    assert len(grid) == len(BLEND_WEIGHTS) * len(BLEND_THRESHOLDS)


def test_a_directory_saved_before_role_words_still_loads(tmp_path: Path) -> None:
    old = LinearRolesParams(word_features=500, char_features=500, title_features=200,
                            title_words_weight=0.0, body_words_weight=0.0)
    fitted = LinearRoles.fit(TEXTS, HITS, ROWS, ROLE_FAMILIES, old)
    fitted.save(tmp_path)
    meta = json.loads((tmp_path / LINEAR_JSON).read_text(encoding="utf-8"))
    del meta["params"]["title_words_weight"], meta["params"]["body_words_weight"]
    (tmp_path / LINEAR_JSON).write_text(json.dumps(meta), encoding="utf-8")
    loaded = LinearRoles.load(tmp_path)
    np.testing.assert_allclose(loaded.proba(TEXTS, HITS), fitted.proba(TEXTS, HITS), atol=1e-6)


def test_role_words_are_columns_of_their_own() -> None:
    params = LinearRolesParams(word_features=500, char_features=500, title_features=200)
    with_words = LinearRoles.fit(TEXTS, HITS, ROWS, ROLE_FAMILIES, params)
    without = LinearRoles.fit(TEXTS, HITS, ROWS, ROLE_FAMILIES, LinearRolesParams(
        word_features=500, char_features=500, title_features=200,
        title_words_weight=0.0, body_words_weight=0.0))
    assert with_words.coef.shape[1] == without.coef.shape[1] + 2 * len(ROLE_FAMILIES)


@pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "radar.json").exists(), reason="no shipped model")
class TestShippedLinearRoles:
    def test_shipped_directory_has_the_head(self) -> None:
        assert has_linear_roles(DEFAULT_MODEL_DIR)
        meta = json.loads((DEFAULT_MODEL_DIR / "radar.json").read_text(encoding="utf-8"))
        assert 0.0 < meta["roles_linear"]["weight"] <= 1.0
        assert 0.0 < meta["roles_linear"]["threshold"] < 1.0
        assert not list(DEFAULT_MODEL_DIR.glob("*.pkl"))

    async def test_classifier_uses_it(self) -> None:
        clf = TransformersClassifier.load(device="cpu")
        try:
            assert clf.linear_roles is not None and clf.roles_weight > 0
            with_linear = await clf.classify(TEXTS)
            clf.set_linear_roles(None, {})
            assert clf.linear_roles is None
            alone = await clf.classify(TEXTS)
        finally:
            clf.close()
        assert all(p.labels.roles for p in with_linear if p.labels.kind != "other")
        assert [p.labels.kind for p in with_linear] == [p.labels.kind for p in alone]
