from __future__ import annotations

from crm.mail import Mail


class FakeMailer:
    """Records mail instead of sending it; set `fail_with` to make sends raise."""

    def __init__(self) -> None:
        self.sent: list[Mail] = []
        self.fail_with: Exception | None = None

    async def send(self, mail: Mail) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        self.sent.append(mail)
