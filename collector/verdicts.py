"""Prediction (classifier) → PostVerdict (plain values crm.ingest stores)."""

from __future__ import annotations

from classifier.api import Prediction
from classifier.parsers import CurrencyTable, normalise_rate
from collector.textsig import band_keys, fingerprint, simhash
from db.records.cards import ItemVerdict, PostVerdict
from db.records.posts import PendingPost

_RATES = CurrencyTable()


def _item(index: int, prediction: Prediction, text: str) -> ItemVerdict:
    labels = prediction.labels
    makes_card = labels.kind in ("request", "offer") and bool(text.strip())
    try:
        hour_min, hour_max, _, _ = normalise_rate(labels.rate, _RATES)
    except OverflowError:  # an int beyond float from some classifier: no rate, not a failure
        hour_min = hour_max = None
    return ItemVerdict(
        item_index=index, kind=labels.kind, labels=labels.to_annotation(),
        confidences=dict(prediction.confidences), text=text,
        needs_review=prediction.needs_review, unreadable=prediction.unreadable,
        fingerprint=fingerprint(text) if makes_card else None,
        simhash=simhash(text) if makes_card else None,
        band_keys=band_keys(text) if makes_card else (),
        rate_rub_hour_min=round(hour_min, 2) if hour_min is not None else None,
        rate_rub_hour_max=round(hour_max, 2) if hour_max is not None else None,
    )


def to_verdict(post: PendingPost, prediction: Prediction) -> PostVerdict:
    """A split digest gives one item per opening; anything else is item 0."""
    if prediction.labels.kind == "digest" and prediction.items:
        texts = prediction.item_texts or ()
        items = tuple(
            _item(i, item, texts[i] if i < len(texts) else post.text)
            for i, item in enumerate(prediction.items)
        )
    else:
        items = (_item(0, prediction, post.text),)
    return PostVerdict(post.id, prediction.model_version, items)
