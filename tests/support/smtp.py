from __future__ import annotations

import socket
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RecordingHandler:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.refused: set[str] = set()  # addresses answered "550 no such mailbox"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address.lower() in self.refused:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


class SmtpServer:
    """An in-process SMTP server on an ephemeral port; `messages` holds what it received."""

    def __init__(self) -> None:
        self.handler = RecordingHandler()
        # Not port 0: the Controller's start-up self-check connects to the configured port.
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=_free_port())

    @property
    def messages(self) -> list[Message]:
        return self.handler.messages

    @property
    def refused(self) -> set[str]:
        return self.handler.refused

    @property
    def port(self) -> int:
        return int(self.controller.port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()
