"""Outgoing email behind a Protocol: SmtpMailer in production, FakeMailer in tests."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

import aiosmtplib


@dataclass(frozen=True)
class InlineImage:
    """A PNG the HTML shows as <img src="cid:{cid}">."""

    cid: str
    png: bytes


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    text: str
    html: str
    images: tuple[InlineImage, ...] = ()
    reply_to: str | None = None


class Mailer(Protocol):
    async def send(self, mail: Mail) -> None: ...


def build_message(mail: Mail, sender: str) -> EmailMessage:
    """multipart/alternative: plain text first, HTML preferred by clients that can show it."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    if mail.reply_to:
        message["Reply-To"] = mail.reply_to
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    if mail.images:
        # multipart/related inside the HTML alternative: the images show inline, not attached.
        html_part = next(p for p in message.iter_parts() if p.get_content_type() == "text/html")
        for image in mail.images:
            html_part.add_related(image.png, maintype="image", subtype="png",
                                  cid=f"<{image.cid}>", filename=f"{image.cid}.png")
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
