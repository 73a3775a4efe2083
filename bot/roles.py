"""What each role can do, in one place: the menu, /help and Telegram's command list read it.

Later features add their own line (a command, the roles that may use it, whether it gets a menu
button); nothing else has to change for the menu and the command list to show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from vocabulary import USER_ROLES

EVERYONE = frozenset(USER_ROLES)
LEADS = frozenset({"lead", "admin"})
ADMINS = frozenset({"admin"})


@dataclass(frozen=True)
class Feature:
    command: str  # without the slash; also names its texts: command-<x>, menu-<x>
    roles: frozenset[str]
    in_menu: bool = True


FEATURES: tuple[Feature, ...] = (
    Feature("feed", EVERYONE),
    Feature("searches", EVERYONE),
    Feature("search", EVERYONE, in_menu=False),
    Feature("my", EVERYONE),
    Feature("tasks", EVERYONE),
    Feature("bench", EVERYONE),
    Feature("interviews", EVERYONE),
    Feature("team", LEADS),
    Feature("stats", EVERYONE),
    Feature("clients", EVERYONE),
    Feature("outreach", EVERYONE, in_menu=False),
    Feature("fits", EVERYONE, in_menu=False),
    Feature("req", EVERYONE, in_menu=False),
    Feature("sources", ADMINS),
    Feature("review", ADMINS, in_menu=False),
    Feature("invite", ADMINS),
    Feature("users", ADMINS),
    Feature("teams", ADMINS),
    Feature("settings", EVERYONE),
    Feature("menu", EVERYONE, in_menu=False),
    Feature("help", EVERYONE),
    Feature("cancel", EVERYONE, in_menu=False),
)


def features_for(role: str, *, menu: bool = False) -> list[Feature]:
    return [f for f in FEATURES if role in f.roles and (f.in_menu or not menu)]
