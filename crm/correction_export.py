"""Managers' corrections as labelled posts, in the shape of ../shared/data/annotations
(ANNOTATION.md), for `radar classifier train --corrections`; and who corrected a card."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from crm.access import visible_card
from crm.review_queue import CONFIRMED
from db.records.cards import CardLabels
from db.records.corrections import CorrectedCard, FieldCorrection
from db.records.feed import CardRecord
from db.records.users import UserRecord
from db.repositories.corrections import CorrectionRepo
from db.uow import UnitOfWork

# Correction field (crm.corrections.FIELDS) → annotation key.
ANNOTATION_KEYS = {"kind": "kind", "roles": "roles", "grades": "grades", "formats": "format"}
PAGE = 500


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _rate(card: CardLabels) -> dict[str, Any] | None:
    if card.rate_min is None and card.rate_max is None:
        return None
    return {"min": _number(card.rate_min), "max": _number(card.rate_max),
            "currency": card.rate_currency, "period": card.rate_period}


def annotation_row(item: CorrectedCard) -> dict[str, Any]:
    """The card's labels as a labelled post; `corrected` names the fields a person set (the
    rest are the model's and train on nothing), with who set them."""
    card = item.card
    by = {ANNOTATION_KEYS[c.field]: c.user_id for c in item.corrections
          if c.field in ANNOTATION_KEYS}
    # A confirmation from the review queue vouches for every correctable field.
    for fix in item.corrections:
        if fix.field == CONFIRMED:
            by = {key: by.get(key, fix.user_id) for key in ANNOTATION_KEYS.values()}
    return {
        "key": f"card:{card.id}", "text": card.text, "kind": card.kind,
        "roles": list(card.roles), "stack": list(card.stack), "grades": list(card.grades),
        "rate": _rate(card), "format": list(card.formats), "location": card.location,
        "employment": list(card.employment), "duration_months": card.duration_months,
        "headcount": card.headcount, "source": "correction",
        "corrected": sorted(by), "corrected_by": by,
    }


async def export(uow: UnitOfWork, write: Callable[[dict[str, Any]], None]) -> int:
    """Writes every corrected card with a text; returns how many were written. A card whose
    posts were all deleted keeps its text, so its corrections still count."""
    written, after = 0, 0
    async with uow:
        while page := await uow.repo(CorrectionRepo).corrected_cards(after_id=after,
                                                                      limit=PAGE):
            for item in page:
                row = annotation_row(item)
                if row["text"].strip() and row["corrected"]:
                    write(row)
                    written += 1
            after = page[-1].card.id
    return written


async def history(uow: UnitOfWork, user: UserRecord, card_id: int
                  ) -> tuple[FieldCorrection, ...]:
    """Who corrected what on a card the user may see: the latest fix of each field."""
    return (await card_history(uow, user, card_id))[1]


async def card_history(uow: UnitOfWork, user: UserRecord, card_id: int
                       ) -> tuple[CardRecord, tuple[FieldCorrection, ...]]:
    """The card the user may see and the latest fix of each of its corrected fields."""
    async with uow:
        card = await visible_card(uow, user, card_id)
        return card, (await uow.repo(CorrectionRepo).latest([card_id])).get(card_id, ())
