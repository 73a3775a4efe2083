"""Everything the emulated Bot API server remembers: users, chats, files, updates, calls."""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

from sandbox.errors import bad_request, forbidden
from sandbox.faults import FaultPlan
from sandbox.files import FileStore
from sandbox.ratelimit import FloodControl
from sandbox.updates import UpdateQueue, WebhookDelivery, WebhookReplyHandler

Message = dict[str, Any]
_MESSAGE_SENDER_FIELDS = ("id", "is_bot", "first_name", "username")


@dataclass
class ApiCall:
    """One Bot API request as the server saw it, and what it answered."""

    method: str
    params: dict[str, Any]
    at: float
    ok: bool
    error_code: int | None
    result: Any
    description: str | None = None
    parameters: dict[str, Any] | None = None


@dataclass
class SandboxUser:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    blocked_bot: bool = False

    def as_user(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if value := getattr(self, key):
                user[key] = value
        return user

    def as_chat(self) -> dict[str, Any]:
        chat = {key: value for key, value in self.as_user().items() if key != "is_bot"}
        chat.pop("language_code", None)
        return {**chat, "type": "private"}


@dataclass
class CallbackAnswer:
    """What answerCallbackQuery told the user: shown as a toast by the web chat."""

    sequence: int
    text: str | None
    show_alert: bool
    url: str | None


@dataclass
class Conversation:
    """A private chat between the bot and one user."""

    user: SandboxUser
    messages: dict[int, Message] = field(default_factory=dict)
    menu_button: dict[str, Any] | None = None
    # A ReplyKeyboardMarkup is not echoed in Message JSON, so the chat remembers it here.
    reply_keyboard: dict[str, Any] | None = None
    callback_answers: list[CallbackAnswer] = field(default_factory=list)
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def chat_id(self) -> int:
        return self.user.id

    def next_message_id(self) -> int:
        return next(self._message_ids)


@dataclass
class PendingCallback:
    chat_id: int
    message_id: int
    answered: bool = False


class SandboxState:
    def __init__(
        self,
        token: str | None,
        bot_username: str,
        rate_limit_per_chat: float | None,
        rate_limit_global: float | None,
    ) -> None:
        self.token = token
        bot_id = int(token.split(":")[0]) if token and token.split(":")[0].isdigit() else 123
        self.bot_user: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_username.removesuffix("_bot").replace("_", " ").title() or "Bot",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.conversations: dict[int, Conversation] = {}
        self.files = FileStore()
        self.updates = UpdateQueue()
        self.webhook: WebhookDelivery | None = None
        self.webhook_settings: dict[str, Any] = {}
        # Set by the emulator: runs a Bot API call found in a webhook's response body.
        self.webhook_reply_handler: WebhookReplyHandler | None = None
        self.flood = FloodControl(rate_limit_per_chat, rate_limit_global)
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.default_menu_button: dict[str, Any] = {"type": "commands"}
        self.callbacks: dict[str, PendingCallback] = {}
        self.calls: list[ApiCall] = []
        self.faults = FaultPlan()
        self.calls_changed = asyncio.Event()
        self._update_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._answer_sequence = itertools.count(1)
        self._media_groups = itertools.count(1)

    def next_update_id(self) -> int:
        return next(self._update_ids)

    def next_callback_id(self) -> str:
        return f"{self.bot_user['id']}{next(self._callback_ids):08d}"

    def next_answer_sequence(self) -> int:
        return next(self._answer_sequence)

    def next_media_group_id(self) -> str:
        return f"1{next(self._media_groups):012d}"

    def record(self, call: ApiCall) -> None:
        self.calls.append(call)
        # Wake every wait_for() at once; they re-check the list themselves.
        self.calls_changed.set()
        self.calls_changed = asyncio.Event()

    def conversation(self, chat_id: Any) -> Conversation:
        """The chat a method targets, failing the way Telegram does."""
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            found = [c for c in self.conversations.values() if c.user.username == chat_id[1:]]
            if found:
                return found[0]
            raise bad_request("chat not found")
        try:
            conversation = self.conversations.get(int(chat_id))
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        if conversation is None:
            raise bad_request("chat not found")
        return conversation

    def writable_conversation(self, chat_id: Any) -> Conversation:
        conversation = self.conversation(chat_id)
        if conversation.user.blocked_bot:
            raise forbidden("bot was blocked by the user")
        return conversation

    def new_bot_message(self, conversation: Conversation, content: dict[str, Any]) -> Message:
        message: Message = {
            "message_id": conversation.next_message_id(),
            "from": {key: self.bot_user[key] for key in _MESSAGE_SENDER_FIELDS},
            "chat": conversation.user.as_chat(),
            "date": int(time.time()),
            **content,
        }
        conversation.messages[message["message_id"]] = message
        return message
