"""Telethon message objects → RawMessage (plain values, nothing lazy, nothing network-bound)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from telethon import helpers, utils
from telethon.tl import types

from collector.reader import RawMessage

# Entities worth keeping: the links and handles a manager follows to reach the poster.
_ENTITY_KINDS: dict[type, str] = {
    types.MessageEntityUrl: "url",
    types.MessageEntityTextUrl: "text_url",
    types.MessageEntityHashtag: "hashtag",
    types.MessageEntityMention: "mention",
    types.MessageEntityMentionName: "mention_name",
    types.MessageEntityEmail: "email",
    types.MessageEntityPhone: "phone",
}


def _entity(text: str, entity: Any) -> dict[str, Any] | None:
    kind = _ENTITY_KINDS.get(type(entity))
    if kind is None:
        return None
    # Offsets count UTF-16 code units, as Telegram does.
    surrogated = helpers.add_surrogate(text)
    part = helpers.del_surrogate(surrogated[entity.offset:entity.offset + entity.length])
    out: dict[str, Any] = {"type": kind, "text": part}
    if kind == "url":
        out["url"] = part
    elif kind == "text_url":
        out["url"] = entity.url
    elif kind == "mention_name":
        out["user_id"] = entity.user_id
    return out


def _media(media: Any) -> tuple[Mapping[str, Any], ...]:
    if media is None:
        return ()
    if isinstance(media, types.MessageMediaPhoto):
        return ({"type": "photo"},)
    if isinstance(media, types.MessageMediaDocument):
        doc = media.document
        names = [a.file_name for a in getattr(doc, "attributes", ()) or ()
                 if isinstance(a, types.DocumentAttributeFilename)]
        return ({"type": "document", "mime_type": getattr(doc, "mime_type", None),
                 "file_name": names[0] if names else None, "size": getattr(doc, "size", None)},)
    if isinstance(media, types.MessageMediaWebPage):
        return ({"type": "webpage", "url": getattr(media.webpage, "url", None)},)
    return ({"type": type(media).__name__.removeprefix("MessageMedia").lower()},)


def _forward(fwd: Any) -> tuple[int | None, int | None]:
    if not isinstance(fwd, types.MessageFwdHeader):
        return None, None
    if isinstance(fwd.from_id, types.PeerChannel) and fwd.channel_post:
        return utils.get_peer_id(fwd.from_id), fwd.channel_post
    if fwd.saved_from_peer is not None and fwd.saved_from_msg_id:
        return utils.get_peer_id(fwd.saved_from_peer), fwd.saved_from_msg_id
    return (utils.get_peer_id(fwd.from_id) if fwd.from_id else None), None


def permalink(peer: Any, message_id: int, username: str | None) -> str | None:
    if username:
        return f"https://t.me/{username}/{message_id}"
    if isinstance(peer, types.PeerChannel):
        return f"https://t.me/c/{peer.channel_id}/{message_id}"
    return None


def _author(message: Any) -> tuple[int | None, str | None]:
    author_id = utils.get_peer_id(message.from_id) if message.from_id else None
    sender = getattr(message, "_sender", None)
    name = message.post_author or (utils.get_display_name(sender) if sender else None) or None
    return author_id, name


def to_raw(message: Any, username: str | None = None) -> RawMessage | None:
    """None for service and empty messages: they carry no post."""
    if not isinstance(message, types.Message):
        return None
    text = message.message or ""
    entities = (_entity(text, e) for e in message.entities or ())
    reply = message.reply_to
    fwd_chat, fwd_msg = _forward(message.fwd_from)
    author_id, author_name = _author(message)
    return RawMessage(
        chat_id=utils.get_peer_id(message.peer_id), message_id=message.id, date=message.date,
        text=text, grouped_id=message.grouped_id, entities=tuple(e for e in entities if e),
        author_id=author_id, author_name=author_name,
        reply_to=reply.reply_to_msg_id if isinstance(reply, types.MessageReplyHeader) else None,
        edit_date=message.edit_date, fwd_chat_id=fwd_chat, fwd_message_id=fwd_msg,
        permalink=permalink(message.peer_id, message.id, username), media=_media(message.media),
    )
