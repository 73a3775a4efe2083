"""Telegram's text formatting: HTML parse mode, UTF-16 offsets, auto-detected entities.

Entity offsets and lengths are in UTF-16 code units, as the Bot API counts them, so an emoji
before a bold word shifts the offset by two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

Entity = dict[str, Any]


class EntityParseError(ValueError):
    """The text does not parse; the message becomes "Bad Request: can't parse entities: …"."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def byte_offset(source: str, index: int) -> int:
    # Telegram reports parse errors at UTF-8 byte offsets of the source text.
    return len(source[:index].encode())


@dataclass
class TextBuilder:
    """Accumulates plain text while tracking the UTF-16 offset where the next char lands."""

    parts: list[str] = field(default_factory=list)
    offset: int = 0
    entities: list[Entity] = field(default_factory=list)

    def add(self, chunk: str) -> None:
        self.parts.append(chunk)
        self.offset += utf16_len(chunk)

    def close_entity(self, entity_type: str, start: int, **extra: Any) -> None:
        # Telegram silently drops entities that cover no text.
        if self.offset > start:
            self.entities.append(
                {"type": entity_type, "offset": start, "length": self.offset - start, **extra}
            )

    def result(self) -> tuple[str, list[Entity]]:
        return "".join(self.parts), sort_entities(self.entities)


def sort_entities(entities: list[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_ATTRIBUTE = re.compile(r"""([a-zA-Z_:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_CHAR_REFERENCE = re.compile(r"&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_NAMED_REFERENCES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


@dataclass
class _OpenTag:
    name: str
    start: int
    attributes: dict[str, str]
    language: str | None = None


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _NAMED_REFERENCES:
            return _NAMED_REFERENCES[name]
        code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        return chr(code) if 0 < code < 0x110000 else match.group(0)

    return _CHAR_REFERENCE.sub(replace, text)


def parse_html(source: str) -> tuple[str, list[Entity]]:
    """Plain text + entities for `parse_mode=HTML`, with Telegram's error wording."""
    builder = TextBuilder()
    stack: list[_OpenTag] = []
    index = 0
    while index < len(source):
        next_tag = source.find("<", index)
        if next_tag == -1:
            builder.add(_unescape(source[index:]))
            break
        if next_tag > index:
            builder.add(_unescape(source[index:next_tag]))
        tag_end = source.find(">", next_tag)
        if tag_end == -1:
            raise EntityParseError(
                f"Unclosed start tag at byte offset {byte_offset(source, next_tag)}"
            )
        inner = source[next_tag + 1 : tag_end].strip()
        if inner.startswith("/"):
            _close_html_tag(source, next_tag, inner[1:].strip().lower(), stack, builder)
        else:
            stack.append(_open_html_tag(source, next_tag, inner, builder.offset))
        index = tag_end + 1
    if stack:
        raise EntityParseError(
            f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"'
        )
    return builder.result()


def _open_html_tag(source: str, position: int, inner: str, offset: int) -> _OpenTag:
    name, _, attribute_text = inner.partition(" ")
    name = name.rstrip("/").lower()
    attributes = {
        match.group(1).lower(): _unescape(
            next((g for g in match.groups()[1:] if g is not None), "")
        )
        for match in _ATTRIBUTE.finditer(attribute_text)
    }
    unsupported_span = name == "span" and attributes.get("class") != "tg-spoiler"
    if name not in _HTML_TAGS or unsupported_span:
        raise EntityParseError(
            f'Unsupported start tag "{name}" at byte offset {byte_offset(source, position)}'
        )
    return _OpenTag(name=name, start=offset, attributes=attributes)


def _close_html_tag(
    source: str, position: int, name: str, stack: list[_OpenTag], builder: TextBuilder
) -> None:
    at = byte_offset(source, position)
    if not stack:
        raise EntityParseError(f"Unexpected end tag at byte offset {at}")
    tag = stack.pop()
    if tag.name != name:
        raise EntityParseError(
            f'Unmatched end tag at byte offset {at}, expected "</{tag.name}>", found "</{name}>"'
        )
    entity_type = _HTML_TAGS[name]
    language = tag.attributes.get("class", "")
    if name == "code" and stack and stack[-1].name == "pre" and language.startswith("language-"):
        # <pre><code class="language-x"> is one pre entity with a language, as in Telegram.
        stack[-1].language = language.removeprefix("language-")
        return
    if entity_type == "text_link":
        if href := tag.attributes.get("href"):
            builder.close_entity("text_link", tag.start, url=href)
    elif entity_type == "custom_emoji":
        builder.close_entity(
            "custom_emoji", tag.start, custom_emoji_id=tag.attributes.get("emoji-id", "")
        )
    elif entity_type == "pre" and tag.language:
        builder.close_entity("pre", tag.start, language=tag.language)
    elif entity_type == "blockquote" and "expandable" in tag.attributes:
        builder.close_entity("expandable_blockquote", tag.start)
    else:
        builder.close_entity(entity_type, tag.start)


_AUTO_PATTERNS = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("url", re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]']")),
    ("bot_command", re.compile(r"(?<![\w/])/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?")),
    ("mention", re.compile(r"(?<![\w@])@[a-zA-Z0-9_]{4,32}")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")),
]
_OPAQUE_TYPES = {"code", "pre", "text_link", "url", "email", "custom_emoji"}


def detect_entities(text: str, existing: list[Entity]) -> list[Entity]:
    """Add the entities Telegram finds on its own (commands, links, mentions…)."""
    taken = [
        (e["offset"], e["offset"] + e["length"]) for e in existing if e["type"] in _OPAQUE_TYPES
    ]
    found: list[Entity] = []
    for entity_type, pattern in _AUTO_PATTERNS:
        for match in pattern.finditer(text):
            start = utf16_len(text[: match.start()])
            end = start + utf16_len(match.group(0))
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            taken.append((start, end))
            found.append({"type": entity_type, "offset": start, "length": end - start})
    return sort_entities([*existing, *found])
