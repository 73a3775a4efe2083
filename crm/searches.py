"""Saved searches: a phrase parser, CRUD, and the matcher that fills the notification outbox."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from crm.access import can_see
from crm.active_searches import ActiveSearches
from crm.errors import AccessDenied
from db.records.feed import GRADES, CardRecord, FeedFilters
from db.records.searches import SavedSearchRecord
from db.records.users import UserRecord
from db.repositories.feed import FeedRepo
from db.repositories.outbox import OutboxRepo
from db.repositories.searches import SearchRepo
from db.uow import UnitOfWork

MATCH_BATCH = 500
# The same table the classifier normalises rates with (crm may not import it).
RUB_PER_UNIT: Mapping[str, float] = {"₽": 1.0, "$": 90.0, "€": 98.0}
HOURS_PER_MONTH = 168.0

GRADE_WORDS = {
    "intern": "intern", "стажер": "intern", "стажёр": "intern", "junior": "junior",
    "джун": "junior", "джуниор": "junior", "middle": "middle", "мидл": "middle",
    "senior": "senior", "сеньор": "senior", "синьор": "senior", "lead": "lead", "лид": "lead",
}
ROLE_WORDS = {
    "backend": "backend", "бэкенд": "backend", "бекенд": "backend", "frontend": "frontend",
    "фронтенд": "frontend", "фронт": "frontend", "fullstack": "fullstack",
    "фулстек": "fullstack", "mobile": "mobile", "мобильный": "mobile", "qa": "qa",
    "тестировщик": "qa", "devops": "devops", "девопс": "devops", "data": "data",
    "analyst": "analyst", "аналитик": "analyst", "pm": "pm", "design": "design",
    "дизайнер": "design", "gamedev": "gamedev", "security": "security", "erp": "erp",
    "support": "support",
}
STACK_WORDS = {
    "react": "React", "реакт": "React", "vue": "Vue.js", "angular": "Angular",
    "python": "Python", "питон": "Python", "java": "Java", "go": "Go", "golang": "Go",
    "node": "Node.js", "nodejs": "Node.js", "php": "PHP", "c#": "C#", ".net": ".NET",
    "kotlin": "Kotlin", "swift": "Swift", "flutter": "Flutter", "1c": "1C", "1с": "1C",
    "typescript": "TypeScript", "ts": "TypeScript", "javascript": "JavaScript", "js": "JavaScript",
    "django": "Django", "laravel": "Laravel", "ios": "iOS", "android": "Android",
}
FORMAT_WORDS = {
    "remote": "remote", "удаленка": "remote", "удалёнка": "remote", "удаленно": "remote",
    "удалённо": "remote", "office": "office", "офис": "office", "hybrid": "hybrid",
    "гибрид": "hybrid",
}
_RATE = re.compile(
    r"(?P<side>от|до|from|to)\s*(?P<num>\d[\d\s]*?)\s*(?P<k>к|k)?\s*"
    r"(?P<cur>₽|руб|р|\$|€)\s*/\s*(?P<per>ч|час|h|hour|мес|month)",
    re.I,
)
_TOKEN = re.compile(r"[^\s,;]+")


@dataclass(frozen=True)
class MatchResult:
    cards: int
    notifications: int


def _rub_per_hour(number: str, thousands: bool, currency: str, per: str) -> int:
    value = float(number.replace(" ", "")) * (1000 if thousands else 1)
    value *= RUB_PER_UNIT["₽" if currency.lower() in ("руб", "р") else currency]
    if per.lower() in ("мес", "month"):
        value /= HOURS_PER_MONTH
    return round(value)


def parse_phrase(phrase: str, stack_aliases: Mapping[str, str] | None = None) -> FeedFilters:
    """'middle+ react remote от 1500 ₽/ч' → FeedFilters; unknown words are ignored."""
    aliases = {**STACK_WORDS, **{k.lower(): v for k, v in (stack_aliases or {}).items()}}
    filters = FeedFilters(period_days=None)
    rest = phrase.lower()
    for m in _RATE.finditer(rest):
        rub = _rub_per_hour(m["num"], bool(m["k"]), m["cur"], m["per"])
        if m["side"] in ("от", "from"):
            filters = replace(filters, rate_min=rub)
        else:
            filters = replace(filters, rate_max=rub)
    rest = _RATE.sub(" ", rest)
    grades: list[str] = []
    for token in _TOKEN.findall(rest):
        word, plus = token.rstrip("+"), token.endswith("+")
        if word in GRADE_WORDS:
            start = GRADES.index(GRADE_WORDS[word])
            grades += GRADES[start:] if plus else [GRADES[start]]
        elif word in ROLE_WORDS:
            filters = replace(filters, roles=(*filters.roles, ROLE_WORDS[word]))
        elif word in FORMAT_WORDS:
            filters = replace(filters, formats=(*filters.formats, FORMAT_WORDS[word]))
        elif word in aliases:
            filters = replace(filters, stack=(*filters.stack, aliases[word]))
    unique_grades = tuple(g for g in GRADES if g in grades)
    return replace(filters, kind="request", grades=unique_grades,
                   roles=tuple(dict.fromkeys(filters.roles)),
                   stack=tuple(dict.fromkeys(filters.stack)))


def matches(filters: FeedFilters, card: CardRecord) -> bool:
    """The feed's label filters (without the period) applied to one card in memory."""
    if filters.kind and card.kind != filters.kind:
        return False
    for wanted, have in ((filters.roles, card.roles), (filters.stack, card.stack),
                         (filters.grades, card.grades), (filters.formats, card.formats)):
        if wanted and not set(wanted) & set(have):
            return False
    high = card.rate_rub_hour_max if card.rate_rub_hour_max is not None else card.rate_rub_hour_min
    low = card.rate_rub_hour_min if card.rate_rub_hour_min is not None else card.rate_rub_hour_max
    if filters.rate_min is not None and (high is None or high < filters.rate_min):
        return False
    return filters.rate_max is None or (low is not None and low <= filters.rate_max)


