from __future__ import annotations

import html

from bot.i18n import I18n
from bot.views.labels import labels
from db.records.users import UserRecord


def scope_text(target: UserRecord, i18n: I18n) -> str:
    roles = (
        labels(i18n, "roles", target.scope_roles) if target.scope_roles is not None
        else i18n.get("filter-any")
    )
    sources = (
        ", ".join(str(s) for s in target.scope_source_ids)
        if target.scope_source_ids is not None else i18n.get("filter-any")
    )
    return i18n.get(
        "scope-summary", name=html.escape(target.first_name),
        role=i18n.get(f"user-role-{target.role}"),
        roles=roles or "—", sources=sources or "—",
    )
