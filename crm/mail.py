"""Outgoing email behind a Protocol: SmtpMailer in production, FakeMailer in tests."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

import aiosmtplib

# SMTP replies from 500 up are final (RFC 5321 4.2.1); 4xx ones may pass on a later try.
PERMANENT_SMTP_CODE = 500


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


class MailRefused(Exception):
    """The server refused the message for good (a 5xx reply, e.g. no such mailbox): sending
    it again cannot deliver it."""


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
        try:
            await aiosmtplib.send(
                build_message(mail, self._sender), hostname=self._host, port=self._port,
                username=self._username, password=self._password, start_tls=self._starttls,
                timeout=self._timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            refusals = [(r.code, r.message) for r in exc.recipients]
            if refusals and all(code >= PERMANENT_SMTP_CODE for code, _ in refusals):
                raise MailRefused("; ".join(f"{c} {m}" for c, m in refusals)) from exc
            raise
        except (aiosmtplib.SMTPRecipientRefused, aiosmtplib.SMTPDataError) as exc:
            # Not the sender or login refusals: those are our configuration, not a bounce.
            if exc.code >= PERMANENT_SMTP_CODE:
                raise MailRefused(f"{exc.code} {exc.message}") from exc
            raise
