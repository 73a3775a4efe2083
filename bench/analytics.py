"""Analytics on 1,000,000 generated cards over a year: one manager's full chart set (queries +
drawing, p50/p95) and the weekly digests of 500 managers built and queued.

Run: .venv/bin/python -m bench.analytics [--cards 1000000] [--runs 20] [--managers 500]
Writes bench/results/analytics.json, the plans of the main queries to
bench/results/analytics_explain.txt (the benchmark's notes) and the CPU per query and per
chart to bench/results/analytics_breakdown.txt (load-independent, for comparing changes).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from analytics import reports
from analytics.records import Granularity, ReportRequest
from bench.analytics_seed import seeded_database
from bench.common import ADMIN_URL, RESULTS, Figure, write_results
from bot.digests import DigestBuilder
from bot.i18n import Translator
from bot.settings import DigestSettings
from db.admin import drop_database
from db.engine import make_engine, make_session_factory
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

WARMUP = 2


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


async def _explain(factory: Any, viewer: Any) -> str:
    """EXPLAIN ANALYZE of every statement one 30-day chart set runs: the benchmark's notes."""
    from sqlalchemy.orm import ORMExecuteState, Session

    seen: list[Any] = []

    def record(state: ORMExecuteState) -> None:
        if state.is_select:  # not the transaction's SET LOCAL
            seen.append(state.statement)

    sa.event.listen(Session, "do_orm_execute", record)
    try:
        await reports.collect(UnitOfWork(factory), viewer, ReportRequest(period_days=30))
    finally:
        sa.event.remove(Session, "do_orm_execute", record)
    plans = []
    async with factory() as session, session.begin():
        for setting in reports.REPORT_SETTINGS:  # as reports.collect runs them
            await session.execute(sa.text(setting))
        for statement in seen:
            try:
                sql = str(statement.compile(dialect=postgresql.dialect(),
                                            compile_kwargs={"literal_binds": True}))
            except Exception as exc:  # a bind that has no literal form: say so, keep going
                plans.append(f"== (not compiled: {exc})")
                continue
            rows = (await session.execute(sa.text("EXPLAIN (ANALYZE, BUFFERS) " + sql))).all()
            plans.append(f"== {sql}\n" + "\n".join(r[0] for r in rows))
    return "\n\n".join(plans)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process on this machine (the PostgreSQL backend serving us)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _chart_set(factory: Any, viewer: Any, days: int, runs: int,
                     split_runs: int = 0) -> dict[str, list[float]]:
    """Wall times of reports.build (the bot's path: each chart drawn while the next query
    runs), and the CPU they took (load-independent): the backend's for the queries, this
    process's for the rest (the drawing and the loop's share of the queries). Then, over
    `split_runs` more, the two halves one after another (collect, then render) for their
    own wall times, the backend's CPU per query ("query:<chart>", the time since the chart
    before it came in) and the drawing thread's CPU per chart ("draw:<chart>"). The factory's
    engine has one connection, so one backend serves every query (reports turn PostgreSQL's
    parallel workers off, so that backend's CPU is all of the database's)."""
    i18n = Translator().pick("ru")
    request = ReportRequest(period_days=days, granularity=Granularity.day)
    took: dict[str, list[float]] = {k: [] for k in ("total", "db_cpu", "python_cpu", "queries",
                                                     "drawing", "drawing_cpu")}
    async with factory() as session:
        backend = int((await session.execute(sa.text("SELECT pg_backend_pid()"))).scalar_one())

    def render(data: reports.ReportData) -> tuple[reports.Report, float]:
        painter = reports.Painter(data.request, data.window, i18n.get, "ru")
        cpu = 0.0
        for key in data.results:  # in the order the results came, as reports.build draws
            started = time.thread_time()
            painter.add(key, data.results[key])
            took.setdefault(f"draw:{key.value}", []).append(time.thread_time() - started)
            cpu += took[f"draw:{key.value}"][-1]
        return painter.report(data), cpu

    marks: list[float] = []

    def arrived(key: Any, _: Any) -> None:
        marks.append(_cpu_seconds(backend))
        took.setdefault(f"query:{key.value}", []).append(marks[-1] - marks[-2])

    for n in range(runs + WARMUP):
        started, cpu, own = time.perf_counter(), _cpu_seconds(backend), time.process_time()
        report = await reports.build(UnitOfWork(factory), viewer, request, i18n.get, "ru")
        done = time.perf_counter()
        assert len(report.charts) == 7 and not report.failed
        if n >= WARMUP:
            took["total"].append(done - started)
            took["db_cpu"].append(_cpu_seconds(backend) - cpu)
            took["python_cpu"].append(time.process_time() - own)
    for _ in range(split_runs):
        marks[:] = [_cpu_seconds(backend)]
        started = time.perf_counter()
        data = await reports.collect(UnitOfWork(factory), viewer, request, arrived)
        queried = time.perf_counter()
        report, drawing_cpu = await asyncio.to_thread(render, data)
        assert len(report.charts) == 7 and not report.failed
        took["queries"].append(queried - started)
        took["drawing"].append(time.perf_counter() - queried)
        took["drawing_cpu"].append(drawing_cpu)
    return took


