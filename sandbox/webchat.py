"""JSON API and static files behind the sandbox's Telegram-like web chat page."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from sandbox.errors import BotApiError
from sandbox.methods.bot_settings import commands_for
from sandbox.user_actions import conversation_of

if TYPE_CHECKING:
    from sandbox.emulator import BotApiEmulator

STATIC_DIR = Path(__file__).parent / "static"


def _with_file_urls(view: dict[str, Any]) -> dict[str, Any]:
    # Files are served by id here so the page never needs the bot token.
    view["photo_urls"] = [f"/sandbox/api/files/{file_id}" for file_id in view["photo"]]
    if view["document"]:
        view["document_url"] = f"/sandbox/api/files/{view['document']['file_id']}"
    return view


def webchat_routes(emulator: BotApiEmulator) -> list[web.AbstractRouteDef]:
    state = emulator.state

    def chat_id_of(request: web.Request) -> int:
        try:
            chat_id = int(request.match_info["chat_id"])
            conversation_of(state, chat_id)
        except (ValueError, LookupError) as error:
            raise web.HTTPNotFound(text=str(error)) from None
        return chat_id

    async def redirect_to_chat(request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound("/chat")

    async def chat_page(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(STATIC_DIR / "index.html")

    async def bot_info(request: web.Request) -> web.Response:
        users = [asdict(conversation.user) for conversation in state.conversations.values()]
        return web.json_response({"bot": state.bot_user, "users": users})

    async def add_user(request: web.Request) -> web.Response:
        body = await request.json()
        user = emulator.add_user(
            int(body["user_id"]),
            str(body.get("first_name") or "User"),
            username=body.get("username") or None,
            language_code=body.get("language_code") or None,
        )
        return web.json_response({"user": asdict(user)})

    async def chat_state(request: web.Request) -> web.Response:
        conversation = conversation_of(state, chat_id_of(request))
        views = [_with_file_urls(view) for view in emulator.chat_messages(conversation.chat_id)]
        language = conversation.user.language_code
        return web.json_response(
            {
                "messages": views,
                "commands": commands_for(state, conversation.chat_id, language),
                "menu_button": conversation.menu_button or state.default_menu_button,
                "reply_keyboard": conversation.reply_keyboard,
                "callback_answers": [asdict(a) for a in conversation.callback_answers[-20:]],
                "blocked": conversation.user.blocked_bot,
            }
        )

    async def send(request: web.Request) -> web.Response:
        chat_id = chat_id_of(request)
        text = str((await request.json()).get("text", ""))
        if not text.strip():
            raise web.HTTPBadRequest(text="empty message")
        update = emulator.send_text(chat_id, text)
        return web.json_response({"update_id": update["update_id"]})

    async def press(request: web.Request) -> web.Response:
        chat_id = chat_id_of(request)
        body = await request.json()
        try:
            update = emulator.press(chat_id, int(body["message_id"]), str(body["data"]))
        except LookupError as error:
            raise web.HTTPNotFound(text=str(error)) from None
        return web.json_response({"update_id": update["update_id"]})

    async def init_data(request: web.Request) -> web.Response:
        return web.json_response({"init_data": emulator.sign_init_data(chat_id_of(request))})

    async def file_by_id(request: web.Request) -> web.Response:
        try:
            stored = state.files.get(request.match_info["file_id"])
        except BotApiError:
            raise web.HTTPNotFound() from None
        return web.Response(body=stored.data, content_type=stored.mime_type)

    return [
        web.get("/", redirect_to_chat),
        web.get("/chat", chat_page),
        web.static("/sandbox/static", STATIC_DIR),
        web.get("/sandbox/api/bot", bot_info),
        web.post("/sandbox/api/users", add_user),
        web.get("/sandbox/api/chats/{chat_id}/messages", chat_state),
        web.post("/sandbox/api/chats/{chat_id}/send", send),
        web.post("/sandbox/api/chats/{chat_id}/press", press),
        web.get("/sandbox/api/chats/{chat_id}/init-data", init_data),
        web.get("/sandbox/api/files/{file_id}", file_by_id),
    ]
