"""Outgoing email behind a Protocol: SmtpMailer in production, FakeMailer in tests."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

import aiosmtplib


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    text: str
    html: str


class Mailer(Protocol):
    async def send(self, mail: Mail) -> None: ...


def build_message(mail: Mail, sender: str) -> EmailMessage:
    """multipart/alternative: plain text first, HTML preferred by clients that can show it."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    return message


class SmtpMailer:
    def __init__(
        self, host: str, port: int, sender: str, *, username: str | None = None,
        password: str | None = None, starttls: bool = False, timeout: float = 20.0,
    ) -> None:
        self._host, self._port, self._sender = host, port, sender
        self._username, self._password = username, password
        self._starttls, self._timeout = starttls, timeout

    async def send(self, mail: Mail) -> None:
        await aiosmtplib.send(
            build_message(mail, self._sender), hostname=self._host, port=self._port,
            username=self._username, password=self._password, start_tls=self._starttls,
            timeout=self._timeout,
        )
