"""One logging set-up for every process: readable in a terminal, JSON when configured, and
never a secret in either."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime

# Bot tokens and passwords in URLs are masked even when nobody registered them as secrets.
_PATTERNS = (
    re.compile(r"(?<![0-9])\d{5,}:[A-Za-z0-9_-]{20,}"),
    # scheme://user:password@host, also with an empty user (redis://:password@host) and a
    # password holding @ or / (the last @ before the host ends it).
    re.compile(r"(?<=://)([^:/@\s]*):(\S*)@(?=[^@\s]*(?:\s|$))"),
    re.compile(r"(?i)\b(password|passwd|pwd)=([^&\s]+)"),
)
MASK = "***"


class RedactSecrets(logging.Filter):
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        text = _PATTERNS[0].sub(MASK, text)
        text = _PATTERNS[1].sub(lambda m: f"{m.group(1)}:{MASK}@", text)
        return _PATTERNS[2].sub(lambda m: f"{m.group(1)}={MASK}", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = self.redact(message)
        record.args = None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:
            entry["exc"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(level: str = "INFO", fmt: str = "text", secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactSecrets(secrets))
    handler.setFormatter(
        JsonFormatter()
        if fmt == "json"
        else logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%H:%M:%S")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Chatty libraries stay at warning unless the operator asks for debug.
    if level.upper() != "DEBUG":
        for name in (
            "aiogram.event",
            "aiohttp.access",
            "telethon",
            "asyncio",
            "apscheduler",
            "pgserver",
        ):
            logging.getLogger(name).setLevel(logging.WARNING)