async def create(
    uow: UnitOfWork, user: UserRecord, name: str, filters: FeedFilters, phrase: str | None = None
) -> SavedSearchRecord:
    """Saves a search; the period is dropped since a saved search watches new cards."""
    async with uow:
        search = await uow.repo(SearchRepo).add(
            user.id, name[:128], replace(filters, period_days=None), phrase
        )
        await uow.commit()
    return search


async def create_from_phrase(uow: UnitOfWork, user: UserRecord, phrase: str) -> SavedSearchRecord:
    async with uow:
        aliases = await uow.repo(SearchRepo).stack_aliases()
    return await create(uow, user, phrase, parse_phrase(phrase, aliases), phrase)


async def list_own(uow: UnitOfWork, user: UserRecord) -> list[SavedSearchRecord]:
    async with uow:
        return await uow.repo(SearchRepo).of_user(user.id)


async def _own(uow: UnitOfWork, user: UserRecord, search_id: int) -> SavedSearchRecord:
    search = await uow.repo(SearchRepo).get(search_id)
    if search is None or search.user_id != user.id:
        raise AccessDenied(f"search {search_id}")
    return search


async def set_paused(
    uow: UnitOfWork, user: UserRecord, search_id: int, paused: bool
) -> SavedSearchRecord:
    async with uow:
        search = await _own(uow, user, search_id)
        await uow.repo(SearchRepo).update(search_id, paused=paused)
        await uow.commit()
    return replace(search, paused=paused)


async def set_offer_outreach(
    uow: UnitOfWork, user: UserRecord, search_id: int, offer: bool
) -> SavedSearchRecord:
    """Whether the search's pushes carry "Reach out"; a chain still starts only when the
    manager confirms its preview."""
    async with uow:
        search = await _own(uow, user, search_id)
        await uow.repo(SearchRepo).update(search_id, offer_outreach=offer)
        await uow.commit()
    return replace(search, offer_outreach=offer)


async def delete(uow: UnitOfWork, user: UserRecord, search_id: int) -> None:
    async with uow:
        await _own(uow, user, search_id)
        await uow.repo(SearchRepo).delete(search_id)
        await uow.commit()


def _notifications(search: SavedSearchRecord, owner: UserRecord, card: CardRecord) -> list[dict]:
    base = {"kind": "search_match", "dedup_key": f"search:{search.id}:card:{card.id}",
            "user_id": owner.id, "saved_search_id": search.id, "request_id": card.id}
    rows = [] if owner.pushes_paused_at else [{**base, "channel": "telegram"}]
    if owner.email_enabled and owner.email:
        rows.append({**base, "channel": "email"})
    return rows


async def match_new_cards(
    uow: UnitOfWork, batch: int = MATCH_BATCH, active: ActiveSearches | None = None
) -> MatchResult:
    """Matches cards not yet matched against active searches (the owner's scope applies).

    Cards are claimed with SKIP LOCKED and marked matched in the same transaction as their
    outbox rows, so a crash repeats the batch, concurrent matchers never share a card, and a
    card committed late by one of several classify workers is still found.
    """
    async with uow:
        cards = await uow.repo(FeedRepo).claim_unmatched(batch)
        if not cards:
            return MatchResult(0, 0)
        repo = uow.repo(SearchRepo)
        searches = await (active.get(repo) if active else repo.active_with_owners())
        rows = [
            row for card in cards for search, owner in searches
            if matches(search.filters, card) and can_see(owner, card)
            for row in _notifications(search, owner, card)
        ]
        inserted = await uow.repo(OutboxRepo).add_many(rows)
        await uow.repo(FeedRepo).mark_matched([card.id for card in cards], datetime.now(UTC))
        await uow.commit()
    return MatchResult(len(cards), inserted)
