"""Updates a user would cause: typing a message, pressing an inline button."""

from __future__ import annotations

import copy
import time
from typing import Any

from sandbox.entities import detect_entities
from sandbox.state import Conversation, PendingCallback, SandboxState
from sandbox.updates import Update
from sandbox.views import inline_buttons


def conversation_of(state: SandboxState, user_id: int) -> Conversation:
    conversation = state.conversations.get(user_id)
    if conversation is None:
        raise LookupError(f"unknown user {user_id}: call add_user() first")
    return conversation


def message_update(state: SandboxState, user_id: int, text: str) -> Update:
    conversation = conversation_of(state, user_id)
    user = conversation.user
    message: dict[str, Any] = {
        "message_id": conversation.next_message_id(),
        "from": user.as_user(),
        "chat": user.as_chat(),
        "date": int(time.time()),
        "text": text,
    }
    if entities := detect_entities(text, []):
        message["entities"] = entities
    conversation.messages[message["message_id"]] = message
    return {"update_id": state.next_update_id(), "message": copy.deepcopy(message)}


def document_update(
    state: SandboxState, user_id: int, file_name: str, data: bytes, caption: str = ""
) -> Update:
    """The user sends a file: it is stored like an upload, so getFile and the file URL serve
    it to the bot as Telegram would."""
    conversation = conversation_of(state, user_id)
    stored = state.files.save(data, file_name, "document")
    message: dict[str, Any] = {
        "message_id": conversation.next_message_id(),
        "from": conversation.user.as_user(),
        "chat": conversation.user.as_chat(),
        "date": int(time.time()),
        "document": stored.as_document(),
    }
    if caption:
        message["caption"] = caption
    conversation.messages[message["message_id"]] = message
    return {"update_id": state.next_update_id(), "message": copy.deepcopy(message)}


def callback_update(state: SandboxState, user_id: int, message_id: int, data: str) -> Update:
    conversation = conversation_of(state, user_id)
    message = conversation.messages.get(message_id)
    if message is None or not message["from"]["is_bot"]:
        raise LookupError(f"no bot message {message_id} in chat {user_id}")
    if not any(button.get("callback_data") == data for button in inline_buttons(message)):
        raise LookupError(f"message {message_id} has no button with callback_data {data!r}")
    query_id = state.next_callback_id()
    state.callbacks[query_id] = PendingCallback(conversation.chat_id, message_id)
    query = {
        "id": query_id,
        "from": conversation.user.as_user(),
        "message": copy.deepcopy(message),
        # Stable per chat, as in Telegram; the value itself carries no meaning.
        "chat_instance": str(abs(hash(("chat", conversation.chat_id)))),
        "data": data,
    }
    return {"update_id": state.next_update_id(), "callback_query": query}
