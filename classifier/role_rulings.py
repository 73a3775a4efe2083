"""ANNOTATION.md's role rulings applied to a decided roles set, where the heads miss them.

Fullstack: a post whose title names a full-stack developer is labelled `fullstack` (37 of the 57
fullstack posts carry it alone; 2 add backend + frontend), while the heads, which see few of
them, often say backend + frontend instead. A "Fullstack QA" or "Full Stack Designer" is a
tester or a designer (ruling 2), so the title must name no other family for this to apply.
"""

from __future__ import annotations

from classifier.role_words import body_families, title_families

WEB_HALVES = frozenset({"backend", "frontend"})


def apply_role_rulings(text: str, roles: set[str]) -> set[str]:
    """`text` is clean_text() output; returns a new set, `roles` itself is left alone."""
    named = set(title_families(text))
    if "fullstack" in named and not named - {"fullstack"} - WEB_HALVES:
        return (roles - WEB_HALVES) | {"fullstack"} if roles <= WEB_HALVES | {"fullstack"} \
            else roles | {"fullstack"}
    if roles == WEB_HALVES and "fullstack" in body_families(text):
        return {"fullstack"}
    return set(roles)
