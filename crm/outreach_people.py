"""Who a chain writes to for a card: the post's author when a person posted it, the e-mail
found in the text, and the keys that name that person across chains and opt-outs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from crm import contacts
from db.records.clients import CardAuthor

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@dataclass(frozen=True)
class Recipient:
    tg_user_id: int | None  # None: a channel posted it, or no author was stored
    email: str | None
    name: str
    language: str
    text: str

    @property
    def keys(self) -> tuple[str, ...]:
        return person_keys(self.tg_user_id, self.email)

    @property
    def key(self) -> str | None:
        return self.keys[0] if self.keys else None


def person_keys(tg_user_id: int | None, email: str | None) -> tuple[str, ...]:
    found = [f"tg:{tg_user_id}"] if tg_user_id is not None else []
    return (*found, *([f"email:{email.lower()}"] if email else []))


def recipient_of(authors: Sequence[CardAuthor]) -> Recipient:
    text = "\n".join(a.text for a in authors)
    # Telegram's marked ids: users are positive, channels and groups negative.
    person = next((a for a in authors if a.author_id is not None and a.author_id > 0), None)
    email = next((value for kind, value in contacts.extract(text) if kind == "email"), None)
    # A channel's post is signed with the channel's title: no person to greet by name.
    name = (person.author_name or "") if person else ""
    language = "ru" if _CYRILLIC.search(text) else "en"
    return Recipient(person.author_id if person else None, email, name, language, text)
