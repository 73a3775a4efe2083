from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import LabelCorrection, RequestCard, User
from db.records.cards import CardLabels
from db.records.corrections import CorrectedCard, FieldCorrection

_LABEL_COLUMNS = [f for f in CardLabels.__dataclass_fields__]


def _labels(row: RequestCard) -> CardLabels:
    values = {name: getattr(row, name) for name in _LABEL_COLUMNS}
    for name, value in values.items():
        if isinstance(value, list):
            values[name] = tuple(value)
    return CardLabels(**values)


class CorrectionRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def latest(self, card_ids: Sequence[int] | None = None
                     ) -> dict[int, tuple[FieldCorrection, ...]]:
        """Per card, the latest correction of each corrected field, in field order."""
        query = (
            sa.select(LabelCorrection, User.first_name)
            .outerjoin(User, User.id == LabelCorrection.user_id)
            .ext(distinct_on(LabelCorrection.request_id, LabelCorrection.field))
            .order_by(LabelCorrection.request_id, LabelCorrection.field,
                      LabelCorrection.created_at.desc(), LabelCorrection.id.desc())
        )
        if card_ids is not None:
            query = query.where(LabelCorrection.request_id.in_(list(card_ids)))
        found: dict[int, list[FieldCorrection]] = defaultdict(list)
        for row, name in (await self.session.execute(query)).all():
            found[row.request_id].append(FieldCorrection(
                field=row.field, value=row.new_value, user_id=row.user_id, user_name=name,
                at=row.created_at))
        return {card_id: tuple(items) for card_id, items in found.items()}

    async def next_to_review(self, after_id: int) -> int | None:
        """The first card after `after_id` the classifier marked for review."""
        return await self.session.scalar(
            sa.select(RequestCard.id).where(
                RequestCard.needs_review, RequestCard.withdrawn_at.is_(None),
                RequestCard.id > after_id,
            ).order_by(RequestCard.id).limit(1))

    async def review_count(self) -> int:
        return int(await self.session.scalar(
            sa.select(sa.func.count()).select_from(RequestCard).where(
                RequestCard.needs_review, RequestCard.withdrawn_at.is_(None))) or 0)

    async def corrected_cards(self, *, after_id: int = 0, limit: int = 500
                              ) -> list[CorrectedCard]:
        """Cards with at least one correction, by id from `after_id` (a page at a time)."""
        ids = sa.select(LabelCorrection.request_id).where(
            LabelCorrection.request_id > after_id).distinct().order_by(
            LabelCorrection.request_id).limit(limit)
        rows = (await self.session.scalars(
            sa.select(RequestCard).where(RequestCard.id.in_(ids)).order_by(RequestCard.id)
        )).all()
        latest = await self.latest([r.id for r in rows])
        return [CorrectedCard(_labels(r), latest.get(r.id, ())) for r in rows]
