"""Every refusal a crm use case raises on purpose, under one base that knows its message.

The bot, the Mini App and the CLI each answer a `CrmError` in one place: the bot shows
`locale_key` (filled with `locale_args`), falling back to `fallback_key` where a locale lacks
the specific text; the CLI prints the English message.
"""

from __future__ import annotations

from typing import ClassVar

REF_SHOWN = 64  # an echoed bad chat reference is cut to this


class CrmError(Exception):
    """Base of every error a crm use case raises on purpose."""

    fallback_key: ClassVar[str] = "crm-error-generic"

    def __init__(self, message: str, key: str = "", **args: str) -> None:
        super().__init__(message)
        self.locale_key = key or self.fallback_key
        self.locale_args = args


class AccessDenied(CrmError):
    """The user may not see or change this object (or it does not exist: we do not say which).

    `reason` names the rule in words the bot can show (a Fluent key suffix, e.g. "other_team",
    "leads_only"); `details` fills its placeholders (a team's or an owner's name).
    """

    fallback_key = "access-refused"

    def __init__(self, message: str, reason: str = "", **details: str) -> None:
        super().__init__(message, f"access-refused-{reason}" if reason else "", **details)
        self.reason = reason
        self.details = details


class CrmInputError(CrmError, ValueError):
    """A value the user gave is not acceptable; `code` names which rule it broke."""

    def __init__(self, code: str, detail: str = "", *, key: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code, key or f"crm-error-{code}")
        self.code = code
        self.detail = detail


class InvalidTransition(CrmInputError):
    """The pipeline does not allow this move from the card's current stage."""

    def __init__(self, from_stage: str, to_stage: str) -> None:
        super().__init__("invalid_transition", f"{from_stage} -> {to_stage}")
        self.from_stage = from_stage
        self.to_stage = to_stage


class InvalidValue(CrmInputError):
    """A user's own setting (language, e-mail, time zone) that cannot be stored."""

    def __init__(self, value: str, *, key: str = "") -> None:
        super().__init__("invalid_value", value, key=key)


class InvalidSourceRef(CrmError):
    def __init__(self, ref: str) -> None:
        super().__init__(
            f"not a chat reference: {ref!r} (expected @username, t.me link, invite link or id)",
            "source-invalid-ref", ref=ref.strip()[:REF_SHOWN],
        )
        self.ref = ref


class SourceExists(CrmError):
    """`asked`: the reference as the user typed it, which their message echoes."""

    def __init__(self, ref: str, source_id: int, asked: str = "") -> None:
        super().__init__(
            f"{ref} is already source {source_id}", "source-exists",
            ref=(asked or ref).strip()[:REF_SHOWN], id=str(source_id),
        )
        self.source_id = source_id


class SourceNotFound(CrmError):
    def __init__(self, source_id: int) -> None:
        super().__init__(f"no source {source_id}", "source-not-found")
        self.source_id = source_id


class AccountNotFound(CrmError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"no collector account {name!r}: run `radar collector login --account {name}` first"
        )
        self.name = name


class AccountFull(CrmError):
    def __init__(self, name: str, limit: int) -> None:
        super().__init__(f"account {name!r} already reads {limit} channels, its limit")
        self.name = name
        self.limit = limit
