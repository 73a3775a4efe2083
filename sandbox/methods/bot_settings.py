"""The bot's own profile: getMe, command lists and menu buttons."""

from __future__ import annotations

from typing import Any

from sandbox.errors import bad_request
from sandbox.methods.common import Params, Uploads
from sandbox.state import SandboxState
from sandbox.validation import bot_commands, reply_markup


def _scope_key(scope: Any) -> str:
    if not isinstance(scope, dict):
        return "default"
    kind = str(scope.get("type", "default"))
    return f"{kind}:{scope['chat_id']}" if "chat_id" in scope else kind


def commands_for(state: SandboxState, chat_id: int, language_code: str | None) -> list[Any]:
    """The command menu a private chat shows, resolved the way Telegram clients do."""
    for language in (language_code or "", ""):
        for scope in (f"chat:{chat_id}", "all_private_chats", "default"):
            if commands := state.commands.get((scope, language)):
                return commands
    return []


async def get_me(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    return state.bot_user


async def set_my_commands(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    key = (_scope_key(params.get("scope")), str(params.get("language_code") or ""))
    state.commands[key] = bot_commands(params.get("commands"))
    return True


async def get_my_commands(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    key = (_scope_key(params.get("scope")), str(params.get("language_code") or ""))
    return state.commands.get(key, [])


async def delete_my_commands(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    key = (_scope_key(params.get("scope")), str(params.get("language_code") or ""))
    state.commands.pop(key, None)
    return True


def _checked_menu_button(menu_button: Any) -> dict[str, Any]:
    if menu_button is None:
        return {"type": "default"}
    if not isinstance(menu_button, dict):
        raise bad_request("can't parse menu button JSON object")
    kind = menu_button.get("type")
    if kind == "web_app":
        # Same rules as a web_app inline button, so reuse the keyboard check.
        reply_markup({"inline_keyboard": [[{**menu_button, "callback_data": None}]]})
        return {"type": "web_app", "text": menu_button["text"], "web_app": menu_button["web_app"]}
    if kind in ("commands", "default"):
        return {"type": kind}
    raise bad_request("unsupported menu button type")


async def set_chat_menu_button(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    menu_button = _checked_menu_button(params.get("menu_button"))
    if params.get("chat_id") is None:
        is_default = menu_button["type"] == "default"
        state.default_menu_button = {"type": "commands"} if is_default else menu_button
    else:
        conversation = state.conversation(params["chat_id"])
        conversation.menu_button = None if menu_button["type"] == "default" else menu_button
    return True


async def get_chat_menu_button(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    if params.get("chat_id") is None:
        return state.default_menu_button
    return state.conversation(params["chat_id"]).menu_button or state.default_menu_button


async def log_out(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    return True
