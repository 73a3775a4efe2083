"""Managers fix labels: each fix is applied to the card and kept as a LabelCorrection."""

from __future__ import annotations

from crm.access import visible_card
from db.records.feed import FORMATS, GRADES, KINDS, ROLE_FAMILIES, CardRecord
from db.records.users import UserRecord
from db.repositories.feed import FeedRepo
from db.uow import UnitOfWork

# Correctable field → (card column, vocabulary, many values?)
FIELDS: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "kind": ("kind", KINDS, False),
    "roles": ("roles", ROLE_FAMILIES, True),
    "grades": ("grades", GRADES, True),
    "formats": ("formats", FORMATS, True),
}


def corrected_value(card: CardRecord, field: str, value: str) -> str | list[str]:
    """The new value: a single field is replaced, a list field toggles `value`."""
    column, vocabulary, many = FIELDS[field]
    if value not in vocabulary:
        raise ValueError(f"{value!r} is not a {field}")
    if not many:
        return value
    current: tuple[str, ...] = getattr(card, column)
    if value in current:
        return [v for v in current if v != value]
    return [v for v in vocabulary if v in current or v == value]


async def correct(
    uow: UnitOfWork, user: UserRecord, card_id: int, field: str, value: str
) -> CardRecord:
    """Applies one correction to the card and records old → new."""
    async with uow:
        card = await visible_card(uow, user, card_id, lock=True)
        column = FIELDS[field][0]
        old = getattr(card, column)
        new = corrected_value(card, field, value)
        repo = uow.repo(FeedRepo)
        # Re-labelled: the bench-fit matcher looks at the card again.
        # A person looked at the labels: the card leaves the admins' review queue.
        await repo.update_card(card_id, **{column: new}, fit_matched_at=None, needs_review=False)
        await repo.add_correction(
            card_id, user.id, field, list(old) if isinstance(old, tuple) else old, new
        )
        updated = await repo.card(card_id)
        await uow.commit()
    assert updated is not None
    return updated
