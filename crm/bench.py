"""The bench: free developers the company can propose, added by hand, by CSV or from offers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from decimal import Decimal
from typing import Any

from crm.access import can_edit_developer, visible_card
from crm.bench_fields import validated
from crm.errors import AccessDenied, CrmInputError
from crm.offer_people import OfferPerson, people_of
from db.records.bench import BenchDraft, BenchRecord
from db.records.feed import GRADES
from db.records.users import UserRecord
from db.repositories.bench import BenchRepo
from db.repositories.clients import ClientRepo
from db.uow import UnitOfWork

PAGE_SIZE = 10
_DRAFT_FIELDS = tuple(f.name for f in fields(BenchDraft))


def draft_of(record: BenchRecord) -> BenchDraft:
    return BenchDraft(**{name: getattr(record, name) for name in _DRAFT_FIELDS})


async def canonical_stack(uow: UnitOfWork, stack: Sequence[str]) -> tuple[str, ...]:
    """Spellings managers taught (taxonomy aliases) replace what was typed."""
    names = await uow.repo(BenchRepo).canonical_names(stack)
    return tuple(dict.fromkeys(names.get(s.casefold(), s) for s in stack))


async def stage_new(
    uow: UnitOfWork, user: UserRecord, drafts: Sequence[BenchDraft]
) -> list[BenchRecord]:
    """Validates and stages developers inside the caller's transaction."""
    ready = [
        replace(d, stack=await canonical_stack(uow, d.stack)) for d in map(validated, drafts)
    ]
    return await uow.repo(BenchRepo).add_many(ready, user.id, user.team_id)


async def add(uow: UnitOfWork, user: UserRecord, draft: BenchDraft) -> BenchRecord:
    """Adds one developer owned by the user and their team."""
    async with uow:
        [added] = await stage_new(uow, user, [draft])
        await uow.commit()
    return added


async def get(uow: UnitOfWork, user: UserRecord, developer_id: int) -> BenchRecord:
    """Any active user may look at the bench: it is the whole company's stock."""
    if not user.active:
        raise AccessDenied("inactive")
    async with uow:
        found = await uow.repo(BenchRepo).get(developer_id)
    if found is None:
        raise AccessDenied(f"developer {developer_id}")
    return found


async def edit(
    uow: UnitOfWork, user: UserRecord, developer_id: int, **changes: Any
) -> BenchRecord:
    """Changes some fields (names as in BenchDraft); owner, their lead or an admin only."""
    unknown = set(changes) - set(_DRAFT_FIELDS)
    if unknown:
        raise CrmInputError("unknown_field", ",".join(sorted(unknown)))
    async with uow:
        repo = uow.repo(BenchRepo)
        current = await repo.get(developer_id, lock=True)
        if current is None or not can_edit_developer(user, current):
            raise AccessDenied(f"developer {developer_id}")
        draft = validated(replace(draft_of(current), **changes))
        stack = await canonical_stack(uow, draft.stack)
        await repo.replace(developer_id, replace(draft, stack=stack))
        updated = await repo.get(developer_id)
        await uow.commit()
    assert updated is not None  # locked above
    return updated


async def set_active(
    uow: UnitOfWork, user: UserRecord, developer_id: int, active: bool
) -> BenchRecord:
    """Takes a developer off the bench (placed, gone) or puts them back."""
    async with uow:
        repo = uow.repo(BenchRepo)
        current = await repo.get(developer_id, lock=True)
        if current is None or not can_edit_developer(user, current):
            raise AccessDenied(f"developer {developer_id}")
        await repo.update(developer_id, active=active)
        await uow.commit()
    return replace(current, active=active)


async def page(
    uow: UnitOfWork, user: UserRecord, page_no: int = 0, size: int = PAGE_SIZE
) -> tuple[list[BenchRecord], int]:
    """(one page of active developers, soonest available first; how many there are)."""
    if not user.active:
        raise AccessDenied("inactive")
    async with uow:
        repo = uow.repo(BenchRepo)
        return await repo.page(page_no * size, size), await repo.count()


async def from_offer(uow: UnitOfWork, user: UserRecord, card_id: int) -> BenchRecord:
    """Turns an offer card (someone advertising a developer) into a bench entry, once."""
    async with uow:
        card = await visible_card(uow, user, card_id)
        if card.kind != "offer":
            raise CrmInputError("not_an_offer", str(card_id))
        authors = await uow.repo(ClientRepo).card_authors(card_id)
        post_id = authors[0].post_id if authors else None
        existing = await uow.repo(BenchRepo).by_source_post(post_id) if post_id else None
        if existing is not None:
            return existing
        grades = [g for g in GRADES if g in card.grades]
        draft = BenchDraft(
            name=(card.title or (authors[0].author_name if authors else None) or "—")[:255],
            roles=card.roles, stack=card.stack, grade=grades[-1] if grades else None,
            location=card.location, formats=card.formats, source_post_id=post_id,
        )
        [added] = await stage_new(uow, user, [_with_rate(draft, card.rate_min, card.rate_max,
                                                          card.rate_currency, card.rate_period)])
        if added.rate_rub_hour is None and card.rate_rub_hour_min is not None:
            # A currency our small table lacks: keep the collector's own normalisation.
            await uow.repo(BenchRepo).update(added.id, rate_rub_hour=card.rate_rub_hour_min)
            added = replace(added, rate_rub_hour=card.rate_rub_hour_min)
        await uow.commit()
    return added


def _with_rate(draft: BenchDraft, lo: Any, hi: Any, currency: str | None,
               period: str | None) -> BenchDraft:
    try:
        return validated(replace(draft, rate_min=lo, rate_max=hi, rate_currency=currency,
                                 rate_period=period))
    except CrmInputError:
        return draft


async def offer_people(uow: UnitOfWork, user: UserRecord, card_id: int) -> list[OfferPerson]:
    """The people an offer card lists, one draft each (one or none: use from_offer)."""
    async with uow:
        card = await visible_card(uow, user, card_id)
    if card.kind != "offer":
        raise CrmInputError("not_an_offer", str(card_id))
    return people_of(card.text or "")


async def add_offer_person(
    uow: UnitOfWork, user: UserRecord, card_id: int, index: int
) -> BenchRecord:
    """Adds person `index` of the offer to the bench, linked to the offer's post."""
    people = await offer_people(uow, user, card_id)
    if not 0 <= index < len(people):
        raise CrmInputError("no_such_person", str(index))
    person = people[index]
    async with uow:
        authors = await uow.repo(ClientRepo).card_authors(card_id)
        draft = BenchDraft(name=person.name, stack=person.stack, grade=person.grade,
                           source_post_id=authors[0].post_id if authors else None)
        rate = None if person.rate_min is None else Decimal(person.rate_min)
        [added] = await stage_new(uow, user, [_with_rate(
            draft, rate, None, person.rate_currency, person.rate_period)])
        await uow.commit()
    return added
