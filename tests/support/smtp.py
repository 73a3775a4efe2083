from __future__ import annotations

from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller


class RecordingHandler:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


class SmtpServer:
    """An in-process SMTP server on an ephemeral port; `messages` holds what it received."""

    def __init__(self) -> None:
        self.handler = RecordingHandler()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=0)

    @property
    def messages(self) -> list[Message]:
        return self.handler.messages

    @property
    def port(self) -> int:
        return int(self.controller.server.sockets[0].getsockname()[1])

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()
