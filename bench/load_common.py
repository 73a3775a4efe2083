"""What the 100× load benchmarks share: real posts replayed with fresh ids and times, a sales
team of managers with saved searches, and classify workers as real `radar classifier work`
processes against the benchmark's database.

Replayed copies: the 9,630 shared posts are fewer than a day at 100×, so a post comes back as
copy k ≥ 1 with a fresh message id, a fresh time and a channel footer line of its own. The
footer keeps the copy from the prediction cache (which keys on the exact text), so every copy is
classified; cross-post detection strips footers, so a copy joins the first one's card, as a
request cross-posted to several channels does.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import statistics
import sys
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench.common import ROOT
from collector.jsonl_reader import JsonlReader
from collector.reader import RawMessage
from crm import sources
from db.records.feed import FeedFilters
from db.records.sources import SourceRecord
from db.records.users import UserRecord
from db.repositories.searches import SearchRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

# A day at 100× today's 500 posts.
POSTS_PER_DAY = 50_000
MANAGERS = 500
SEARCHES_PER_MANAGER = 5
MANAGER_TG_BASE = 5_000_000
COPY_ID_STRIDE = 10_000_000
WORKER_READY_LINE = "classify worker up"


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


@dataclass(frozen=True)
class Replay:
    """The shared posts by chat, and the sources they are stored under."""

    messages: list[RawMessage]
    by_chat: dict[int, SourceRecord]


async def load_replay(records: Path, uow: UnitOfWork) -> Replay:
    reader = JsonlReader(records)
    stored = await sources.ensure_chats(uow, list(reader.chats.values()))
    by_chat = {s.tg_id: s for s in stored if s.tg_id is not None}
    messages = [m for chat in reader.messages.values() for m in chat if m.chat_id in by_chat]
    return Replay(messages, by_chat)


def fresh_copies(
    replay: Replay, count: int, start: datetime, span: timedelta, seed: int = 20
) -> list[RawMessage]:
    """`count` posts in random order, evenly spread over [start, start + span)."""
    rng = random.Random(seed)
    order = list(replay.messages)
    out: list[RawMessage] = []
    copy = 0
    while len(out) < count:
        rng.shuffle(order)
        for message in order[: count - len(out)]:
            text = message.text if copy == 0 else f"{message.text}\n\nИсточник: канал №{copy}"
            out.append(replace(message, message_id=message.message_id + copy * COPY_ID_STRIDE,
                               text=text))
        copy += 1
    rng.shuffle(out)
    step = span / max(count, 1)
    return [replace(m, date=start + step * i) for i, m in enumerate(out)]


def team_searches(annotations: Path, count: int, seed: int = 5) -> list[FeedFilters]:
    """Saved searches of a team split by speciality: each is one (role, technology, grade) seen
    together in a labelled IT request, drawn evenly from the distinct ones. Drawn by demand
    instead, popular combinations get many searches and a card matches ~4× as many (8.4 pushes
    per labelled request instead of 2.2): at a peak that is more than Telegram's 30 messages/s."""
    rows = [json.loads(line) for line in annotations.open(encoding="utf-8") if line.strip()]
    combos = sorted({
        (role, tech, grade) for r in rows if r["kind"] == "request"
        for role in r["roles"] if role != "non_it" for tech in r["stack"] for grade in r["grades"]
    })
    rng = random.Random(seed)
    return [FeedFilters(kind="request", roles=(role,), stack=(tech,), grades=(grade,),
                        period_days=None)
            for role, tech, grade in (rng.choice(combos) for _ in range(count))]


async def add_team(
    uow: UnitOfWork, annotations: Path, managers: int = MANAGERS,
    per_manager: int = SEARCHES_PER_MANAGER,
) -> list[UserRecord]:
    filters = team_searches(annotations, managers * per_manager)
    users = []
    async with uow:  # one transaction: set-up, not a use case under test
        repo, saved = uow.repo(UserRepo), uow.repo(SearchRepo)
        for n in range(managers):
            user = await repo.add(tg_user_id=MANAGER_TG_BASE + n, first_name=f"M{n}",
                                  username=None, language="ru", role="manager")
            users.append(user)
            for wanted in filters[n * per_manager: (n + 1) * per_manager]:
                name = f"{wanted.grades[0]} {wanted.stack[0]} {wanted.roles[0]}"
                await saved.add(user.id, name, wanted, None)
        await uow.commit()
    return users


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes so far, from /proc (0 for those gone)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        stat = Path(f"/proc/{pid}/stat")
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


