"""Free text typed to the bot: the cards that best match it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from db.records.feed import CardRecord
from db.records.users import UserRecord
from db.repositories.card_search import CardSearchRepo
from db.uow import UnitOfWork

# Ranked among the newest matches only: see db/repositories/card_search.py.
CANDIDATES = 50
SHOWN = 5
MAX_WORDS = 8
_WORD = re.compile(r"[^\W_][\w#+.-]*", re.U)
# Words nearly every request has: they would only narrow the search to nothing.
FILLER = frozenset({
    "нужен", "нужна", "нужны", "нужно", "ищем", "ищу", "ищет", "требуется", "требуются",
    "срочно", "разработчик", "разработчика", "разработчики", "разработчиков", "запрос",
    "need", "needed", "looking", "for", "a", "an", "the", "developer", "developers",
    "engineer", "hiring", "we", "are",
})


@dataclass(frozen=True)
class FoundCards:
    words: tuple[str, ...]
    cards: tuple[CardRecord, ...]
    matched: int  # how many of the newest CANDIDATES matched (CANDIDATES means "many")
    every_word: bool  # False when no card had every word and any word was enough


def words_of(phrase: str) -> tuple[str, ...]:
    found = [w.strip(".-").lower() for w in _WORD.findall(phrase)]
    return tuple(dict.fromkeys(w for w in found if w and w not in FILLER))[:MAX_WORDS]


async def find(uow: UnitOfWork, user: UserRecord, phrase: str) -> FoundCards:
    """Requests with every word of `phrase` (stemmed), best first; failing that, any word."""
    words = words_of(phrase)
    async with uow:
        repo = uow.repo(CardSearchRepo)
        cards, matched = await repo.search(words, user, kinds=("request",),
                                           candidates=CANDIDATES, limit=SHOWN)
        every_word = True
        if not cards and len(words) > 1:
            cards, matched = await repo.search(words, user, kinds=("request",),
                                               candidates=CANDIDATES, limit=SHOWN,
                                               any_word=True)
            every_word = False
    return FoundCards(words, tuple(cards), matched, every_word)
