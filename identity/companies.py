"""Company names in a post: by rules first ("Компания: X", "в X ищем", a signature, an employer
hashtag), then normalised so that forty spellings of one employer give one key."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

ALIASES_PATH = Path(__file__).with_name("aliases.json")
NAME_CHARS = 80
MAX_WORDS = 4

_LINE = re.compile(
    r"^[\W\d_]{0,4}(?:компания|company|работодатель|заказчик|employer|client|организация)"
    rf"\s*[:—–-]\s*([^\n]{{2,{NAME_CHARS}}}?)\s*(?:::|$)", re.I | re.M,
)
_CAP = r"[A-ZА-ЯЁ«\"](?:[\w&+\-»\"]|\.(?=\w))*"
_NAME = rf"{_CAP}(?:\s+{_CAP}){{0,2}}"
# "в X ищем", "компания X ищет", "в команду X": a capitalised name right next to a hiring verb.
_PHRASES = (
    re.compile(rf"\bв\s+(?:компанию\s+|команду\s+)?({_NAME})\s+(?:ищем|ищут|открыт|требуется|нужен)"),
    re.compile(rf"\b[Кк]омпания\s+({_NAME})\s+(?:ищет|в поиске|приглашает|набирает)"),
    re.compile(rf"\bв\s+компанию\s+({_NAME})"),
)
# The title line names the employer: "Backend Developer в Purrweb.", "ML Team Lead at Tabby".
_TITLE = re.compile(rf"\s(?:в|at)\s+({_NAME})\s*(?:[—–.(,]|$)")
_PLACES = re.compile(
    r"^(?:москв|санкт|петербург|спб|питер|екатеринбург|казан|новосибирск|нижн|минск|ташкент|"
    r"алмат|астан|белград|бишкек|тбилиси|ереван|дубай|кипр|сербии|росси|рф|европ|офис|команд|"
    r"отдел|компани|стартап|крупн|банк$|it|ит)", re.I,
)
_SIGNATURE = re.compile(
    rf"^\s*(?:hr|рекрутер|recruiter)\s+(?:компании\s+)?({_NAME})\s*$", re.I | re.M
)
_HASHTAG = re.compile(r"#([\wА-Яа-яЁё][\w\-]{1,40})")
_LEGAL = re.compile(
    r"\b(?:ооо|оао|зао|пао|ао|ип|нко|гк|llc|ltd|inc|gmbh|corp|co|plc|ооо\.)\b\.?", re.I
)
_LEADING_LEGAL = re.compile(r"^\s*(?:ооо|оао|зао|пао|ао|ип|гк)\s+", re.I)
_URL = re.compile(r"https?://\S+|www\.\S+|t\.me/\S+", re.I)
_QUOTES = re.compile(r"[«»\"'“”„`]")
_NOT_NAME_CHARS = re.compile(r"[^\w&.+\- ]+")
# Words that fill a company slot without naming anyone.
_NOT_COMPANIES = re.compile(
    r"^(?:nda|под nda|конфиденциально|не раскрывается|скрыто|стартап|startup|"
    r"топ[- ]?\d+.*|крупн.*|ведущ.*|проект.*|компания|company|банк|it|ит|мы|наш.*|"
    r"удаленно|remote|senior|middle|junior|lead|python|java|go|golang|react|frontend|backend|"
    r"qa|devops|php|\.net|c\+\+|ios|android|ux|ui|smm|seo|1с|1c)$", re.I,
)


@cache
def aliases() -> dict[str, str]:
    raw = json.loads(ALIASES_PATH.read_text(encoding="utf-8"))
    return {normalise_raw(k): normalise_raw(v) for k, v in raw.items() if not k.startswith("_")}


def normalise_raw(name: str) -> str:
    text = _URL.sub(" ", name.casefold().replace("ё", "е").split("::")[0])
    text = _QUOTES.sub(" ", text)
    text = _LEGAL.sub(" ", text)
    text = _NOT_NAME_CHARS.sub(" ", text)
    words = [w for w in (w.strip(".-") for w in text.split()) if w]
    # Exports often double a name ("Aston Aston"): keep one half.
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]
    return " ".join(words).strip(" .-")


def normalise(name: str) -> str | None:
    """The merge key of a company name, or None when it names nobody ("NDA", "топ-5 банк")."""
    key = normalise_raw(name)
    key = aliases().get(key, key)
    # A company is a name, not a sentence: more than four words is a line the rules misread.
    if len(key) < 2 or len(key.split()) > MAX_WORDS or _NOT_COMPANIES.match(key):
        return None
    return key


def display(name: str) -> str:
    """The name as a manager reads it: quotes, legal forms and trailing dots gone."""
    text = _QUOTES.sub("", name.split("::", maxsplit=1)[0])
    text = _LEADING_LEGAL.sub("", text).strip(" .,;:*_-")
    return re.sub(r"\s+", " ", text)[:NAME_CHARS]


def by_rules(text: str) -> list[str]:
    """Company names the rules find, most explicit first, without duplicates by key."""
    found = [m.group(1) for m in _LINE.finditer(text)]
    title = next((ln for ln in text.splitlines() if ln.strip()), "")
    found += [n for n in _TITLE.findall(title) if not _PLACES.match(n.strip("«\""))]
    for pattern in (*_PHRASES, _SIGNATURE):
        found += [m.group(1) for m in pattern.finditer(text)]
    known = aliases()
    found += [
        tag for tag in _HASHTAG.findall(text)
        if normalise_raw(tag) in known or normalise_raw(tag) in known.values()
    ]
    return unique(found)


def unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for name in names:
        key = normalise(name)
        if key and key not in seen:
            seen.add(key)
            kept.append(display(name))
    return kept