async def backend_pids(engine: Any) -> list[int]:
    """The PostgreSQL backends serving this benchmark's database (its pools' connections)."""
    query = sa.text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
    async with engine.connect() as conn:
        return list((await conn.execute(query)).scalars())


class WorkerProcesses:
    """N `radar classifier work` processes; started, waited for until their model is loaded."""

    def __init__(self, count: int, database_url: str, redis_url: str, threads: int) -> None:
        self.count, self.threads = count, threads
        self.env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url,
                    "CLASSIFIER_THREADS": str(threads), "HEALTH_PORT": "0", "LOG_LEVEL": "INFO",
                    "LOG_FORMAT": "text"}
        self.processes: list[asyncio.subprocess.Process] = []
        self._drains: list[asyncio.Task[None]] = []

    async def start(self, timeout: float = 300.0) -> None:
        for _ in range(self.count):
            self.processes.append(await asyncio.create_subprocess_exec(
                sys.executable, "-m", "scripts.radar", "classifier", "work", cwd=ROOT,
                env=self.env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE))
        await asyncio.wait_for(asyncio.gather(*(self._ready(p) for p in self.processes)),
                               timeout)

    async def _ready(self, process: asyncio.subprocess.Process) -> None:
        assert process.stderr is not None
        while WORKER_READY_LINE not in (line := (await process.stderr.readline()).decode()):
            if not line:
                raise RuntimeError("a classify worker exited before it was ready")
        self._drains.append(asyncio.create_task(self._drain(process)))

    @staticmethod
    async def _drain(process: asyncio.subprocess.Process) -> None:
        assert process.stderr is not None
        while line := await process.stderr.readline():
            if b"ERROR" in line or b"Traceback" in line:
                sys.stderr.write("worker: " + line.decode())

    def cpu_seconds(self) -> float:
        """User + system CPU the workers have used so far (load-independent, unlike wall)."""
        return cpu_seconds([p.pid for p in self.processes])

    def peak_rss_mb(self) -> float:
        """The largest worker's peak resident memory (VmHWM), while they still run."""
        peaks = []
        for process in self.processes:
            status = Path(f"/proc/{process.pid}/status")
            for line in status.read_text().splitlines() if status.exists() else ():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        return max(peaks, default=float("nan"))

    async def stop(self) -> None:
        await asyncio.gather(*(stop_process(p) for p in self.processes))
        for task in self._drains:
            task.cancel()


async def start_bot(
    database_url: str, redis_url: str, api_base: str, token: str, delivery_workers: int,
    entry: str = "scripts.radar", extra_env: dict[str, str] | None = None,
) -> asyncio.subprocess.Process:
    """`radar bot run` (matcher + delivery workers + long polling) as a process of its own, as
    deployed: the benchmark's process is Telegram (the sandbox) and the posts' source. `entry`
    may name a module that wraps scripts.radar (bench.peak_trace: the delivery trace)."""
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url,
           "BOT_TOKEN": token, "BOT_API_BASE": api_base, "HEALTH_PORT": "0",
           "BOT_DELIVERY_WORKERS": str(delivery_workers), "BOT_WEBHOOK_URL": "",
           "SMTP_HOST": "", "LOG_LEVEL": "WARNING", "LOG_FORMAT": "text",
           # The weekly digest is due for all 500 managers whenever a run starts on a Monday
           # after 9:00: 500 chart albums in the middle of the burst are not the peak measured.
           "DIGEST_ENABLED": "false", **(extra_env or {})}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", entry, "bot", "run", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=None)


async def stop_process(process: asyncio.subprocess.Process, grace: float = 20.0) -> None:
    if process.returncode is None:
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), grace)
        except TimeoutError:
            process.kill()
            await process.wait()
