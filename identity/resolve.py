"""One post → the keys that say who posted it, each with how it was found (the evidence).

Keys are merge keys across channels: the same normalised company name, the same contact, or
the same chat author. Contacts that belong to the board itself (its own username) are not the
employer's and are dropped here; contacts shared by several companies are caught by the caller,
which sees every client.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from identity import companies, contacts
from identity.ner import Finder, no_ner

COMPANY, AUTHOR = "company", "author"
# Lines where a board speaks about itself ("Чат и другие каналы: @devkg", "Подробнее о вакансии"):
# their contacts are the board's, and a board is not the employer.
_BOARD_LINE = re.compile(
    r"канал|подпис|\bчат\b|реклам|размест|админ|подробнее о вакансии|другие|остальные|"
    r"channel|subscribe|advert|\bpost a job|резюме отправ|откликнуться|источник", re.I,
)
_ONLY_CONTACTS = re.compile(r"^[\s@\w./:+-]*$")


def employer_text(text: str) -> str:
    """The post without the board's own lines (and a bare contact line right after one)."""
    kept, after_board = [], False
    for line in text.splitlines():
        if _BOARD_LINE.search(line):
            after_board = True
            continue
        if after_board and (not line.strip() or _ONLY_CONTACTS.match(line)):
            continue
        after_board = False
        kept.append(line)
    return "\n".join(kept)


@dataclass(frozen=True)
class Key:
    kind: str  # company | telegram | email | phone | author
    value: str
    how: str  # rule | ner | text | author: the evidence kept beside the link


@dataclass(frozen=True)
class Resolution:
    name: str | None  # how a new client would be called
    companies: tuple[Key, ...]
    contacts: tuple[Key, ...]
    author: Key | None

    @property
    def keys(self) -> tuple[Key, ...]:
        return (*self.companies, *self.contacts, *((self.author,) if self.author else ()))

    @property
    def empty(self) -> bool:
        return not self.keys


def resolve(
    text: str, *, author_id: int | None = None, author_name: str | None = None,
    source_username: str | None = None, boards: Collection[str] = (), ner: Finder = no_ner,
) -> Resolution:
    """Everything `text` and its author say about who posted it. `boards`: usernames of the
    channels we read; a contact equal to one of them is a board, not an employer."""
    text = employer_text(text)
    names = companies.by_rules(text)
    how = "rule"
    if not names:
        names, how = companies.unique(ner(text)), "ner"
    company_keys = []
    for found in names:
        key = companies.normalise(found)
        if key:
            company_keys.append(Key(COMPANY, key, how))
    not_employers = {b.lower() for b in boards} | {(source_username or "").lower()}
    contact_keys = tuple(
        Key(kind, value, "text") for kind, value in contacts.extract(text)
        if not (kind == "telegram" and value in not_employers)
    )
    author = Key(AUTHOR, str(author_id), "author") if author_id else None
    name: str | None = names[0] if names else None
    if name is None and contact_keys:
        kind, value = contact_keys[0].kind, contact_keys[0].value
        name = f"@{value}" if kind == "telegram" else value
    if name is None and author_name:
        name = author_name
    return Resolution(name, tuple(company_keys), contact_keys, author)
