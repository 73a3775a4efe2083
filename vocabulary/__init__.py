"""The closed vocabularies, defined once: the classifier labels with them, the database checks
them, the bot's callback enums and locale keys name them (tests/unit/test_vocabulary.py holds
all of those to these tuples). Imports nothing, so every layer may read it."""

from __future__ import annotations

# What a post asks for or offers (ANNOTATION.md's role families), and how.
ROLE_FAMILIES: tuple[str, ...] = (
    "backend", "frontend", "fullstack", "mobile", "qa", "devops", "data", "analyst", "pm",
    "design", "gamedev", "security", "erp", "support", "other_it", "non_it",
)
GRADES: tuple[str, ...] = ("intern", "junior", "middle", "senior", "lead")
FORMATS: tuple[str, ...] = ("remote", "office", "hybrid")

# What a member of the sales team may do (not what a developer is: that is a role family).
USER_ROLES: tuple[str, ...] = ("admin", "lead", "manager")

# The sales pipeline's stages, in the order a request moves through them.
STAGES: tuple[str, ...] = ("new", "in_work", "proposed", "interview", "offer", "won", "lost")
OPEN_STAGES: tuple[str, ...] = STAGES[:5]
