"""Everything the Mini App's request card shows, read in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from crm.access import can_manage, visible_card
from db.records.feed import CardRecord
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
from db.repositories.interviews import InterviewRepo
from db.repositories.pipeline import PipelineRepo
from db.repositories.teams import TeamRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

LOG_SIZE = 30


@dataclass(frozen=True)
class ProposedDeveloper:
    submission: SubmissionRecord
    name: str


@dataclass(frozen=True)
class RequestView:
    card: CardRecord
    pipeline: PipelineCardRecord
    can_manage: bool
    history: list[StageChangeRecord]
    notes: list[ActivityRecord]
    tasks: list[TaskRecord]
    proposed: list[ProposedDeveloper]
    interviews: list[InterviewRecord]
    user_names: dict[int, str]
    team_name: str | None


async def view(uow: UnitOfWork, user: UserRecord, card_id: int) -> RequestView:
    """The card with its sources, history, notes, open tasks, proposals and interviews."""
    async with uow:
        card = await visible_card(uow, user, card_id)
        pipeline = await uow.repo(PipelineRepo).card(card_id)
        assert pipeline is not None  # visible_card found it
        history = await uow.repo(PipelineRepo).changes(card_id)
        notes = await uow.repo(ActivityRepo).log(request_id=card_id, kinds=("note",),
                                                 limit=LOG_SIZE)
        tasks = await uow.repo(ActivityRepo).open_tasks(request_id=card_id)
        submissions = await uow.repo(InterviewRepo).submissions(card_id)
        proposed = []
        for submission in submissions:
            dev = await uow.repo(BenchRepo).get(submission.developer_id)
            proposed.append(ProposedDeveloper(submission, dev.name if dev else "—"))
        interviews = await uow.repo(InterviewRepo).of_request(card_id)
        people = {pipeline.owner_user_id, *(h.user_id for h in history),
                  *(n.user_id for n in notes)}
        names = {}
        for user_id in people:
            found = await uow.repo(UserRepo).get(user_id) if user_id is not None else None
            if found is not None:
                names[found.id] = found.first_name
        team = await uow.repo(TeamRepo).name(card.team_id) if card.team_id else None
    return RequestView(
        card=card, pipeline=pipeline, can_manage=can_manage(user, pipeline, claim=True),
        history=history, notes=notes, tasks=tasks, proposed=proposed, interviews=interviews,
        user_names=names, team_name=team,
    )
