"""Who may see and touch what. Every crm use case that takes a card id checks it here."""

from __future__ import annotations

from db.records.feed import CardRecord
from db.records.users import UserRecord
from db.repositories.feed import FeedRepo
from db.uow import UnitOfWork

ROLES: tuple[str, ...] = ("admin", "lead", "manager")


class AccessDenied(Exception):
    """The user may not see or change this object (or it does not exist: we do not say which).

    `reason` names the rule in words the bot can show (a Fluent key suffix, e.g. "other_team",
    "leads_only"); `details` fills its placeholders (a team's or an owner's name).
    """

    def __init__(self, message: str, reason: str = "", **details: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.details = details


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
