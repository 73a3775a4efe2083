"""CRM screens as Telegram HTML: pipeline card, matches, bench, client, interviews, reminders."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.i18n import I18n
from bot.views.card import format_local
from bot.views.labels import amount
from crm.proposals import DeveloperMatch
from db.records.bench import BenchRecord
from db.records.clients import ClientCardRecord
from db.records.pipeline import InterviewRecord, PipelineCardRecord, TaskRecord

NOTES_SHOWN = 5


def esc(text: str | None) -> str:
    return html.escape(text or "")


def stage_name(i18n: I18n, stage: str) -> str:
    return i18n.get(f"stage-{stage}")


def lost_reason(i18n: I18n, reason: str) -> str:
    key = f"crm-lost-{reason}"
    return i18n.get(key) if i18n.has(key) else esc(reason)


def my_text(
    cards: Sequence[PipelineCardRecord], counts: Mapping[str, int], i18n: I18n, *,
    team: bool = False,
) -> str:
    """/my, or with `team` the lead's /team: the total, then the count per stage."""
    summary = ", ".join(f"{stage_name(i18n, s)}: {n}" for s, n in sorted(counts.items()))
    head = i18n.get("crm-team-title" if team else "crm-my-title", total=sum(counts.values()))
    body = summary if cards else i18n.get("crm-team-empty" if team else "crm-my-empty")
    return f"{head}\n{body}"


def tasks_text(
    tasks: Sequence[TaskRecord], i18n: I18n, timezone: str, total: int | None = None
) -> str:
    """`tasks`: the page shown; `total`: how many there are in all (default: these)."""
    if not tasks:
        return i18n.get("crm-tasks-empty")
    lines = [i18n.get("crm-tasks-title", total=len(tasks) if total is None else total)]
    for task in tasks:
        line = f"• {esc(task.title)}"
        if task.request_id is not None:
            line += f" #{task.request_id}"
        if task.due_at is not None:
            line += " — " + i18n.get("crm-task-due", due=format_local(task.due_at, timezone))
        lines.append(line)
    return "\n".join(lines)


def matches_text(
    card_title: str, matches: Sequence[DeveloperMatch], i18n: I18n, first: int = 1
) -> str:
    """`first`: the rank of the first match shown (a later page starts past one)."""
    if not matches:
        return i18n.get("crm-match-none", title=esc(card_title))
    lines = [i18n.get("crm-match-title", title=esc(card_title))]
    for n, found in enumerate(matches, first):
        dev, match = found.developer, found.match
        reasons = ", ".join(i18n.get(f"crm-reason-{r}") for r in match.reasons)
        lines.append(i18n.get("crm-match-line", n=n, name=esc(dev.name),
                              score=round(match.score * 100), reasons=reasons))
        if match.common_stack:
            lines.append(i18n.get("crm-match-stack", stack=esc(", ".join(match.common_stack))))
    return "\n".join(lines)


def developer_text(dev: BenchRecord, i18n: I18n) -> str:
    lines = [f"<b>{esc(dev.name)}</b> #{dev.id}"]
    if dev.stack:
        lines.append(i18n.get("card-stack", stack=esc(", ".join(dev.stack))))
    if dev.grade:
        lines.append(i18n.get("card-grades", grades=i18n.get(f"grade-{dev.grade}")))
    if dev.rate_rub_hour is not None:
        lines.append(i18n.get("crm-dev-rate", rate=amount(dev.rate_rub_hour)))
    if dev.roles:
        lines.append(i18n.get("crm-dev-roles",
                              roles=", ".join(i18n.get(f"role-{r}") for r in dev.roles)))
    if dev.available_from:
        lines.append(i18n.get("crm-dev-available", date=dev.available_from.strftime("%d.%m.%Y")))
    if dev.english_level:
        lines.append(i18n.get("crm-dev-english", level=dev.english_level))
    if dev.location:
        lines.append(i18n.get("crm-dev-location", location=esc(dev.location)))
    if dev.cv_url:
        lines.append(i18n.get("crm-dev-cv", url=esc(dev.cv_url)))
    if not dev.active:
        lines.append(i18n.get("crm-dev-inactive"))
    return "\n".join(lines)


def bench_text(devs: Sequence[BenchRecord], total: int, i18n: I18n) -> str:
    if not devs:
        return i18n.get("crm-bench-empty")
    return i18n.get("crm-bench-title", total=total)


def client_text(view: ClientCardRecord, i18n: I18n) -> str:
    lines = [f"<b>{esc(view.client.name)}</b>"]
    lines += [f"• {i18n.get('crm-contact-' + c.kind)}: {esc(c.value)}" for c in view.contacts]
    lines.append(i18n.get("crm-client-requests", count=len(view.requests)))
    lines += [f"— {esc(r.title)}: {stage_name(i18n, r.stage)}" for r in view.requests]
    if view.notes:
        lines.append(i18n.get("crm-client-notes"))
        lines += [f"✎ {esc(str(n.payload.get('text', '')))}" for n in view.notes[:NOTES_SHOWN]]
    return "\n".join(lines)


def interview_text(interview: InterviewRecord, i18n: I18n) -> str:
    when = format_local(interview.scheduled_at, interview.timezone)
    text = i18n.get("crm-interview-line", id=interview.id, when=when, tz=interview.timezone)
    if interview.outcome:
        text += " — " + i18n.get(f"crm-outcome-{interview.outcome}")
    return text


def reminder_text(payload: Mapping[str, Any], i18n: I18n, timezone: str) -> str:
    """The text of an outbox reminder (kind='reminder'), for the delivery sender."""
    if payload.get("reason") == "interview":
        when = datetime.fromisoformat(str(payload["scheduled_at"]))
        return i18n.get("crm-reminder-interview", title=esc(str(payload.get("title", ""))),
                        developer=esc(str(payload.get("developer", ""))),
                        when=format_local(when, str(payload.get("timezone") or timezone)))
    return i18n.get("crm-reminder-stale", title=esc(str(payload.get("title", ""))),
                    stage=stage_name(i18n, str(payload.get("stage", "new"))),
                    days=int(payload.get("days", 0)))
