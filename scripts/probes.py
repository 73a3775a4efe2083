"""What /healthz checks and what /metrics reports about queues, for any long-running process."""

from __future__ import annotations

from prometheus_client import Gauge
from sqlalchemy import text

from db.runtime import Database
from scripts.health import HealthCheck

QUEUE_DEPTH = Gauge("radar_queue_depth", "Rows waiting in a work queue", ["queue"])
ERRORS = Gauge("radar_delivery_dead", "Notifications that exhausted their retries")

_QUEUES = {
    "classify": "SELECT count(*) FROM posts WHERE classify_state = 'pending'",
    "outbox": "SELECT count(*) FROM notifications WHERE status = 'pending'",
}


def queue_gauges(database: Database) -> HealthCheck:
    """Reads the queue depths into the gauges: run by /healthz and before every /metrics
    scrape, so Prometheus never sees depths as old as the last health poll."""

    async def refresh() -> None:
        async with database.engine.connect() as conn:
            for queue, sql in _QUEUES.items():
                QUEUE_DEPTH.labels(queue).set((await conn.execute(text(sql))).scalar_one())
            dead = "SELECT count(*) FROM notifications WHERE status = 'dead'"
            ERRORS.set((await conn.execute(text(dead))).scalar_one())

    return refresh


def database_check(database: Database) -> HealthCheck:
    # Reading the depths is the check: it fails when PostgreSQL does.
    return queue_gauges(database)


# How long the oldest item of a queue may wait before the queue counts as stuck or growing.
_OLDEST = {
    "classify": "SELECT extract(epoch FROM now() - min(stored_at)) FROM posts "
                "WHERE classify_state = 'pending'",
    "outbox": "SELECT extract(epoch FROM now() - min(next_attempt_at)) FROM notifications "
              "WHERE status = 'pending' AND next_attempt_at <= now()",
}


def queue_check(database: Database, queues: tuple[str, ...], max_wait: float) -> HealthCheck:
    """Fails when the oldest due item of a queue this process drains waited over `max_wait`
    seconds: the queue grows faster than it drains, or its worker is stuck."""

    async def check() -> None:
        late = {}
        async with database.engine.connect() as conn:
            for queue in queues:
                waited = (await conn.execute(text(_OLDEST[queue]))).scalar_one()
                if waited is not None and float(waited) > max_wait:
                    late[queue] = f"oldest waits {float(waited):.0f} s"
        if late:
            raise RuntimeError("; ".join(f"{q}: {why}" for q, why in sorted(late.items())))

    return check


def redis_check(redis: object) -> HealthCheck:
    async def check() -> None:
        await redis.ping()  # type: ignore[attr-defined]

    return check
