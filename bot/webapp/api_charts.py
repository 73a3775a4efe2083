"""The charts view's route: the analytics report the bot's /stats draws, with the same
pickers (report, period, granularity, filters), as PNGs and CSVs inside one JSON answer (the
page has no other way to send initData with an image or a download)."""

from __future__ import annotations

import base64

from aiohttp import web

from analytics import reports
from analytics.records import PERIOD_DAYS, ChartFilters, Granularity, ReportKind, ReportRequest
from bot.i18n import I18n
from bot.webapp import requests as read
from bot.webapp.context import context_of, i18n_of, user_of
from bot.webapp.errors import BadRequest
from db.records.feed import FORMATS, GRADES, ROLE_FAMILIES


def _choice(request: web.Request, name: str, allowed: tuple[str, ...], default: str) -> str:
    value = request.query.get(name) or default
    if value not in allowed:
        raise BadRequest(f"{name} must be one of {allowed}")
    return value


def _listed(request: web.Request, name: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    values = read.query_list(request, name)
    if any(v not in allowed for v in values):
        raise BadRequest(f"{name} takes {allowed}")
    return values


def report_request(request: web.Request) -> ReportRequest:
    period = read.query_int(request, "period") or 30
    if period not in PERIOD_DAYS:
        raise BadRequest(f"period must be one of {PERIOD_DAYS}")
    return ReportRequest(
        report=ReportKind(_choice(request, "report", tuple(ReportKind), ReportKind.overview)),
        period_days=period,
        granularity=Granularity(_choice(request, "granularity", tuple(Granularity), "day")),
        filters=ChartFilters(
            roles=_listed(request, "roles", ROLE_FAMILIES),
            stack=read.query_list(request, "stack"),
            grades=_listed(request, "grades", GRADES),
            formats=_listed(request, "formats", FORMATS),
        ),
    )


def chart_texts(i18n: I18n) -> dict[str, str]:
    """The pickers' labels: the bot's own /stats keys."""
    found = {f"stats-report-{k.value}": i18n.get(f"stats-report-{k.value}") for k in ReportKind}
    found.update({f"chart-granularity-{g.value}": i18n.get(f"chart-granularity-{g.value}")
                  for g in Granularity})
    found.update({f"role-{r}": i18n.get(f"role-{r}") for r in ROLE_FAMILIES})
    found["chart-no-data"] = i18n.get("chart-no-data")
    return found


def chart_choices() -> dict[str, list[object]]:
    return {"reports": [k.value for k in ReportKind], "chart_periods": list(PERIOD_DAYS),
            "granularities": [g.value for g in Granularity], "roles": list(ROLE_FAMILIES)}


async def get_charts(request: web.Request) -> web.Response:
    i18n = i18n_of(request)
    report = await reports.build(context_of(request).uow(), user_of(request),
                                 report_request(request), i18n.get, i18n.language)
    return web.json_response({
        "summary": report.summary,
        "charts": [{
            "key": chart.key.value, "title": chart.title, "caption": chart.caption,
            "has_data": chart.has_data, "file_name": chart.file_name,
            "png": base64.b64encode(chart.png).decode("ascii"),
            "csv": base64.b64encode(chart.csv).decode("ascii"),
        } for chart in report.charts],
        "failed": [key.value for key in report.failed],
    })


def chart_routes() -> list[web.RouteDef]:
    return [web.get("/miniapp/api/charts", get_charts)]
