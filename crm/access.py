"""Who may see and touch what. Every crm use case that takes an id checks it here.

Seeing a card (team, role families, sources) is necessary but not enough to change it:
managers work their own cards, leads their team's, admins everything.
"""

from __future__ import annotations

from crm.errors import AccessDenied
from db.records.bench import BenchRecord
from db.records.clients import ClientRecord
from db.records.feed import CardRecord
from db.records.pipeline import PipelineCardRecord
from db.records.users import UserRecord
from db.repositories.feed import FeedRepo
from db.repositories.pipeline import PipelineRepo
from db.repositories.teams import TeamRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork


def can_see(user: UserRecord, card: CardRecord) -> bool:
    """Mirrors db.repositories.feed.scope_conditions: team, role families, sources."""
    if not user.active:
        return False
    if user.is_admin:
        return True
    if card.team_id is not None and card.team_id != user.team_id:
        return False
    if user.scope_roles is not None and not set(user.scope_roles) & set(card.roles):
        return False
    return user.scope_source_ids is None or bool(
        set(user.scope_source_ids) & set(card.source_ids)
    )


def require_admin(user: UserRecord | None) -> UserRecord:
    if user is None or not user.active or not user.is_admin:
        raise AccessDenied("admin only", "admins_only")
    return user


async def visible_card(
    uow: UnitOfWork, user: UserRecord, card_id: int, *, lock: bool = False
) -> CardRecord:
    """The card if `user` may see it; call inside the use case's `async with uow`."""
    card = await uow.repo(FeedRepo).card(card_id, lock=lock)
    if card is None or not can_see(user, card):
        raise AccessDenied(f"card {card_id}")
    return card


def can_manage(user: UserRecord, card: PipelineCardRecord, *, claim: bool = False) -> bool:
    """`claim`: the move would make an unowned card the user's own (taking it)."""
    if not user.active:
        return False
    if user.is_admin:
        return True
    if card.team_id is not None and card.team_id != user.team_id:
        return False
    if user.is_lead or card.owner_user_id == user.id:
        return True
    return claim and card.owner_user_id is None


def can_reassign(user: UserRecord, card: PipelineCardRecord) -> bool:
    """Leads hand their team's cards to another member; admins anyone's."""
    if not (user.active and user.is_lead):
        return False
    return user.is_admin or card.team_id in (None, user.team_id)


def can_see_client(user: UserRecord, client: ClientRecord) -> bool:
    if not user.active:
        return False
    return user.is_admin or client.team_id is None or client.team_id == user.team_id


def can_edit_developer(user: UserRecord, developer: BenchRecord) -> bool:
    if not user.active:
        return False
    if user.is_admin or developer.owner_user_id == user.id:
        return True
    return user.is_lead and developer.team_id in (None, user.team_id)


async def refusal(uow: UnitOfWork, user: UserRecord, card: PipelineCardRecord) -> AccessDenied:
    """Why `user` may not change `card`, in words: whose team or whose card it is."""
    if not user.active:
        return AccessDenied(f"card {card.id}", "inactive")
    if card.team_id is not None and card.team_id != user.team_id:
        team = await uow.repo(TeamRepo).get(card.team_id)
        return AccessDenied(f"card {card.id}", "other_team", team=team.name if team else "")
    if card.owner_user_id is not None:
        owner = await uow.repo(UserRepo).get(card.owner_user_id)
        return AccessDenied(f"card {card.id}", "owned", owner=owner.first_name if owner else "")
    return AccessDenied(f"card {card.id}", "take_first")


async def managed_card(
    uow: UnitOfWork, user: UserRecord, card_id: int, *, lock: bool = False, claim: bool = False
) -> PipelineCardRecord:
    """The card if `user` may see and change it; call inside the use case's `async with uow`."""
    await visible_card(uow, user, card_id, lock=lock)
    card = await uow.repo(PipelineRepo).card(card_id)
    if card is None:
        raise AccessDenied(f"card {card_id}")
    if not can_manage(user, card, claim=claim):
        raise await refusal(uow, user, card)
    return card
