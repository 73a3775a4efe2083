"""Photos, documents, albums and file lookups."""

from __future__ import annotations

from typing import Any

from sandbox.errors import bad_request
from sandbox.files import StoredFile
from sandbox.methods.common import Params, Uploads, markup_content, reply_to_content
from sandbox.state import Conversation, SandboxState
from sandbox.validation import formatted_text, required

MEDIA_GROUP_SIZE = (2, 10)


def stored_input_file(
    state: SandboxState, value: Any, uploads: Uploads, field_name: str, kind: str
) -> StoredFile:
    """An InputFile as Telegram accepts it: `attach://name`, a direct part, or a file_id."""
    if value is None and field_name in uploads:
        upload = uploads[field_name]
    elif isinstance(value, str) and value.startswith("attach://"):
        found = uploads.get(value.removeprefix("attach://"))
        if found is None:
            raise bad_request(f"wrong file identifier/HTTP URL specified ({value})")
        upload = found
    elif isinstance(value, str) and value:
        # The sandbox is offline, so only file_ids it issued itself can be re-sent.
        return state.files.get(value)
    else:
        raise bad_request(f"there is no {field_name} in the request")
    if not upload.data:
        raise bad_request("file must be non-empty")
    return state.files.save(upload.data, upload.file_name, kind)


def caption_content(params: Params) -> dict[str, Any]:
    caption, entities = formatted_text(
        params.get("caption"),
        params.get("parse_mode"),
        params.get("caption_entities"),
        is_caption=True,
    )
    content: dict[str, Any] = {}
    if caption:
        content["caption"] = caption
    if entities:
        content["caption_entities"] = entities
    return content


def media_content(kind: str, stored: StoredFile) -> dict[str, Any]:
    if kind == "photo":
        return {"photo": stored.as_photo_sizes()}
    return {"document": stored.as_document()}


async def _send_file(state: SandboxState, params: Params, uploads: Uploads, kind: str) -> Any:
    conversation = state.writable_conversation(required(params, "chat_id"))
    stored = stored_input_file(state, params.get(kind), uploads, kind, kind)
    content = {
        **media_content(kind, stored),
        **caption_content(params),
        **reply_to_content(conversation, params),
        **markup_content(conversation, params),
    }
    state.flood.check_and_count(conversation.chat_id)
    return state.new_bot_message(conversation, content)


async def send_photo(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    return await _send_file(state, params, uploads, "photo")


async def send_document(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    return await _send_file(state, params, uploads, "document")


async def send_media_group(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    conversation = state.writable_conversation(required(params, "chat_id"))
    media = params.get("media")
    if not isinstance(media, list) or not all(isinstance(item, dict) for item in media):
        raise bad_request("can't parse media JSON object")
    low, high = MEDIA_GROUP_SIZE
    if not low <= len(media) <= high:
        raise bad_request("there must be 2-10 items in the media group")
    kinds = {item.get("type") for item in media}
    if not kinds <= {"photo", "document"} or kinds == {"photo", "document"}:
        raise bad_request("the sandbox supports albums of only photos or only documents")
    contents = [_album_item(state, conversation, item, uploads) for item in media]
    state.flood.check_and_count(conversation.chat_id)
    group_id = state.next_media_group_id()
    return [
        state.new_bot_message(conversation, {**content, "media_group_id": group_id})
        for content in contents
    ]


def _album_item(
    state: SandboxState, conversation: Conversation, item: dict[str, Any], uploads: Uploads
) -> dict[str, Any]:
    kind = str(item["type"])
    stored = stored_input_file(state, item.get("media"), uploads, "media", kind)
    return {**media_content(kind, stored), **caption_content(item)}


async def get_file(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    return state.files.get(str(required(params, "file_id"))).as_file()
