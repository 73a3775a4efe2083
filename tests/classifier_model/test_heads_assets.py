"""navec vectors and pymorphy3 lemmas in the linear heads: what they compute, that a head keeps
them through a save, and that a failed load leaves the heads running and the version saying so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from classifier.api import KINDS, ROLE_FAMILIES
from classifier.assemble import parse_fields
from classifier.encoder import lemmas, word_vectors
from classifier.encoder.assets import asset_label, asset_status
from classifier.encoder.hints import HINTED_HEADS, Hinter
from classifier.encoder.lemmas import Lemmatiser, load_lemmatiser
from classifier.encoder.linear_kind import LinearKind, LinearKindParams, rules_of
from classifier.encoder.linear_roles import LinearRoles, LinearRolesParams
from classifier.encoder.word_vectors import DIM, WordVectors, load_word_vectors, pooled_block
from classifier.labels import clean_text

POSTS = [
    ("Ищем Python backend разработчика, Django, удаленно", ("backend",), "request"),
    ("Требуются разработчики frontend на React, офис Москва", ("frontend",), "request"),
    ("Ищем тестировщика QA на проект, 6 месяцев", ("qa",), "request"),
    ("Нужен дизайнер в Figma на проект интерфейсов", ("design",), "request"),
    ("#резюме Python разработчик, ищу работу", ("backend",), "offer"),
    ("Вебинар о собеседованиях, регистрация по ссылке", (), "other"),
]


@pytest.fixture
def no_assets(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Both loaders failing as a broken wheel would, with the process caches reset around."""
    def broken(*_: object) -> object:
        raise OSError("asset missing")

    load_word_vectors.cache_clear()
    load_lemmatiser.cache_clear()
    monkeypatch.setattr(word_vectors.WordVectors, "load", classmethod(broken))
    monkeypatch.setattr(lemmas.Lemmatiser, "load", classmethod(broken))
    yield
    load_word_vectors.cache_clear()
    load_lemmatiser.cache_clear()


def test_lemmas_join_inflected_forms_and_leave_technical_tokens_alone() -> None:
    lemmatiser = load_lemmatiser()
    assert lemmatiser is not None
    assert lemmatiser.lemmatise("Ищем разработчиков; нужен разработчик") == (
        "искать разработчик нужный разработчик")
    assert lemmatiser.lemmatise("Node.js #python 1С 300к Senior") == (
        "node.js #python 1с 300к senior")


def test_the_lemma_cache_parses_each_word_once_and_stays_bounded() -> None:
    calls: list[str] = []

    class Morph:
        def parse(self, word: str) -> list[object]:
            calls.append(word)
            return []

    lemmatiser = Lemmatiser(Morph(), max_words=3)
    lemmatiser.lemmatise("один два один два")
    assert calls == ["один", "два"]
    lemmatiser.lemmatise("три четыре пять")
    assert len(lemmatiser._cache) <= 3


def test_pooled_vectors_are_the_normalised_mean_of_the_known_words() -> None:
    codes = np.arange(2 * 2 * 3, dtype=np.float32).reshape(2, 2, 3)  # 2 sub-vectors × 2 codes
    indexes = np.array([[0, 1], [1, 0]], dtype=np.uint8)
    vectors = WordVectors({"код": 0, "тест": 1}, indexes, codes)
    first, second = codes[[0, 1], [0, 1]].ravel(), codes[[0, 1], [1, 0]].ravel()
    pooled = vectors.pooled(["Код тест код!", "нет таких слов", ""])
    mean = (2 * first + second) / 3
    assert np.allclose(pooled[0], mean / np.linalg.norm(mean), atol=1e-6)
    assert not pooled[1].any() and not pooled[2].any()


def test_the_real_navec_gives_unit_vectors_to_russian_posts() -> None:
    vectors = load_word_vectors()
    assert vectors is not None and vectors.dim == DIM
    pooled = vectors.pooled(["Ищем python разработчика", "🔥🔥"])
    assert np.isclose(np.linalg.norm(pooled[0]), 1.0, atol=1e-5) and not pooled[1].any()


def _role_head() -> tuple[LinearRoles, list[str]]:
    texts = [clean_text(t) for t, _, _ in POSTS * 2]
    hits = Hinter({h: () for h in HINTED_HEADS}).hits(texts)["roles"]
    params = LinearRolesParams(navec_weight=0.5, lemmas=True)
    rows = [r for _, r, _ in POSTS * 2]
    return LinearRoles.fit(texts, hits, rows, ROLE_FAMILIES, params), texts


def test_a_roles_head_with_navec_and_lemmas_round_trips(tmp_path: Path) -> None:
    head, texts = _role_head()
    assert head.coef.shape[1] == head.features(texts, [()] * len(texts)).shape[1]
    head.save(tmp_path)
    loaded = LinearRoles.load(tmp_path)
    assert loaded.params == head.params
    assert np.array_equal(loaded.proba(texts, [()] * len(texts)),
                          head.proba(texts, [()] * len(texts)))


def test_failed_assets_leave_both_heads_running_and_are_named(no_assets: None) -> None:
    texts = [clean_text(t) for t, _, _ in POSTS]
    params = LinearKindParams(navec_weight=0.5, lemmas=True)
    rules = rules_of(Hinter({h: () for h in HINTED_HEADS}).hits(texts),
                     [parse_fields(t) for t, _, _ in POSTS])
    kind = LinearKind.fit(texts * 2, rules * 2, [k for _, _, k in POSTS] * 2, params)
    p = kind.proba(texts, rules, KINDS)
    assert p.shape == (len(texts), len(KINDS)) and np.allclose(p.sum(axis=1), 1.0, atol=1e-5)
    assert pooled_block(texts, 160, 1500, 0.5, load_word_vectors()).nnz == 0
    status = asset_status([params])
    assert status == {"navec": False, "lemmas": False}
    assert asset_label(status) == "+navec-off+lemmas-off"


def test_the_label_names_what_works() -> None:
    assert asset_label(asset_status([LinearRolesParams(navec_weight=0.5, lemmas=True)])) == (
        "+navec+lemmas")
    assert asset_label(asset_status([LinearRolesParams()])) == ""


def test_the_shipped_classifier_classifies_without_its_assets_and_says_so(
    no_assets: None,
) -> None:
    from classifier.encoder.assets import wanted_assets
    from classifier.settings import DEFAULT_MODEL_DIR
    from classifier.transformers_model import TransformersClassifier

    clf = TransformersClassifier.load(DEFAULT_MODEL_DIR)
    try:
        heads = [h.params for h in (clf.linear_roles, clf.linear_kind) if h is not None]
        pred = clf.classify_sync(["Ищем Python backend разработчика, удаленно, 250 000 ₽"])[0]
        assert pred.labels.kind == "request" and "backend" in pred.labels.roles
        assert clf.version.endswith("".join(f"+{a}-off" for a in wanted_assets(heads)))
    finally:
        clf.close()
