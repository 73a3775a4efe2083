"""Texts of follow-up chains: the preview, a chain's state, the templates report."""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.i18n import I18n
from crm.outreach import OutreachPlan
from crm.outreach_admin import TemplateLine
from db.records.outreach import RunRecord
from db.records.pipeline import ActivityRecord

SNIPPET = 120


def preview_text(plan: OutreachPlan, i18n: I18n) -> str:
    if plan.opted_out:
        return i18n.get("outreach-opted-out")
    if plan.busy:
        return i18n.get("outreach-busy")
    who = plan.recipient
    lines = [i18n.get("outreach-preview-title"),
             i18n.get("outreach-to", name=html.escape(who.name or "—"),
                      telegram="✓" if who.tg_user_id else "—",
                      email=html.escape(who.email or "—")),
             i18n.get("outreach-first", channel=i18n.get(f"outreach-kind-{plan.first_kind}"),
                      zone=plan.timezone)]
    if plan.text:
        lines += ["", f"<blockquote>{html.escape(plan.text)}</blockquote>"]
    else:
        lines.append(i18n.get("outreach-no-template"))
    return "\n".join(lines)


def run_text(run: RunRecord, i18n: I18n) -> str:
    lines = [i18n.get("outreach-run", status=i18n.get(f"outreach-status-{run.status}"),
                      reason=run.stop_reason or "-")]
    if run.reply_text:
        lines.append(f"<blockquote>{html.escape(run.reply_text[:1000])}</blockquote>")
    return "\n".join(lines)


def report_text(lines: Sequence[TemplateLine], i18n: I18n) -> str:
    if not lines:
        return i18n.get("outreach-report-empty")
    out = [i18n.get("outreach-report-title")]
    for line in lines:
        s = line.stats
        retired = line.template.retired_at is not None
        out.append(i18n.get(
            "outreach-report-line-retired" if retired else "outreach-report-line",
            name=html.escape(line.template.key),
            kind=i18n.get(f"outreach-kind-{line.template.step_kind}"),
            language=line.template.language, sends=s.sends, replies=s.replies,
            rate=f"{s.rate:.0%}", low=f"{s.low:.0%}", high=f"{s.high:.0%}",
            best=f"{s.p_best:.0%}"))
    return "\n".join(out)


# Skip reasons the status line already words; other errors (privacy, a bounce) are shown.
SAID_BY_STATUS = frozenset({"no_person", "no_email"})


def outreach_activity(entry: ActivityRecord, i18n: I18n, when: str) -> str | None:
    """A chain's line in the card's history; None for other kinds."""
    payload = entry.payload
    if entry.kind == "outreach_step":
        error = payload.get("error")
        if error in SAID_BY_STATUS:  # "skipped — nobody to write to" says it already
            error = None
        return i18n.get("outreach-act-step-error" if error else "outreach-act-step", when=when,
                        kind=i18n.get(f"outreach-kind-{payload.get('kind', 'task')}"),
                        status=i18n.get(f"outreach-step-{payload.get('status', 'done')}"),
                        error=html.escape(str(error or "")))
    if entry.kind == "outreach_reply":
        return i18n.get("outreach-act-reply", when=when,
                        text=html.escape(str(payload.get("text", ""))[:SNIPPET]))
    if entry.kind == "outreach_stopped" and payload.get("stage"):  # the card moved on
        return i18n.get("outreach-act-stopped-stage", when=when,
                        stage=i18n.get(f"stage-{payload['stage']}"))
    if entry.kind in ("outreach_started", "outreach_stopped", "outreach_opt_out"):
        return i18n.get(f"outreach-act-{entry.kind.removeprefix('outreach_')}", when=when)
    return None
