"""Domain errors the bot and the CLI turn into messages; each names what was wrong."""

from __future__ import annotations


class CrmError(Exception):
    """Base of every error a crm use case raises on purpose."""


class InvalidSourceRef(CrmError):
    def __init__(self, ref: str) -> None:
        super().__init__(
            f"not a chat reference: {ref!r} (expected @username, t.me link, invite link or id)"
        )
        self.ref = ref


class SourceExists(CrmError):
    def __init__(self, ref: str, source_id: int) -> None:
        super().__init__(f"{ref} is already source {source_id}")
        self.source_id = source_id


class SourceNotFound(CrmError):
    def __init__(self, source_id: int) -> None:
        super().__init__(f"no source {source_id}")
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