def _breakdown(month: dict[str, list[float]], loads: list[float]) -> str:
    """The load-independent figures per query and per chart (medians of the split runs)."""
    lines = [f"One manager's 30-day chart set, CPU seconds (medians of {len(month['queries'])} "
             f"split runs; load average {min(loads):.1f}-{max(loads):.1f}).",
             "PostgreSQL backend CPU per query (query:demand_stack is the facets scan; the "
             "chart queried before it has its own query):"]
    for prefix in ("query:", "draw:"):
        if prefix == "draw:":
            lines.append("Drawing thread CPU per chart (Figure to PNG bytes):")
        parts = {k: statistics.median(v) for k, v in month.items() if k.startswith(prefix)}
        lines += [f"  {k[len(prefix):]:<14} {v:.3f} s" for k, v in parts.items()]
        lines.append(f"  {'sum':<14} {sum(parts.values()):.3f} s")
    return "\n".join(lines) + "\n"


async def _main(cards: int, runs: int, managers: int, admin_url: str, fresh: bool) -> None:
    url = await seeded_database(admin_url, cards, managers, fresh)
    try:
        engine = make_engine(url, pool_size=4)
        factory = make_session_factory(engine)
        uow = UnitOfWork(factory)
        async with uow:
            viewer = await uow.repo(UserRepo).get(7)  # a manager of team 8, no role limits
        assert viewer is not None
        gc.collect()  # as bot/cli.py does once the bot is built: start-up objects frozen
        gc.freeze()
        one = make_engine(url, pool_size=1)
        loads = [os.getloadavg()[0]]
        month = await _chart_set(make_session_factory(one), viewer, 30, runs,
                                 split_runs=max(3, runs // 4))
        loads.append(os.getloadavg()[0])
        year = await _chart_set(make_session_factory(one), viewer, 365, max(3, runs // 4),
                                split_runs=1)
        await one.dispose()
        loads.append(os.getloadavg()[0])
        notes = await _explain(factory, viewer)
        now = datetime.now(UTC) + timedelta(days=7)
        builder = DigestBuilder(lambda: UnitOfWork(factory), Translator(), DigestSettings())
        started = time.perf_counter()
        result = await builder.run(now)
        digest_seconds = time.perf_counter() - started
        loads.append(os.getloadavg()[0])
        await engine.dispose()
    finally:
        await drop_database(admin_url, url)
    (RESULTS / "analytics_breakdown.txt").write_text(_breakdown(month, loads), encoding="utf-8")
    (RESULTS / "analytics_explain.txt").write_text(
        "Shared 2-core machine (several engineers): timings may be pessimistic. Load average "
        f"(1 min) {min(loads):.1f}-{max(loads):.1f} during the run.\n\n" + notes + "\n",
        encoding="utf-8")
    shared = "shared 2-core machine"
    write_results("analytics", [
        Figure("chart_set_30d_p50", statistics.median(month["total"]), "s", "informational"),
        Figure("chart_set_30d_p95", percentile(month["total"], 95), "s", f"<= 1 s ({shared})"),
        Figure("chart_set_30d_queries_p50", statistics.median(month["queries"]), "s",
               "informational: the queries alone (collect), without drawing beside them"),
        Figure("chart_set_30d_drawing_p50", statistics.median(month["drawing"]), "s",
               "informational: the drawing alone (render), after the queries"),
        Figure("chart_set_30d_db_cpu_p50", statistics.median(month["db_cpu"]), "s",
               "informational: PostgreSQL backend CPU per chart set, load-independent"),
        Figure("chart_set_30d_drawing_cpu_p50", statistics.median(month["drawing_cpu"]), "s",
               "informational: drawing thread CPU per chart set, load-independent"),
        Figure("chart_set_30d_python_cpu_p50", statistics.median(month["python_cpu"]), "s",
               "informational: bench process CPU per chart set (drawing + the loop's share of "
               "the queries), load-independent"),
        Figure("load_average_1min_min", min(loads), "load", "informational (2 cores)"),
        Figure("load_average_1min_max", max(loads), "load", "informational (2 cores)"),
        Figure("chart_set_365d_p50", statistics.median(year["total"]), "s", "informational"),
        Figure("chart_set_365d_queries_p50", statistics.median(year["queries"]), "s",
               "informational"),
        Figure("digests_500_build_and_queue", digest_seconds, "s", f"<= 120 s ({shared})"),
        Figure("digests_queued", float(result.queued), "count", f"== {managers}"),
        Figure("cards", float(cards), "count", "1,000,000 over a year"),
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--managers", type=int, default=500)
    parser.add_argument("--admin-url", default=ADMIN_URL)
    parser.add_argument("--fresh", action="store_true", help="reseed the cached template")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(_main(args.cards, args.runs, args.managers, args.admin_url, args.fresh))


if __name__ == "__main__":
    main()
