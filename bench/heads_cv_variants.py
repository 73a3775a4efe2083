"""What bench/heads_cv.py compares: the feature sets of the linear heads, the TF-IDF baseline
fitted on the same folds, and a roles ruling tried after the decision."""

from __future__ import annotations

from typing import Any

import numpy as np

from bench.roles_cv import decide_roles

NAVEC_WEIGHT = 0.5
WEB_HALVES = frozenset({"backend", "frontend"})


def fullstack_ruling(text: str, roles: set[str]) -> set[str]:
    """ANNOTATION.md's fullstack labelling applied after the roles decision ("+rulings"): 37 of
    the 57 fullstack posts carry it alone, 2 add backend + frontend. A title naming a full-stack
    developer (and no tester or designer: "Fullstack QA" is qa) → fullstack in place of the web
    halves; backend + frontend alone with "fullstack" in the body → fullstack. Measured, not
    shipped: +0.0008 to +0.0010 roles micro-F1 per seed (bench/results/heads_cv.json)."""
    from classifier.role_words import body_families, title_families

    named = set(title_families(text))
    if "fullstack" in named and not named - {"fullstack"} - WEB_HALVES:
        if roles <= WEB_HALVES | {"fullstack"}:
            return (roles - WEB_HALVES) | {"fullstack"}
        return roles | {"fullstack"}
    if roles == WEB_HALVES and "fullstack" in body_families(text):
        return {"fullstack"}
    return set(roles)


def variants() -> dict[str, tuple[Any, Any]]:
    """Name → (LinearKindParams, LinearRolesParams); "old" is the shipped recipe."""
    from classifier.encoder.linear_kind import LinearKindParams as K
    from classifier.encoder.linear_roles import LinearRolesParams as R

    return {
        "old": (K(), R()),
        "navec": (K(navec_weight=NAVEC_WEIGHT), R(navec_weight=NAVEC_WEIGHT)),
        "navec1": (K(navec_weight=1.0), R(navec_weight=1.0)),
        "lemmas": (K(lemmas=True), R(lemmas=True)),
        "navec+lemmas": (K(navec_weight=NAVEC_WEIGHT, lemmas=True),
                         R(navec_weight=NAVEC_WEIGHT, lemmas=True)),
    }


def baseline_oof(posts: Any, fold: np.ndarray) -> tuple[list[str], list[set[str]]]:
    """The TF-IDF baseline's kind (with the offer cues) and roles (threshold 0.5) out of fold."""
    from sklearn.linear_model import LogisticRegression

    from classifier.api import ROLE_FAMILIES
    from classifier.baseline import DECISION, _fit_head
    from classifier.features import TextFeatures, parse_all
    from classifier.kind_cues import says_offer
    from classifier.taxonomy import Taxonomy

    taxonomy = Taxonomy.load()
    parsed = [parse_all(t, taxonomy) for t in posts.raw]
    kinds = [""] * len(posts.raw)
    roles: list[set[str]] = [set() for _ in posts.raw]
    for k in np.unique(fold):
        fit, held = np.nonzero(fold != k)[0], np.nonzero(fold == k)[0]
        features = TextFeatures()
        x = features.fit_transform([posts.raw[i] for i in fit], [parsed[i] for i in fit])
        xh = features.transform([posts.raw[i] for i in held], [parsed[i] for i in held])
        model = LogisticRegression(C=20, max_iter=3000, class_weight="balanced")
        model.fit(x, [posts.kinds[i] for i in fit])
        head = _fit_head(x, [posts.roles[i] for i in fit], ROLE_FAMILIES, c=10)
        probs = head.proba(xh)
        matrix = np.stack([probs[r] for r in ROLE_FAMILIES], axis=1)
        for i, kind, chosen in zip(held, model.predict(xh), decide_roles(
                matrix, ROLE_FAMILIES, DECISION), strict=True):
            cued = kind in ("request", "other") and says_offer(posts.raw[i])
            kinds[i] = "offer" if cued else str(kind)
            roles[i] = chosen
    return kinds, roles
