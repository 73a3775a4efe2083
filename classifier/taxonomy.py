"""Technology spellings (Russian, English) → ANNOTATION.md canonical names, and role families."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from classifier.regex_trie import alternation

DEFAULT_PATH = Path(__file__).with_name("taxonomy.json")

# Letters and digits of either script; "+" and "#" also glue ("C" must not match inside "C++").
_BEFORE = r"(?<![0-9A-Za-zА-Яа-яЁё_])"
_AFTER = r"(?![0-9A-Za-zА-Яа-яЁё_+#])"
# An alias written "=Go" in the data file matches case-sensitively: "go"/"less"/"C" are words too.
_EXACT_MARK = "="
# What may follow a case-sensitive alias when it is a plain word, not the technology:
# "C-level", "C 2019 года" (the Russian preposition), "C&B", "C/M/P"; "Go-to-Market".
_NOT_AFTER = {
    "C": re.compile(r"-(?:level|suite)|\s+\d|&|/[A-Z]/", re.I),
    "Go": re.compile(r"-to\b", re.I),
}


# Links and addresses name hosts ("github.com/…", "@golang_jobs"), not the stack a post asks for.
_LINK = re.compile(
    r"(?:https?://|www\.|t\.me/)\S+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,64}\.\w+|(?<!\w)@\w+", re.I)
MAX_CHARS = 20_000


def _not_after(name: str, text: str, end: int) -> bool:
    pattern = _NOT_AFTER.get(name)
    return pattern is not None and pattern.match(text, end) is not None


def _fold(text: str) -> str:
    # Cyrillic "С" in "1С"/"С#"/"С++" is typed as often as the Latin letter.
    return text.lower().replace("ё", "е")


def _pattern(aliases: Iterable[str]) -> re.Pattern[str] | None:
    unique = set(aliases)
    if not unique:
        return None
    # At a position the longest alias wins, a shorter one where _AFTER rejects it.
    return re.compile(f"{_BEFORE}{alternation(unique)}{_AFTER}")


@dataclass
class Taxonomy:
    """Alias table and role families; build with `Taxonomy.load`."""

    version: str
    roles: Mapping[str, frozenset[str]]
    folded: dict[str, str] = field(default_factory=dict)
    exact: dict[str, str] = field(default_factory=dict)
    _folded_re: re.Pattern[str] | None = None
    _exact_re: re.Pattern[str] | None = None

    @classmethod
    def load(
        cls, path: Path | None = None, extra_aliases: Mapping[str, str] | None = None
    ) -> Taxonomy:
        """Read the data file; `extra_aliases` (alias → canonical) are managers' corrections."""
        raw = json.loads((path or DEFAULT_PATH).read_text(encoding="utf-8"))
        roles: dict[str, frozenset[str]] = {}
        folded: dict[str, str] = {}
        exact: dict[str, str] = {}
        for name, entry in raw["technologies"].items():
            roles[name] = frozenset(entry.get("roles", ()))
            for alias in entry.get("aliases", ()):
                if alias.startswith(_EXACT_MARK):
                    exact[alias[1:]] = name
                else:
                    folded.setdefault(_fold(alias), name)
        for alias, name in (extra_aliases or {}).items():
            roles.setdefault(name, frozenset())
            folded[_fold(alias)] = name
        tax = cls(version=str(raw.get("version", "?")), roles=roles, folded=folded, exact=exact)
        tax._folded_re = _pattern(folded)
        tax._exact_re = _pattern(exact)
        return tax

    def find_stack(self, text: str) -> tuple[str, ...]:
        """Canonical names of the technologies named in `text`, in order of first mention."""
        text = _LINK.sub(" ", text[:MAX_CHARS])
        hits: list[tuple[int, str]] = []
        if self._folded_re is not None:
            hits += [(m.start(), self.folded[m.group(0)]) for m in self._folded_re.finditer(
                _fold(text))]
        if self._exact_re is not None:
            hits += [
                (m.start(), self.exact[m.group(0)]) for m in self._exact_re.finditer(text)
                if not _not_after(self.exact[m.group(0)], text, m.end())
            ]
        seen: dict[str, None] = {}
        for _, name in sorted(hits):
            seen.setdefault(name, None)
        return tuple(seen)

    def canonical(self, name: str) -> str | None:
        """The canonical name for one spelling, or None when unknown."""
        stripped = name.strip()
        return self.exact.get(stripped) or self.folded.get(_fold(stripped)) or (
            stripped if stripped in self.roles else None)

    def role_families_for(self, stack: Iterable[str]) -> set[str]:
        """Union of the likely role families of the given canonical names."""
        out: set[str] = set()
        for name in stack:
            out |= self.roles.get(name, frozenset())
        return out
