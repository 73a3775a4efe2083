"""A userbot behind crm's DmSender: records what it sent, fails as scripted."""

from __future__ import annotations

from crm.outreach_sender import DmOutcome, DmResult


class FakeDmSender:
    def __init__(self, account: str = "main") -> None:
        self._account = account
        self.sent: list[tuple[int, str]] = []
        # Per recipient: the outcome their next message gets (then they are reachable again).
        self.script: dict[int, DmResult] = {}

    @property
    def account(self) -> str:
        return self._account

    async def send(self, tg_user_id: int, text: str) -> DmResult:
        scripted = self.script.pop(tg_user_id, None)
        if scripted is not None:
            return scripted
        self.sent.append((tg_user_id, text))
        return DmResult(DmOutcome.SENT)
