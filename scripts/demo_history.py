"""The demo history: six chats and a week of posts, edits and deletions, oldest first.

Times are minutes before the demo starts, so a replay can put the newest posts minutes old
whatever the date. The same seedless build every run: a second run finds the same message ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scripts.demo_posts import (
    BENCHES,
    CHATTER,
    CLIENTS_EN,
    CLIENTS_RU,
    CONTACTS,
    DIGESTS,
    OPENERS_RU,
    ROLES,
    TERMS_EN,
    TERMS_RU,
)

WEEK_MINUTES = 7 * 24 * 60
REQUESTS = 96

Action = Literal["post", "edit", "delete"]


@dataclass(frozen=True)
class DemoChat:
    key: str
    tg_id: int  # Telegram's marked id (-100…)
    title: str
    username: str
    kind: Literal["channel", "supergroup"]


@dataclass(frozen=True)
class DemoEvent:
    minutes_ago: float
    chat: str
    message_id: int
    action: Action
    text: str = ""
    forward_of: tuple[str, int] | None = None


CHATS: tuple[DemoChat, ...] = (
    DemoChat("requests", -1002100000101, "IT Outstaff Requests (demo)", "demo_outstaff_requests",
             "channel"),
    DemoChat("exchange", -1002100000102, "Аутстафф-биржа | запросы (demo)",
             "demo_outstaff_exchange", "channel"),
    DemoChat("bench", -1002100000103, "Dev Bench Market — чат (demo)", "demo_bench_market",
             "supergroup"),
    DemoChat("remote", -1002100000104, "Remote Dev Jobs EN (demo)", "demo_remote_jobs",
             "channel"),
    DemoChat("vendors", -1002100000105, "Сеньоры и вендоры (demo)", "demo_seniors_vendors",
             "supergroup"),
    DemoChat("digest", -1002100000106, "Outstaff Digest (demo)", "demo_outstaff_digest",
             "channel"),
)


def _request_ru(i: int) -> str:
    grade, role, _, stack, rate = ROLES[i % len(ROLES)]
    duration, place, terms = TERMS_RU[i % len(TERMS_RU)]
    client = CLIENTS_RU[i % len(CLIENTS_RU)]
    count = 2 + i % 3 if i % 7 == 0 else 1
    who = f"{count} × {grade} {role}" if count > 1 else f"{grade} {role}"
    rate += (i % 4) * 100
    opener = OPENERS_RU[i % len(OPENERS_RU)]
    return (f"{opener} {who} в {client}, {duration}, {place}, до {rate} ₽/ч.\n"
            f"Стек: {stack}. {terms.capitalize()}.\nРезюме — {CONTACTS[i % len(CONTACTS)]}")


def _request_en(i: int) -> str:
    grade, _, role, stack, rate = ROLES[i % len(ROLES)]
    duration, place, terms = TERMS_EN[i % len(TERMS_EN)]
    usd = round((rate + (i % 4) * 100) / 90)
    return (f"Looking for a {grade} {role} for {CLIENTS_EN[i % len(CLIENTS_EN)]}: {duration}, "
            f"{place}, up to ${usd}/h.\nStack: {stack}. {terms.capitalize()}.\n"
            f"CVs to {CONTACTS[(i + 1) % len(CONTACTS)]}")


def _request_chat(i: int, english: bool) -> str:
    if english:
        return ("remote", "bench")[i % 2]
    return ("requests", "exchange", "vendors", "requests")[i % 4]


class _Ids:
    def __init__(self) -> None:
        self._next = {chat.key: 1 for chat in CHATS}

    def take(self, chat: str) -> int:
        self._next[chat] += 1
        return self._next[chat]


def build() -> list[DemoEvent]:
    """Every event, oldest first: requests (some cross-posted, forwarded, edited or deleted),
    vendor benches, digests and chatter, spread over the week before the demo starts."""
    ids, events = _Ids(), []
    for i in range(REQUESTS):
        english = i % 3 == 2
        text = _request_en(i) if english else _request_ru(i)
        # Denser towards now, as a feed read on Monday morning looks.
        when = WEEK_MINUTES * ((REQUESTS - i) / REQUESTS) ** 2 + 3
        chat = _request_chat(i, english)
        message_id = ids.take(chat)
        events.append(DemoEvent(when, chat, message_id, "post", text))
        if i % 6 == 1:  # cross-posted word for word a little later
            other = "exchange" if chat != "exchange" else "requests"
            events.append(DemoEvent(when - 7, other, ids.take(other), "post", text))
        if i % 11 == 4:  # forwarded into the vendors' chat
            events.append(DemoEvent(when - 12, "vendors", ids.take("vendors"), "post", text,
                                    forward_of=(chat, message_id)))
        if i % 13 == 5:  # the author raises the rate
            update = "UPD: budget raised by 10%." if english else "UPD: бюджет подняли на 10%."
            events.append(DemoEvent(max(when - 20, 0.5), chat, message_id, "edit",
                                    f"{text}\n{update}"))
        if i % 17 == 8:  # filled: the author deletes the post
            events.append(DemoEvent(max(when - 30, 1), chat, message_id, "delete"))
    for n, text in enumerate(BENCHES):
        chat = ("bench", "vendors")[n % 2]
        events.append(DemoEvent(WEEK_MINUTES * (1 - n / len(BENCHES)) + 5, chat,
                                ids.take(chat), "post", text))
    for n, text in enumerate(DIGESTS):
        events.append(DemoEvent(WEEK_MINUTES * (1 - n / len(DIGESTS)) + 9, "digest",
                                ids.take("digest"), "post", text))
    for n, text in enumerate(CHATTER):
        chat = CHATS[n % len(CHATS)].key
        events.append(DemoEvent(WEEK_MINUTES * (1 - n / len(CHATTER)) + 11, chat,
                                ids.take(chat), "post", text))
    return sorted(events, key=lambda e: (-e.minutes_ago, e.chat, e.message_id))
