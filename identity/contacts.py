"""Contacts found in a post's text: Telegram usernames, e-mail addresses, phone numbers.

The patterns are deliberately narrow: a missed contact costs a copy-paste, a false one (a
salary range read as a phone, an e-mail read as a @username) puts garbage on a client card.
"""

from __future__ import annotations

import re

# Telegram: 5–32 characters, starts with a letter; not the tail of an e-mail (user@host).
_USERNAME = re.compile(r"(?<![\w.@/])@([a-z][a-z0-9_]{3,30}[a-z0-9])(?![\w@.]*\.[a-z]{2,}\b)",
                       re.I)
_TME = re.compile(r"(?<![\w.])(?:https?://)?(?:t|telegram)\.me/(?!joinchat|addlist|c/|\+|s/)"
                  r"([a-z][a-z0-9_]{3,30}[a-z0-9])(?![\w/])", re.I)
_EMAIL = re.compile(r"(?<![\w.+-])([a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9-]+(?:\.[a-z0-9-]+)*"
                    r"\.[a-z]{2,24})(?![\w@])", re.I)
# International numbers need the '+'; bare Russian ones the 8/7 prefix and full grouping, so
# "80 000 - 120 000" or a date never look like a phone.
_INTL_PHONE = re.compile(r"(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?![\d])")
_RU_PHONE = re.compile(r"(?<![\w+])[78][\s-]?\(?\d{3}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)")
_COMPANY = re.compile(r"^\s*(?:компания|company|заказчик|client)\s*[:—–-]\s*(.{2,80}?)\s*$",
                      re.I | re.M)
# Usernames that are bots or generic Telegram words, not a person to call.
_NOT_PEOPLE = re.compile(r"(?:bot|_bot)$|^(?:admin|telegram|channel|joinchat)$", re.I)


def normalise_phone(raw: str) -> str | None:
    digits = re.sub(r"\D", "", raw)
    if raw.strip().startswith("+"):
        return "+" + digits if 10 <= len(digits) <= 15 else None
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    return None


def telegram_usernames(text: str) -> list[str]:
    found = [m.group(1) for m in _USERNAME.finditer(text)]
    found += [m.group(1) for m in _TME.finditer(text)]
    return list(dict.fromkeys(u.lower() for u in found if not _NOT_PEOPLE.search(u)))


def emails(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(1).lower() for m in _EMAIL.finditer(text)))


def phones(text: str) -> list[str]:
    found = [m.group(0) for m in _INTL_PHONE.finditer(text)]
    found += [m.group(0) for m in _RU_PHONE.finditer(text)]
    normalised = (normalise_phone(p) for p in found)
    return list(dict.fromkeys(p for p in normalised if p))


def extract(text: str) -> list[tuple[str, str]]:
    """(kind, value) pairs in order of appearance per kind, normalised, without duplicates."""
    return (
        [("telegram", u) for u in telegram_usernames(text)]
        + [("email", e) for e in emails(text)]
        + [("phone", p) for p in phones(text)]
    )


def company_name(text: str) -> str | None:
    """A 'Компания: …' / 'Company: …' line, if the post has one."""
    found = _COMPANY.search(text)
    return found.group(1).strip(" .,*_") or None if found else None
