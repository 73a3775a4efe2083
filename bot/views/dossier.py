"""The CRM card that says everything (crm.dossier) as Telegram HTML, cut at a line boundary."""

from __future__ import annotations

from bot.i18n import I18n
from bot.views.card import format_local
from bot.views.crm import esc, lost_reason, stage_name
from bot.views.html_cut import TELEGRAM_TEXT_LIMIT
from bot.views.labels import rate_range
from bot.views.outreach import outreach_activity
from crm.dossier import CardDossier
from db.records.pipeline import ActivityRecord

SNIPPET = 80  # characters of a note shown in the activity list


def fit(lines: list[str], i18n: I18n, limit: int = TELEGRAM_TEXT_LIMIT) -> str:
    """Whole lines up to Telegram's limit, then a marker: every line is balanced HTML on its
    own, so cutting between lines never breaks a tag."""
    out: list[str] = []
    used = 0
    more = i18n.get("crm-card-cut")
    for line in lines:
        if used + len(line) + 1 > limit - len(more) - 1:
            out.append(more)
            break
        out.append(line)
        used += len(line) + 1
    return "\n".join(out)


def _activity(entry: ActivityRecord, i18n: I18n, timezone: str) -> str:
    when = format_local(entry.created_at, timezone)
    payload = entry.payload
    if entry.kind == "note":
        text = str(payload.get("text", ""))
        snippet = text if len(text) <= SNIPPET else text[:SNIPPET] + "…"
        return i18n.get("crm-card-act-note", when=when, text=esc(snippet))
    if entry.kind == "proposal":
        return i18n.get("crm-card-act-proposal", when=when,
                        developer=esc(str(payload.get("developer", ""))))
    if entry.kind == "reassign":
        return i18n.get("crm-card-act-reassign", when=when,
                        to=esc(str(payload.get("to_name", ""))))
    return outreach_activity(entry, i18n, when) or i18n.get(
        "crm-card-act-other", when=when, kind=esc(entry.kind))


def dossier_text(d: CardDossier, i18n: I18n, timezone: str) -> str:
    card = d.card
    lines = [f"<b>{esc(card.title) or i18n.get('card-untitled')}</b> #{card.id}",
             i18n.get("crm-card-owner", owner=esc(d.owner) if d.owner else
                      i18n.get("crm-card-nobody"), team=esc(d.team) if d.team else "—"),
             i18n.get("crm-stage-since", stage=stage_name(i18n, card.stage),
                      since=format_local(card.stage_changed_at, timezone))]
    if card.lost_reason:
        lines.append(i18n.get("crm-lost-reason", reason=lost_reason(i18n, card.lost_reason)))
    if card.stack:
        lines.append(i18n.get("card-stack", stack=esc(", ".join(card.stack))))
    if card.rate_rub_hour_min is not None or card.rate_rub_hour_max is not None:
        lines.append(i18n.get("card-rate", rate=rate_range(
            i18n, card.rate_rub_hour_min, card.rate_rub_hour_max)))
    if d.client:
        lines.append(i18n.get("crm-card-client", client=esc(d.client)))
    if d.proposals:
        lines += ["", i18n.get("crm-card-proposed")]  # a blank line opens each section
        lines += [i18n.get("crm-card-proposal", developer=esc(name),
                           status=i18n.get(f"crm-submission-{s.status}"))
                  for s, name in d.proposals]
    if d.interviews:
        lines += ["", i18n.get("crm-card-interviews")]
        for interview, name in d.interviews:
            outcome = (i18n.get(f"crm-outcome-{interview.outcome}") if interview.outcome
                       else i18n.get("crm-card-pending"))
            lines.append(i18n.get(
                "crm-card-interview", developer=esc(name), outcome=outcome,
                when=format_local(interview.scheduled_at, interview.timezone),
                tz=interview.timezone))
    if d.tasks:
        lines += ["", i18n.get("crm-card-tasks")]
        for task in d.tasks:
            due = (" — " + i18n.get("crm-task-due", due=format_local(task.due_at, timezone))
                   if task.due_at else "")
            lines.append(f"☐ {esc(task.title)}{due}")
    if d.history:
        lines += ["", i18n.get("crm-card-history")]
        lines += [i18n.get("crm-card-move", when=format_local(c.created_at, timezone),
                           to=stage_name(i18n, c.to_stage),
                           who=esc(d.names.get(c.user_id or 0, "—")))
                  for c in d.history]
    if d.activities:
        lines += ["", i18n.get("crm-card-activity")]
        lines += [_activity(a, i18n, timezone) for a in d.activities]
    return fit(lines, i18n)
