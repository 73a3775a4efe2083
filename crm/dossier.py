"""Everything a CRM card says, read in one transaction: who owns it, which team, the stage
and its history, proposed developers, interviews, the last activities, client and tasks —
and which buttons the viewer may press, so the bot never offers what crm would refuse."""

from __future__ import annotations

from dataclasses import dataclass

from crm.access import can_manage, can_reassign, visible_card
from crm.outreach_replies import OUTREACH_KINDS
from db.records.pipeline import (
    ActivityRecord,
    InterviewRecord,
    PipelineCardRecord,
    StageChangeRecord,
    SubmissionRecord,
    TaskRecord,
)
from db.records.users import UserRecord
from db.repositories.activities import ActivityRepo
from db.repositories.bench import BenchRepo
from db.repositories.clients import ClientRepo
from db.repositories.interviews import InterviewRepo
from db.repositories.pipeline import PipelineRepo
from db.repositories.teams import TeamRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

HISTORY_SHOWN = 5
ACTIVITIES_SHOWN = 5


@dataclass(frozen=True)
class Rights:
    manage: bool  # stage moves, lost, proposing, interviews, client, notes, tasks
    take: bool
    reassign: bool


@dataclass(frozen=True)
class CardDossier:
    card: PipelineCardRecord
    owner: str | None
    team: str | None
    client: str | None
    history: tuple[StageChangeRecord, ...]  # the last moves, oldest first
    activities: tuple[ActivityRecord, ...]  # newest first
    proposals: tuple[tuple[SubmissionRecord, str], ...]  # with the developer's name
    interviews: tuple[tuple[InterviewRecord, str], ...]
    tasks: tuple[TaskRecord, ...]
    names: dict[int, str]  # user id → first name, for the history's "who"
    rights: Rights


def rights_of(user: UserRecord, card: PipelineCardRecord) -> Rights:
    manage = can_manage(user, card)
    return Rights(
        manage=manage, take=card.owner_user_id is None and can_manage(user, card, claim=True),
        reassign=can_reassign(user, card),
    )


async def card_dossier(uow: UnitOfWork, user: UserRecord, card_id: int) -> CardDossier:
    """The card as the viewer may see it (AccessDenied if they may not see it at all)."""
    async with uow:
        await visible_card(uow, user, card_id)
        card = await uow.repo(PipelineRepo).card(card_id)
        assert card is not None  # visible_card found it
        changes = await uow.repo(PipelineRepo).changes(card_id)
        activities = await uow.repo(ActivityRepo).log(
            request_id=card_id, kinds=("note", "proposal", "reassign", "task", *OUTREACH_KINDS),
            limit=ACTIVITIES_SHOWN)
        submissions = await uow.repo(InterviewRepo).submissions(card_id)
        interviews = await uow.repo(InterviewRepo).of_request(card_id)
        tasks = await uow.repo(ActivityRepo).open_tasks(request_id=card_id)
        developers = {s.developer_id for s in submissions}
        dev_names = {d: (dev.name if (dev := await uow.repo(BenchRepo).get(d)) else "")
                     for d in developers}
        people = {c.user_id for c in changes if c.user_id} | {card.owner_user_id or 0}
        names = {u: person.first_name for u in people
                 if u and (person := await uow.repo(UserRepo).get(u)) is not None}
        team = await uow.repo(TeamRepo).get(card.team_id) if card.team_id else None
        client = await uow.repo(ClientRepo).get(card.client_id) if card.client_id else None
    return CardDossier(
        card=card, owner=names.get(card.owner_user_id or 0), team=team.name if team else None,
        client=client.name if client else None, history=tuple(changes[-HISTORY_SHOWN:]),
        activities=tuple(activities),
        proposals=tuple((s, dev_names.get(s.developer_id, "")) for s in submissions),
        interviews=tuple((i, dev_names.get(i.developer_id, "")) for i in interviews),
        tasks=tuple(tasks), names=names, rights=rights_of(user, card),
    )
