"""Callback data of the CRM screens: ids and enums only (pack() rejects over 64 bytes)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.callback_types import Day, Id, Index, Minute, Page


class Stage(StrEnum):
    new = "new"
    in_work = "in_work"
    proposed = "proposed"
    interview = "interview"
    offer = "offer"
    won = "won"
    lost = "lost"


class LostReason(StrEnum):
    budget = "budget"
    rejected = "rejected"
    closed = "closed"
    no_candidates = "no_candidates"
    other = "other"


class PipeAction(StrEnum):
    open = "open"
    take = "take"
    lost = "lost"  # asks for the reason
    match = "match"
    client = "client"
    note = "note"
    interviews = "interviews"
    task = "task"  # asks for the task's title


class InterviewOutcome(StrEnum):
    passed = "passed"
    failed = "failed"
    no_show = "no_show"


class BenchAction(StrEnum):
    page = "page"
    show = "show"
    add = "add"
    requests = "requests"
    off = "off"
    edit = "edit"  # opens the field picker


class BenchField(StrEnum):
    """A developer's field the edit picker offers (roles: one role family)."""

    name = "name"
    roles = "roles"
    stack = "stack"
    grade = "grade"
    rate = "rate"
    available = "available"
    english = "english"
    location = "location"
    cv = "cv"


class ClientAction(StrEnum):
    note = "note"


class PipeCb(CallbackData, prefix="pp"):
    action: PipeAction
    card_id: Id


class StageCb(CallbackData, prefix="sg"):
    card_id: Id
    stage: Stage


class LostCb(CallbackData, prefix="ls"):
    card_id: Id
    reason: LostReason


class MyCb(CallbackData, prefix="my"):
    """'My requests' (or, `team`, the lead's team's) filtered to one stage (None: all)."""

    stage: Stage | None = None
    team: bool = False


class ProposeCb(CallbackData, prefix="pr"):
    card_id: Id
    developer_id: Id


class DayCb(CallbackData, prefix="dy"):
    """The date picker: `day` is days from today in the user's zone; -1 opens the picker.
    `interview_id` set: the picked time moves that interview instead of adding one."""

    submission_id: Id
    day: Day = -1
    interview_id: Id = 0


class TimeCb(CallbackData, prefix="tm"):
    """The time picker: minutes after local midnight of the picked day."""

    submission_id: Id
    day: Day
    minute: Minute
    interview_id: Id = 0


class OutcomeCb(CallbackData, prefix="oc"):
    interview_id: Id
    outcome: InterviewOutcome


class BenchCb(CallbackData, prefix="bn"):
    action: BenchAction
    developer_id: Id = 0
    page: Page = 0


class OfferCb(CallbackData, prefix="of"):
    """An offer card → a bench entry in one tap."""

    card_id: Id


class BenchFieldCb(CallbackData, prefix="bf"):
    """The edit picker: which field of the developer to change."""

    developer_id: Id
    field: BenchField


class BenchPickCb(CallbackData, prefix="bk"):
    """A choice in the form or the edit: `index` into the field's options (past the end: none)."""

    field: BenchField
    index: Index


class TaskCb(CallbackData, prefix="tk"):
    """Marks the task done."""

    task_id: Id


class ClientCb(CallbackData, prefix="cl"):
    action: ClientAction
    client_id: Id
