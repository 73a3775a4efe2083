"""Text messages and their lifecycle: send, edit, delete, callback answers, chat info."""

from __future__ import annotations

from typing import Any

from sandbox.errors import bad_request
from sandbox.methods.common import (
    Params,
    Uploads,
    apply_edit,
    editable_message,
    markup_content,
    reply_to_content,
)
from sandbox.state import CallbackAnswer, SandboxState
from sandbox.validation import as_int, formatted_text, reply_markup, required


async def send_message(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    conversation = state.writable_conversation(required(params, "chat_id"))
    text, entities = formatted_text(
        params.get("text"), params.get("parse_mode"), params.get("entities")
    )
    content: dict[str, Any] = {"text": text, **reply_to_content(conversation, params)}
    if entities:
        content["entities"] = entities
    content.update(markup_content(conversation, params))
    # Counted only once the message is known to be valid, like Telegram's flood control.
    state.flood.check_and_count(conversation.chat_id)
    return state.new_bot_message(conversation, content)


async def edit_message_text(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    conversation, message = editable_message(state, params)
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    text, entities = formatted_text(
        params.get("text"), params.get("parse_mode"), params.get("entities")
    )
    markup = reply_markup(params.get("reply_markup"), inline_only=True)
    changes = {"text": text, "entities": entities or None, "reply_markup": markup}
    return apply_edit(state, conversation, message, changes)


async def edit_message_caption(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    conversation, message = editable_message(state, params)
    if "text" in message:
        raise bad_request("there is no caption in the message to edit")
    caption, entities = formatted_text(
        params.get("caption"),
        params.get("parse_mode"),
        params.get("caption_entities"),
        is_caption=True,
    )
    markup = reply_markup(params.get("reply_markup"), inline_only=True)
    changes: dict[str, Any] = {
        "caption": caption or None,
        "caption_entities": entities or None,
        "reply_markup": markup,
    }
    return apply_edit(state, conversation, message, changes)


async def edit_message_reply_markup(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    conversation, message = editable_message(state, params)
    markup = reply_markup(params.get("reply_markup"), inline_only=True)
    return apply_edit(state, conversation, message, {"reply_markup": markup})


async def delete_message(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    conversation = state.conversation(required(params, "chat_id"))
    message_id = as_int(params.get("message_id"), "message identifier")
    if conversation.messages.pop(message_id, None) is None:
        raise bad_request("message to delete not found")
    return True


async def delete_messages(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    conversation = state.conversation(required(params, "chat_id"))
    message_ids = params.get("message_ids")
    if not isinstance(message_ids, list) or not 1 <= len(message_ids) <= 100:
        raise bad_request("message_ids must be a list of 1-100 identifiers")
    for message_id in message_ids:
        conversation.messages.pop(as_int(message_id, "message identifier"), None)
    return True


async def answer_callback_query(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    pending = state.callbacks.get(str(params.get("callback_query_id", "")))
    if pending is None or pending.answered:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = params.get("text")
    if text is not None and len(str(text)) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    pending.answered = True
    conversation = state.conversation(pending.chat_id)
    conversation.callback_answers.append(
        CallbackAnswer(
            sequence=state.next_answer_sequence(),
            text=None if text is None else str(text),
            show_alert=bool(params.get("show_alert")),
            url=params.get("url"),
        )
    )
    return True


async def send_chat_action(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    state.writable_conversation(required(params, "chat_id"))
    required(params, "action")
    return True


async def get_chat(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    conversation = state.conversation(required(params, "chat_id"))
    return {
        **conversation.user.as_chat(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": True,
            "limited_gifts": True,
            "unique_gifts": True,
            "premium_subscription": True,
            "gifts_from_channels": True,
        },
    }
