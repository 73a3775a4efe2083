"""What the fault suite checks at the end, from the database and what the sandbox and the SMTP
server received: posts stored once, pushes delivered once per (search, channel) apart from
the counted send-then-crash window, nothing stuck."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.message import Message
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Notification, Post, RequestCard, SavedSearch, User
from sandbox.state import ApiCall

_HEAD = re.compile(r"«(?P<name>[^»]+)»")
_CARD = re.compile(r":(?P<id>\d+)(?::|$)")


@dataclass(frozen=True)
class FaultTally:
    posts_expected: int
    posts_stored: int
    posts_pending: int
    posts_failed: int
    cards_unmatched: int
    rows: dict[str, int]
    unconfirmed: int
    telegram_duplicates: int
    telegram_missing: int
    email_duplicates: int
    email_missing: int
    excluded_cancelled: int

    @property
    def lost(self) -> int:
        stuck = sum(n for s, n in self.rows.items() if s in ("pending", "dead", "failed"))
        return (self.posts_expected - self.posts_stored) + stuck + self.telegram_missing + (
            self.email_missing)


def _card_id(call: ApiCall) -> int | None:
    markup = call.params.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    for row in (markup or {}).get("inline_keyboard", ()):
        for button in row:
            if (found := _CARD.search(str(button.get("callback_data", "")))) is not None:
                return int(found.group("id"))
    return None


def delivered_pushes(calls: Iterable[ApiCall], prefix: str) -> Counter[tuple[int, str, int]]:
    """(chat, search name, card id) of every push the sandbox accepted, with repeats."""
    seen: Counter[tuple[int, str, int]] = Counter()
    for call in calls:
        text = str(call.params.get("text", ""))
        if call.method != "sendMessage" or not call.ok or not text.startswith(prefix):
            continue
        head, card = _HEAD.search(text.split("\n", 1)[0]), _card_id(call)
        if head is not None and card is not None:
            seen[(int(call.params["chat_id"]), head.group("name"), card)] += 1
    return seen


async def outcome(
    factory: async_sessionmaker[AsyncSession], expected_posts: int, calls: list[ApiCall],
    mails: list[Message], excluded_tg: set[int], prefix: str,
) -> FaultTally:
    async with factory() as session:
        stored = int(await session.scalar(sa.select(sa.func.count()).select_from(Post)) or 0)
        states = dict((await session.execute(
            sa.select(Post.classify_state, sa.func.count()).group_by(Post.classify_state))).all())
        unmatched = int(await session.scalar(sa.select(sa.func.count()).where(
            RequestCard.matched_at.is_(None), RequestCard.withdrawn_at.is_(None))) or 0)
        query = (sa.select(Notification.status, Notification.channel, Notification.unconfirmed,
                           User.tg_user_id, User.email, SavedSearch.name,
                           Notification.request_id)
                 .join(User, User.id == Notification.user_id)
                 .join(SavedSearch, SavedSearch.id == Notification.saved_search_id))
        rows = (await session.execute(query)).all()
    statuses: Counter[str] = Counter()
    sent_tg: set[tuple[int, str, int]] = set()
    sent_mail: Counter[tuple[str, str]] = Counter()
    excluded = unconfirmed = 0
    for status, channel, unsure, tg_id, email, name, card_id in rows:
        if channel == "telegram" and tg_id in excluded_tg:
            excluded += status == "cancelled"
            continue
        statuses[status] += 1
        unconfirmed += unsure
        if status == "sent" and channel == "telegram":
            sent_tg.add((tg_id, name, int(card_id or 0)))
        elif status == "sent":
            sent_mail[(str(email), name)] += 1
    got = delivered_pushes(calls, prefix)
    got = Counter({k: n for k, n in got.items() if k[0] not in excluded_tg})
    mail_got: Counter[tuple[str, str]] = Counter()
    for mail in mails:
        subject = _HEAD.search(str(make_header(decode_header(str(mail["Subject"] or "")))))
        mail_got[(str(mail["To"]), subject.group("name") if subject else "")] += 1
    return FaultTally(
        posts_expected=expected_posts, posts_stored=stored,
        posts_pending=int(states.get("pending", 0)), posts_failed=int(states.get("failed", 0)),
        cards_unmatched=unmatched, rows=dict(statuses), unconfirmed=unconfirmed,
        telegram_duplicates=sum(n - 1 for n in got.values() if n > 1),
        telegram_missing=len(sent_tg - set(got)),
        email_duplicates=sum(max(0, n - sent_mail[k]) for k, n in mail_got.items()),
        email_missing=sum(max(0, n - mail_got[k]) for k, n in sent_mail.items()),
        excluded_cancelled=excluded,
    )


def markdown_table(rows: list[tuple[str, str]]) -> str:
    lines = ["| check | result |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines) + "\n"


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def recovery_times(
    timeline: list[tuple[float, dict[str, int]]], events: list[float], metric: str,
    pending: str,
) -> list[float]:
    """Seconds from each event to the metric's next increase, for events with work waiting."""
    out = []
    for at in events:
        before = next(((t, m) for t, m in reversed(timeline) if t <= at), None)
        if before is None or before[1].get(pending, 0) <= 0:
            continue
        after = next((t for t, m in timeline if t > at and m[metric] > before[1][metric]), None)
        if after is not None:
            out.append(after - at)
    return out


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
