"""The error shapes the real Bot API answers with, raised by method handlers."""

from __future__ import annotations

from typing import Any


class BotApiError(Exception):
    """A failed call: serialised as `{"ok": false, "error_code": …, "description": …}`."""

    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> BotApiError:
    return BotApiError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> BotApiError:
    return BotApiError(403, f"Forbidden: {reason}")


def too_many_requests(retry_after: int) -> BotApiError:
    return BotApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


def not_found() -> BotApiError:
    return BotApiError(404, "Not Found")


def unauthorized() -> BotApiError:
    return BotApiError(401, "Unauthorized")


def conflict(reason: str) -> BotApiError:
    return BotApiError(409, f"Conflict: {reason}")
