from __future__ import annotations

import html

from bot.i18n import I18n
from db.records.users import UserRecord


def settings_text(user: UserRecord, i18n: I18n) -> str:
    email = html.escape(user.email) if user.email else i18n.get("settings-email-none")
    state = i18n.get("settings-on" if user.email_enabled else "settings-off")
    summary = i18n.get(
        "settings-summary", language=i18n.get(f"language-{user.language}"), email=email,
        email_state=state, timezone=user.timezone,
    )
    digest = i18n.get("settings-on" if user.digest_enabled else "settings-off")
    return summary + "\n" + i18n.get("settings-digest-state", state=digest)
