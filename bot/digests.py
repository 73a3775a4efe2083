"""The weekly chart digest: for every subscriber whose local send time has passed this week,
the charts of their scope for the past week, the saved-search matches nobody took and the
fastest-rising technologies, queued into the outbox (crm.digests.queue) for delivery.

Managers who see the same scope get the same charts: those are drawn once per run.
A digest that fails to build is logged and retried on the next sweep; one already queued is
never built again (crm.digests.due skips it), so a killed run resumes where it stopped.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from analytics import reports
from analytics.digest import UntakenMatch, untaken_matches
from analytics.formatting import signed_percent
from analytics.records import ChartKey, Granularity, ReportRequest
from bot.i18n import I18n, Translator
from bot.settings import DigestSettings
from crm import digests
from crm.digests import DueDigest
from db.uow import UnitOfWork

log = logging.getLogger(__name__)
DIGEST_CHARTS = (ChartKey.demand_stack, ChartKey.demand_roles, ChartKey.response,
                 ChartKey.pipeline)
CAPTION_LIMIT = 1024


@dataclass(frozen=True)
class DigestRun:
    due: int
    queued: int
    failed: int


def _scope_key(d: DueDigest) -> tuple[Any, ...]:
    u = d.user
    return (u.is_admin, u.team_id, u.scope_roles, u.scope_source_ids, u.language,
            reports.timezone_of(u), d.send_at)


def compose(i18n: I18n, d: DueDigest, report: reports.Report,
            untaken: tuple[UntakenMatch, ...], untaken_total: int) -> dict[str, str]:
    """The digest's text (an album caption, HTML), its email subject and plain text."""
    start = d.send_at - timedelta(days=7)
    head = i18n.get("digest-title", start=start.strftime("%d.%m"),
                    end=d.send_at.strftime("%d.%m"))
    lines = [f"<b>{html.escape(head)}</b>", html.escape(report.summary)]
    if report.rising:
        new = i18n.get("chart-new")
        rising = ", ".join(f"{r.name} {signed_percent(r.change, i18n.language, new)}"
                           for r in report.rising)
        lines.append(html.escape(i18n.get("digest-rising", stacks=rising)))
    lines.append(html.escape(i18n.get("digest-untaken", count=untaken_total)))
    lines += [f"• {html.escape(m.title[:80])}" for m in untaken]
    text = "\n".join(lines)
    if len(text) > CAPTION_LIMIT:
        text = text[: CAPTION_LIMIT - 1].rsplit("\n", 1)[0] + "\n…"
    plain = "\n".join(html.unescape(line.replace("<b>", "").replace("</b>", ""))
                      for line in lines)
    return {"text": text, "subject": head, "plain": plain}


class DigestBuilder:
    def __init__(self, uow_factory: Callable[[], UnitOfWork], translator: Translator,
                 settings: DigestSettings) -> None:
        self.uow_factory, self.translator, self.settings = uow_factory, translator, settings

    async def run(self, now: datetime | None = None) -> DigestRun:
        now = now or datetime.now(UTC)
        due = await digests.due(self.uow_factory(), now, self.settings.weekday,
                                self.settings.time)
        drawn: dict[tuple[Any, ...], reports.Report] = {}
        queued = failed = 0
        for digest in due:
            try:
                queued += await self._one(digest, drawn)
            except Exception:
                failed += 1
                log.exception("weekly digest for user %s failed; the next sweep retries it",
                              digest.user.id)
        return DigestRun(len(due), queued, failed)

    async def _one(self, d: DueDigest, drawn: dict[tuple[Any, ...], reports.Report]) -> bool:
        i18n = self.translator.pick(d.user.language)
        key = _scope_key(d)
        report = drawn.get(key)
        if report is None:
            request = ReportRequest(period_days=7, granularity=Granularity.day,
                                    charts=DIGEST_CHARTS, end=d.send_at)
            report = await reports.build(self.uow_factory(), d.user, request, i18n.get,
                                         i18n.language)
            drawn[key] = report
        untaken, total = await untaken_matches(
            self.uow_factory(), d.user, d.send_at - timedelta(days=7), d.send_at)
        payload = compose(i18n, d, report, untaken, total)
        return await digests.queue(self.uow_factory(), d, [c.png for c in report.charts],
                                   payload)
