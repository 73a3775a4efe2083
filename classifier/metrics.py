"""Scoring predicted Labels against gold Labels, field by field, as text and as JSON."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from classifier.api import KINDS, Labels

LIST_FIELDS: tuple[str, ...] = ("roles", "stack", "grades", "format", "employment")
EXACT_FIELDS: tuple[str, ...] = ("rate", "location", "duration_months", "headcount")


@dataclass(frozen=True)
class Prf:
    precision: float
    recall: float
    f1: float
    support: int = 0


@dataclass(frozen=True)
class ListScores:
    micro: Prf
    macro: Prf
    per_label: dict[str, Prf] = field(default_factory=dict)


@dataclass(frozen=True)
class KindScores:
    macro: Prf
    accuracy: float
    per_kind: dict[str, Prf]
    confusion: dict[str, dict[str, int]]  # gold kind → predicted kind → count


@dataclass(frozen=True)
class Report:
    n: int
    kind: KindScores
    lists: dict[str, ListScores]
    exact: dict[str, float]


def prf(tp: int, fp: int, fn: int) -> Prf:
    """Precision/recall/F1 from counts; an empty gold and empty prediction scores 1.0."""
    if tp + fp + fn == 0:
        return Prf(1.0, 1.0, 1.0, 0)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Prf(p, r, f1, tp + fn)


def _macro(parts: Iterable[Prf]) -> Prf:
    items = list(parts)
    if not items:
        return Prf(1.0, 1.0, 1.0, 0)
    n = len(items)
    return Prf(
        sum(x.precision for x in items) / n, sum(x.recall for x in items) / n,
        sum(x.f1 for x in items) / n, sum(x.support for x in items),
    )


def score_sets(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]]) -> ListScores:
    """Micro and macro P/R/F1 of a multi-label field (macro over labels seen in gold or pred)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g_items, p_items in zip(gold, pred, strict=True):
        g, p = set(g_items), set(p_items)
        tp.update(g & p)
        fp.update(p - g)
        fn.update(g - p)
    labels = sorted(set(tp) | set(fp) | set(fn))
    per_label = {lab: prf(tp[lab], fp[lab], fn[lab]) for lab in labels}
    micro = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return ListScores(micro=micro, macro=_macro(per_label.values()), per_label=per_label)


def score_kind(gold: Sequence[str], pred: Sequence[str]) -> KindScores:
    confusion: dict[str, dict[str, int]] = {g: {p: 0 for p in KINDS} for g in KINDS}
    for g, p in zip(gold, pred, strict=True):
        confusion.setdefault(g, dict.fromkeys(KINDS, 0)).setdefault(p, 0)
        confusion[g][p] += 1
    per_kind: dict[str, Prf] = {}
    for k in KINDS:
        tp = confusion[k].get(k, 0)
        fn = sum(confusion[k].values()) - tp
        fp = sum(row.get(k, 0) for g, row in confusion.items() if g != k)
        if tp + fn + fp:
            per_kind[k] = prf(tp, fp, fn)
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 1.0
    return KindScores(
        macro=_macro(per_kind.values()), accuracy=accuracy, per_kind=per_kind, confusion=confusion
    )


def evaluate(gold: Sequence[Labels], pred: Sequence[Labels]) -> Report:
    """Score every field of ANNOTATION.md; lists by P/R/F1, single values by exact match."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    lists = {
        name: score_sets([getattr(g, name) for g in gold], [getattr(p, name) for p in pred])
        for name in LIST_FIELDS
    }
    exact = {
        name: (sum(getattr(g, name) == getattr(p, name) for g, p in zip(gold, pred, strict=True))
               / len(gold)) if gold else 1.0
        for name in EXACT_FIELDS
    }
    kind = score_kind([g.kind for g in gold], [p.kind for p in pred])
    return Report(n=len(gold), kind=kind, lists=lists, exact=exact)


def _prf_json(x: Prf) -> dict[str, float]:
    return {"precision": round(x.precision, 4), "recall": round(x.recall, 4),
            "f1": round(x.f1, 4), "support": x.support}


def report_json(report: Report) -> dict[str, Any]:
    """A JSON-ready dict of the report (rounded to 4 places)."""
    return {
        "n": report.n,
        "kind": {
            "macro": _prf_json(report.kind.macro),
            "accuracy": round(report.kind.accuracy, 4),
            "per_kind": {k: _prf_json(v) for k, v in report.kind.per_kind.items()},
            "confusion": report.kind.confusion,
        },
        "lists": {
            name: {"micro": _prf_json(s.micro), "macro": _prf_json(s.macro)}
            for name, s in report.lists.items()
        },
        "exact": {name: round(v, 4) for name, v in report.exact.items()},
    }


def report_text(report: Report) -> str:
    """An aligned plain-text table: P/R/F1 micro and macro per field, exact matches, confusion."""
    head = f"{'field':<12}{'P micro':>9}{'R micro':>9}{'F1 micro':>10}{'P macro':>9}" \
           f"{'R macro':>9}{'F1 macro':>10}"
    lines = [f"posts: {report.n}", head, "-" * len(head)]
    k = report.kind
    lines.append(f"{'kind':<12}{k.accuracy:>9.3f}{k.accuracy:>9.3f}{k.accuracy:>10.3f}"
                 f"{k.macro.precision:>9.3f}{k.macro.recall:>9.3f}{k.macro.f1:>10.3f}")
    for name, s in report.lists.items():
        lines.append(
            f"{name:<12}{s.micro.precision:>9.3f}{s.micro.recall:>9.3f}{s.micro.f1:>10.3f}"
            f"{s.macro.precision:>9.3f}{s.macro.recall:>9.3f}{s.macro.f1:>10.3f}"
        )
    lines += ["", f"{'exact match':<18}{'':>4}"]
    lines += [f"  {name:<16}{value:>8.3f}" for name, value in report.exact.items()]
    lines += ["", "kind confusion (rows gold, columns predicted)"]
    kinds = list(k.confusion)
    lines.append(f"  {'':<9}" + "".join(f"{c:>9}" for c in kinds))
    for g in kinds:
        lines.append(f"  {g:<9}" + "".join(f"{k.confusion[g].get(p, 0):>9}" for p in kinds))
    return "\n".join(lines)
