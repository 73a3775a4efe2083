"""Errors of the CRM use cases; each carries a code the bot maps to a Fluent key."""

from __future__ import annotations


class CrmInputError(ValueError):
    """A value the user gave is not acceptable; `code` names which rule it broke."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


class InvalidTransition(CrmInputError):
    """The pipeline does not allow this move from the card's current stage."""

    def __init__(self, from_stage: str, to_stage: str) -> None:
        super().__init__("invalid_transition", f"{from_stage} -> {to_stage}")
        self.from_stage = from_stage
        self.to_stage = to_stage
