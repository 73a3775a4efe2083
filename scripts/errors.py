from __future__ import annotations

from pydantic import ValidationError


def settings_error_line(exc: ValidationError) -> str:
    """One line naming each bad setting by its environment variable, never echoing its value."""
    parts = []
    for error in exc.errors():
        name = ".".join(str(p) for p in error["loc"]) or exc.title
        problem = "is missing" if error["type"] == "missing" else f"is invalid ({error['msg']})"
        parts.append(f"{name.upper()} {problem}")
    return f"setting {'; '.join(parts)} (see .env.example)"
