"""Teams and people in them: admins make and rename teams, move users, change roles and
deactivate them; leads hand their team's cards to another member."""

from __future__ import annotations

from crm.access import can_reassign, require_admin
from crm.errors import AccessDenied, CrmInputError
from db.models.enums import OPEN_STAGES
from db.records.pipeline import PipelineCardRecord
from db.records.teams import TeamRecord
from db.records.users import UserRecord
from db.repositories.activities import ActivityRepo
from db.repositories.pipeline import PipelineRepo
from db.repositories.teams import TeamRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from vocabulary import USER_ROLES

NAME_MAX = 128


def _name(raw: str) -> str:
    name = " ".join(raw.split())
    if not name or len(name) > NAME_MAX:
        raise CrmInputError("bad_team_name", raw[:NAME_MAX])
    return name


async def list_teams(uow: UnitOfWork, admin: UserRecord) -> list[TeamRecord]:
    require_admin(admin)
    async with uow:
        return await uow.repo(TeamRepo).all()


async def create(uow: UnitOfWork, admin: UserRecord, raw_name: str) -> TeamRecord:
    """A new team; a name already taken is refused (team names are unique)."""
    require_admin(admin)
    name = _name(raw_name)
    async with uow:
        repo = uow.repo(TeamRepo)
        if await repo.by_name(name) is not None:
            raise CrmInputError("team_exists", name)
        team = await repo.add(name)
        await uow.commit()
    return team


async def rename(uow: UnitOfWork, admin: UserRecord, team_id: int, raw_name: str) -> TeamRecord:
    require_admin(admin)
    name = _name(raw_name)
    async with uow:
        repo = uow.repo(TeamRepo)
        if await repo.get(team_id) is None:
            raise AccessDenied(f"team {team_id}")
        taken = await repo.by_name(name)
        if taken is not None and taken.id != team_id:
            raise CrmInputError("team_exists", name)
        await repo.rename(team_id, name)
        await uow.commit()
    return TeamRecord(team_id, name)


async def _target(uow: UnitOfWork, user_id: int) -> UserRecord:
    found = await uow.repo(UserRepo).get(user_id)
    if found is None:
        raise AccessDenied(f"user {user_id}")
    return found


async def move_user(
    uow: UnitOfWork, admin: UserRecord, user_id: int, team_id: int
) -> UserRecord:
    """Moves a user to another team (the cards they own stay theirs)."""
    require_admin(admin)
    async with uow:
        await _target(uow, user_id)
        if await uow.repo(TeamRepo).get(team_id) is None:
            raise AccessDenied(f"team {team_id}")
        await uow.repo(UserRepo).update(user_id, team_id=team_id)
        moved = await _target(uow, user_id)
        await uow.commit()
    return moved


async def set_role(uow: UnitOfWork, admin: UserRecord, user_id: int, role: str) -> UserRecord:
    require_admin(admin)
    if role not in USER_ROLES:
        raise CrmInputError("bad_role", role)
    if user_id == admin.id and role != "admin":
        raise CrmInputError("own_role")  # the last admin could lock everyone out
    async with uow:
        await _target(uow, user_id)
        await uow.repo(UserRepo).update(user_id, role=role)
        changed = await _target(uow, user_id)
        await uow.commit()
    return changed


async def deactivate(uow: UnitOfWork, admin: UserRecord, user_id: int) -> tuple[UserRecord, int]:
    """Switches a user off; their open cards go to their team's lead (unowned if none).
    Returns the user and how many cards were handed over."""
    require_admin(admin)
    if user_id == admin.id:
        raise CrmInputError("own_role")
    async with uow:
        target = await _target(uow, user_id)
        heir = (await uow.repo(TeamRepo).lead_of(target.team_id, besides=user_id)
                if target.team_id is not None else None)
        moved = await uow.repo(TeamRepo).hand_over(user_id, heir, OPEN_STAGES)
        await uow.repo(UserRepo).update(user_id, active=False)
        off = await _target(uow, user_id)
        await uow.commit()
    return off, moved


async def reassign(
    uow: UnitOfWork, lead: UserRecord, card_id: int, to_user_id: int
) -> PipelineCardRecord:
    """A lead gives a card of the team to another active member of it (admins: anyone's)."""
    async with uow:
        card = await uow.repo(PipelineRepo).card(card_id, lock=True)
        if card is None:
            raise AccessDenied(f"card {card_id}")
        if not can_reassign(lead, card):
            raise AccessDenied(f"card {card_id}", "leads_only")
        target = await uow.repo(UserRepo).get(to_user_id)
        team_id = card.team_id if card.team_id is not None else lead.team_id
        if target is None or not target.active or (team_id is not None
                                                    and target.team_id != team_id):
            raise CrmInputError("not_in_team")
        await uow.repo(PipelineRepo).update(card_id, owner_user_id=target.id, team_id=team_id)
        await uow.repo(ActivityRepo).add(
            "reassign", user_id=lead.id, request_id=card_id, client_id=card.client_id,
            payload={"from": card.owner_user_id, "to": target.id, "to_name": target.first_name},
        )
        moved = await uow.repo(PipelineRepo).card(card_id)
        await uow.commit()
    assert moved is not None
    return moved


async def members(uow: UnitOfWork, user: UserRecord, team_id: int | None) -> list[UserRecord]:
    """Active members of a team, for the reassign picker (leads: their own team only)."""
    if not (user.active and user.is_lead):
        raise AccessDenied("leads only", "leads_only")
    if not user.is_admin and team_id != user.team_id:
        raise AccessDenied(f"team {team_id}", "leads_only")
    async with uow:
        everyone = await uow.repo(UserRepo).all()
    return [u for u in everyone if u.active and (team_id is None or u.team_id == team_id)]
