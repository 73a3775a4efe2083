"""What the analytics read side takes and returns: requests, windows and frozen query results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

PERIOD_DAYS: tuple[int, ...] = (7, 30, 90, 365)
DEFAULT_PERIOD_DAYS = 30


class Granularity(StrEnum):
    day = "day"
    week = "week"
    month = "month"


class ChartKey(StrEnum):
    """Every chart the read side draws; a report is an ordered selection of these."""

    demand_stack = "demand_stack"
    demand_roles = "demand_roles"
    supply = "supply"
    rates = "rates"
    channels = "channels"
    response = "response"
    pipeline = "pipeline"


class ReportKind(StrEnum):
    overview = "overview"
    market = "market"
    team = "team"
    channels = "channels"


REPORT_CHARTS: dict[ReportKind, tuple[ChartKey, ...]] = {
    ReportKind.overview: tuple(ChartKey),
    ReportKind.market: (ChartKey.demand_stack, ChartKey.demand_roles, ChartKey.supply,
                        ChartKey.rates),
    ReportKind.team: (ChartKey.response, ChartKey.pipeline),
    ReportKind.channels: (ChartKey.channels, ChartKey.demand_stack),
}


@dataclass(frozen=True)
class ChartFilters:
    """Optional narrowing on top of the viewer's scope; empty tuples mean "any"."""

    roles: tuple[str, ...] = ()
    stack: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    source_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ReportRequest:
    """What to draw. `end` defaults to now: the period is the `period_days` before it."""

    report: ReportKind = ReportKind.overview
    period_days: int = DEFAULT_PERIOD_DAYS
    granularity: Granularity = Granularity.day
    filters: ChartFilters = field(default_factory=ChartFilters)
    end: datetime | None = None
    charts: tuple[ChartKey, ...] | None = None  # overrides `report`'s selection

    @property
    def chart_keys(self) -> tuple[ChartKey, ...]:
        return self.charts if self.charts is not None else REPORT_CHARTS[self.report]


@dataclass(frozen=True)
class Window:
    """The period [start, end), the one before it, and how to cut it into buckets."""

    start: datetime
    end: datetime
    granularity: Granularity
    timezone: str

    @property
    def previous_start(self) -> datetime:
        return self.start - (self.end - self.start)

    @property
    def days(self) -> int:
        return max(1, round((self.end - self.start) / timedelta(days=1)))


@dataclass(frozen=True)
class CountPoint:
    bucket: datetime
    name: str
    count: int


@dataclass(frozen=True)
class Trend:
    name: str
    current: int
    previous: int

    @property
    def change(self) -> float | None:
        """Relative change against the previous period; None when there was nothing before."""
        return (self.current - self.previous) / self.previous if self.previous else None


@dataclass(frozen=True)
class StackDemand:
    trends: tuple[Trend, ...]  # top stacks by requests in the period, most first
    series: tuple[CountPoint, ...]  # requests per bucket of those stacks
    total_requests: int
    previous_requests: int


@dataclass(frozen=True)
class Counted:
    name: str
    count: int


@dataclass(frozen=True)
class RoleGradeDemand:
    roles: tuple[Counted, ...]
    grades: tuple[Counted, ...]


@dataclass(frozen=True)
class SupplyRow:
    """hh.index-like: requests per available developer (bench + offers) for one stack/grade."""

    name: str
    requests: int
    offers: int
    bench: int

    @property
    def supply(self) -> int:
        return self.offers + self.bench

    @property
    def index(self) -> float | None:
        return self.requests / self.supply if self.supply else None


@dataclass(frozen=True)
class SupplyDemand:
    stacks: tuple[SupplyRow, ...]
    grades: tuple[SupplyRow, ...]


@dataclass(frozen=True)
class RateStat:
    name: str  # "stack · grade"
    count: int
    q1: float
    median: float
    q3: float


@dataclass(frozen=True)
class RatePoint:
    bucket: datetime
    name: str
    q1: float
    median: float
    q3: float


@dataclass(frozen=True)
class Rates:
    combos: tuple[RateStat, ...]  # whole period, most-rated first
    series: tuple[RatePoint, ...]  # per bucket, for the top combos
    requests: int
    with_rate: int

    @property
    def stated_share(self) -> float | None:
        return self.with_rate / self.requests if self.requests else None


@dataclass(frozen=True)
class ChannelRow:
    source_id: int
    name: str
    posts: int
    requests: int
    cross_posts: int
    first_posts: int
    last_post_at: datetime | None

    @property
    def request_share(self) -> float | None:
        return self.requests / self.posts if self.posts else None

    @property
    def cross_share(self) -> float | None:
        return self.cross_posts / self.requests if self.requests else None


@dataclass(frozen=True)
class Channels:
    rows: tuple[ChannelRow, ...]
    as_of: datetime


RESPONSE_BUCKETS: tuple[str, ...] = ("lt15m", "lt1h", "lt4h", "lt24h", "gt24h", "never")


@dataclass(frozen=True)
class ResponseRow:
    """First manager action after a request appeared, counted per bucket of RESPONSE_BUCKETS."""

    name: str
    level: str  # "all", "team" or "manager"
    buckets: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.buckets)

    @property
    def within_hour_share(self) -> float | None:
        return (self.buckets[0] + self.buckets[1]) / self.total if self.total else None


@dataclass(frozen=True)
class Response:
    rows: tuple[ResponseRow, ...]  # "all" first, then teams, then managers


@dataclass(frozen=True)
class StageRow:
    stage: str
    now: int  # cards in this stage now
    reached: int  # cards that were ever in this stage
    median_hours: float | None  # time spent in this stage before moving on


@dataclass(frozen=True)
class Pipeline:
    total: int
    stages: tuple[StageRow, ...]
    won: int
    lost: int
    lost_reasons: tuple[Counted, ...]

    @property
    def win_rate(self) -> float | None:
        closed = self.won + self.lost
        return self.won / closed if closed else None
