"""The linear kind head: it learns kinds, survives a pickle-free round trip, and is blended."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from classifier.api import KINDS
from classifier.assemble import parse_fields
from classifier.encoder.hints import HINTED_HEADS, Hinter
from classifier.encoder.linear_kind import (
    KIND_JSON,
    KIND_NPZ,
    LinearKind,
    has_linear_kind,
    rules_of,
)
from classifier.labels import clean_text
from classifier.settings import DEFAULT_MODEL_DIR
from classifier.transformers_model import TransformersClassifier

POSTS = [
    ("Ищем Python backend разработчика, Django, удаленно, ЗП 250 000 ₽", "request"),
    ("Требуется frontend разработчик React, офис Москва, от 200к", "request"),
    ("Ищем QA инженера на проект, 6 месяцев, 2000 ₽/ч", "request"),
    ("Нужен дизайнер Figma на проект, оплата 1500 ₽/ч", "request"),
    ("#резюме Python разработчик, ищу работу, опыт 3 года", "offer"),
    ("#резюме Frontend React разработчик, рассмотрю предложения", "offer"),
    ("Вебинар: как пройти собеседование, регистрация по ссылке", "other"),
    ("Курс по Python со скидкой, запишитесь на вебинар", "other"),
]


def _inputs(posts: list[tuple[str, str]]) -> tuple[list[str], list]:
    hinter = Hinter({h: () for h in HINTED_HEADS})
    cleaned = [clean_text(text) for text, _ in posts]
    return cleaned, rules_of(hinter.hits(cleaned), [parse_fields(text) for text, _ in posts])


@pytest.fixture(scope="module")
def fitted() -> LinearKind:
    texts, rules = _inputs(POSTS * 2)  # min_df=2 keeps n-grams seen in two posts
    return LinearKind.fit(texts, rules, [kind for _, kind in POSTS * 2])


def test_it_learns_the_training_kinds_and_answers_in_the_callers_order(
    fitted: LinearKind,
) -> None:
    texts, rules = _inputs(POSTS)
    p = fitted.proba(texts, rules, KINDS)
    assert p.shape == (len(POSTS), len(KINDS)) and p.dtype == np.float32
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-5)
    assert [KINDS[i] for i in p.argmax(axis=1)] == [kind for _, kind in POSTS]
    assert np.all(p[:, KINDS.index("digest")] == 0.0)  # never seen in training: never said
    reordered = fitted.proba(texts, rules, list(reversed(KINDS)))
    assert np.array_equal(reordered, p[:, ::-1])


def test_save_and_load_give_the_same_probabilities_without_pickle(
    fitted: LinearKind, tmp_path: Path,
) -> None:
    fitted.save(tmp_path)
    assert has_linear_kind(tmp_path)
    with zipfile.ZipFile(tmp_path / KIND_NPZ) as npz:
        assert all(name.endswith(".npy") for name in npz.namelist())
    texts, rules = _inputs(POSTS)
    loaded = LinearKind.load(tmp_path)
    assert np.array_equal(loaded.proba(texts, rules, KINDS), fitted.proba(texts, rules, KINDS))


def test_a_file_of_another_format_is_refused(fitted: LinearKind, tmp_path: Path) -> None:
    fitted.save(tmp_path)
    meta = json.loads((tmp_path / KIND_JSON).read_text(encoding="utf-8"))
    (tmp_path / KIND_JSON).write_text(json.dumps({**meta, "format": "x"}), encoding="utf-8")
    with pytest.raises(ValueError, match="expected radar-kind-linear-1"):
        LinearKind.load(tmp_path)


def test_the_shipped_model_blends_its_kind_heads() -> None:
    clf = TransformersClassifier.load(DEFAULT_MODEL_DIR)
    try:
        assert clf.linear_kind is not None and 0.0 < clf.kind_weight < 1.0
        version = clf.version
        clf.kind_weight = 0.0  # the encoder's kind head alone
        clf.set_linear_roles(clf.linear_roles, clf.model.meta.roles_linear)
        assert clf.version != version  # the kind blend is part of what a version names
    finally:
        clf.close()
