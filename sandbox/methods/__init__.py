"""The Bot API method table and the one entry point that runs and records a call."""

from __future__ import annotations

import copy
import time
from typing import Any

from sandbox.errors import BotApiError, not_found
from sandbox.methods import bot_settings, media, messages, polling
from sandbox.methods.common import MethodHandler, Params, Uploads
from sandbox.state import ApiCall, SandboxState

_HANDLERS: dict[str, MethodHandler] = {
    "getMe": bot_settings.get_me,
    "logOut": bot_settings.log_out,
    "close": bot_settings.log_out,
    "setMyCommands": bot_settings.set_my_commands,
    "getMyCommands": bot_settings.get_my_commands,
    "deleteMyCommands": bot_settings.delete_my_commands,
    "setChatMenuButton": bot_settings.set_chat_menu_button,
    "getChatMenuButton": bot_settings.get_chat_menu_button,
    "getUpdates": polling.get_updates,
    "setWebhook": polling.set_webhook,
    "deleteWebhook": polling.delete_webhook,
    "getWebhookInfo": polling.get_webhook_info,
    "sendMessage": messages.send_message,
    "editMessageText": messages.edit_message_text,
    "editMessageCaption": messages.edit_message_caption,
    "editMessageReplyMarkup": messages.edit_message_reply_markup,
    "deleteMessage": messages.delete_message,
    "deleteMessages": messages.delete_messages,
    "answerCallbackQuery": messages.answer_callback_query,
    "sendChatAction": messages.send_chat_action,
    "getChat": messages.get_chat,
    "sendPhoto": media.send_photo,
    "sendDocument": media.send_document,
    "sendMediaGroup": media.send_media_group,
    "getFile": media.get_file,
}
# Telegram matches method names case-insensitively.
METHODS: dict[str, tuple[str, MethodHandler]] = {
    name.lower(): (name, handler) for name, handler in _HANDLERS.items()
}


async def call_method(
    state: SandboxState, method: str, params: Params, uploads: Uploads
) -> ApiCall:
    """Run one Bot API method and record it in `state.calls`, successful or not."""
    started = time.time()
    name, handler = METHODS.get(method.lower(), (method, None))
    try:
        if handler is None:
            raise not_found()
        result: Any = await handler(state, params, uploads)
        # A snapshot: later edits must not rewrite what this call returned.
        call = ApiCall(name, params, started, True, None, copy.deepcopy(result))
    except BotApiError as error:
        call = ApiCall(
            name,
            params,
            started,
            False,
            error.error_code,
            None,
            error.description,
            error.parameters,
        )
    state.record(call)
    return call


def response_body(call: ApiCall) -> dict[str, Any]:
    if call.ok:
        return {"ok": True, "result": call.result}
    body: dict[str, Any] = {
        "ok": False,
        "error_code": call.error_code,
        "description": call.description,
    }
    if call.parameters:
        body["parameters"] = call.parameters
    return body
