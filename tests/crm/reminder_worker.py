"""A scheduler process for the restart test: plans one interview's reminder to fire
`fire_in` seconds from now, says so on stdout, then idles until it is killed.

Usage: python -m tests.crm.reminder_worker DATABASE_URL INTERVIEW_ID FIRE_IN TABLE
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime, timedelta

from crm import interviews
from crm.scheduler import CrmJobs, make_scheduler
from crm.settings import CrmSettings
from db.engine import make_engine, make_session_factory
from db.uow import UnitOfWork


async def main(url: str, interview_id: int, fire_in: float, table: str) -> None:
    engine = make_engine(url, pool_size=1)
    factory = make_session_factory(engine)
    [interview] = [i for i in await interviews.upcoming(UnitOfWork(factory))
                   if i.id == interview_id]
    before = interview.scheduled_at - (datetime.now(UTC) + timedelta(seconds=fire_in))
    settings = CrmSettings(scheduler_table=table)
    jobs = CrmJobs(make_scheduler(url, settings), lambda: UnitOfWork(factory), settings,
                   reminder_offsets=(timedelta(seconds=int(before.total_seconds())),))
    jobs.start(stale_check=False)
    planned = jobs.plan(interview)
    sys.stdout.write(f"planned {planned}\n")
    sys.stdout.flush()
    await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]))
