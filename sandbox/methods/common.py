"""Helpers shared by the Bot API method handlers."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from sandbox.errors import bad_request
from sandbox.state import Conversation, Message, SandboxState
from sandbox.validation import as_int, reply_markup
from sandbox.wire import Upload

Params = dict[str, Any]
Uploads = dict[str, Upload]
MethodHandler = Callable[[SandboxState, Params, Uploads], Awaitable[Any]]

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def markup_content(conversation: Conversation, params: Params) -> dict[str, Any]:
    """The reply_markup part of a new message; reply keyboards are remembered by the chat."""
    markup = reply_markup(params.get("reply_markup"))
    if markup is None:
        return {}
    if "inline_keyboard" in markup:
        return {"reply_markup": markup}
    if "keyboard" in markup:
        conversation.reply_keyboard = markup
    elif markup.get("remove_keyboard"):
        conversation.reply_keyboard = None
    return {}


def reply_to_content(conversation: Conversation, params: Params) -> dict[str, Any]:
    reply_parameters = params.get("reply_parameters")
    reply_to = params.get("reply_to_message_id")
    if isinstance(reply_parameters, dict):
        reply_to = reply_parameters.get("message_id")
    if reply_to is None:
        return {}
    original = conversation.messages.get(as_int(reply_to, "reply message identifier"))
    if original is None:
        raise bad_request("message to be replied not found")
    return {"reply_to_message": {k: v for k, v in original.items() if k != "reply_to_message"}}


def editable_message(state: SandboxState, params: Params) -> tuple[Conversation, Message]:
    if params.get("inline_message_id"):
        raise bad_request("inline messages are not supported by the sandbox")
    conversation = state.writable_conversation(params.get("chat_id"))
    message = conversation.messages.get(as_int(params.get("message_id"), "message identifier"))
    if message is None:
        raise bad_request("message to edit not found")
    if not message["from"]["is_bot"]:
        raise bad_request("message can't be edited")
    return conversation, message


def apply_edit(
    state: SandboxState, conversation: Conversation, message: Message, changes: dict[str, Any]
) -> Message:
    """Replace the given fields (None removes one), or fail when nothing would change."""
    if all(message.get(key) == value for key, value in changes.items()):
        raise bad_request(NOT_MODIFIED)
    state.flood.check_and_count(conversation.chat_id)
    for key, value in changes.items():
        if value is None:
            message.pop(key, None)
        else:
            message[key] = value
    message["edit_date"] = int(time.time())
    return message
