"""Telegram's MarkdownV2 and legacy Markdown parse modes, with Telegram's error wording."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.entities import Entity, EntityParseError, TextBuilder, byte_offset

_V2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_V2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}


@dataclass
class _Open:
    entity_type: str
    start: int
    source_index: int
    language: str | None = None


class _MarkdownV2Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.index = 0
        self.builder = TextBuilder()
        self.stack: list[_Open] = []
        self.quote: _Open | None = None

    def parse(self) -> tuple[str, list[Entity]]:
        while self.index < len(self.source):
            self._step()
        if self.stack:
            self._fail_unclosed(self.stack[-1])
        self._close_quote()
        return self.builder.result()

    def _fail_unclosed(self, entity: _Open) -> None:
        name = _V2_NAMES[entity.entity_type]
        at = byte_offset(self.source, entity.source_index)
        raise EntityParseError(f"Can't find end of {name} entity at byte offset {at}")

    def _peek(self, count: int = 1) -> str:
        return self.source[self.index : self.index + count]

    def _in_code(self) -> bool:
        return bool(self.stack) and self.stack[-1].entity_type in ("code", "pre")

    def _step(self) -> None:
        char = self.source[self.index]
        if char == "\\" and self.index + 1 < len(self.source):
            self.builder.add(self.source[self.index + 1])
            self.index += 2
        elif self._in_code():
            self._step_in_code(char)
        elif char == "\n":
            self.builder.add(char)
            self.index += 1
            self._maybe_end_quote()
        elif self._at_line_start() and (char == ">" or self._peek(3) == "**>"):
            self._open_quote(expandable=char == "*")
        elif char not in _V2_RESERVED:
            self.builder.add(char)
            self.index += 1
        else:
            self._step_reserved(char)

    def _at_line_start(self) -> bool:
        return self.index == 0 or self.source[self.index - 1] == "\n"

    def _open_quote(self, expandable: bool) -> None:
        self.index += 3 if expandable else 1
        if self.quote is None:
            kind = "expandable_blockquote" if expandable else "blockquote"
            self.quote = _Open(kind, self.builder.offset, self.index)

    def _maybe_end_quote(self) -> None:
        if self.quote is not None and self._peek() != ">":
            self._close_quote(trailing_newline=True)

    def _close_quote(self, trailing_newline: bool = False) -> None:
        if self.quote is None:
            return
        # The quote ends before the newline that follows its last line.
        end_offset = self.builder.offset - (1 if trailing_newline else 0)
        if end_offset > self.quote.start:
            self.builder.entities.append(
                {
                    "type": self.quote.entity_type,
                    "offset": self.quote.start,
                    "length": end_offset - self.quote.start,
                }
            )
        self.quote = None

    def _step_in_code(self, char: str) -> None:
        top = self.stack[-1]
        closing = "```" if top.entity_type == "pre" else "`"
        if self._peek(len(closing)) == closing:
            self.stack.pop()
            extra = {"language": top.language} if top.language else {}
            self.builder.close_entity(top.entity_type, top.start, **extra)
            self.index += len(closing)
        else:
            self.builder.add(char)
            self.index += 1

    def _step_reserved(self, char: str) -> None:
        if char == "_" and self._peek(2) == "__":
            self._toggle("underline", 2)
        elif char in "_*~":
            self._toggle({"_": "italic", "*": "bold", "~": "strikethrough"}[char], 1)
        elif char == "|" and self._peek(2) == "||":
            in_expandable = (
                self.quote is not None and self.quote.entity_type == "expandable_blockquote"
            )
            if in_expandable and self.source[self.index + 2 : self.index + 3] in ("", "\n"):
                # "||" at the end of a line closes an expandable quote, not a spoiler.
                self.index += 2
                self._close_quote()
                return
            self._toggle("spoiler", 2)
        elif char == "`":
            self._open_code()
        elif char == "[" or (char == "!" and self._peek(2) == "!["):
            kind = "custom_emoji" if char == "!" else "text_link"
            self.stack.append(_Open(kind, self.builder.offset, self.index))
            self.index += 2 if char == "!" else 1
        elif char == "]" and self.stack and self.stack[-1].entity_type in _LINK_TYPES:
            self._close_link()
        else:
            raise EntityParseError(
                f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
            )

    def _toggle(self, entity_type: str, width: int) -> None:
        open_types = [entry.entity_type for entry in self.stack]
        if entity_type in open_types:
            top = self.stack[-1]
            if top.entity_type != entity_type:
                self._fail_unclosed(top)
            self.stack.pop()
            self.builder.close_entity(entity_type, top.start)
        else:
            self.stack.append(_Open(entity_type, self.builder.offset, self.index))
        self.index += width

    def _open_code(self) -> None:
        if self._peek(3) == "```":
            start_index = self.index
            self.index += 3
            line_end = self.source.find("\n", self.index)
            language = None
            first_line = self.source[self.index : line_end] if line_end != -1 else ""
            if line_end != -1 and first_line and " " not in first_line and "`" not in first_line:
                language = first_line
                self.index = line_end + 1
            self.stack.append(_Open("pre", self.builder.offset, start_index, language))
        else:
            self.stack.append(_Open("code", self.builder.offset, self.index))
            self.index += 1

    def _close_link(self) -> None:
        link = self.stack.pop()
        self.index += 1
        if self._peek() != "(":
            self._fail_unclosed(link)
        url_end = self.source.find(")", self.index)
        while url_end != -1 and self.source[url_end - 1] == "\\":
            url_end = self.source.find(")", url_end + 1)
        if url_end == -1:
            self._fail_unclosed(link)
        url = self.source[self.index + 1 : url_end].replace("\\)", ")").replace("\\\\", "\\")
        self.index = url_end + 1
        if link.entity_type == "custom_emoji":
            emoji_id = url.partition("id=")[2]
            self.builder.close_entity("custom_emoji", link.start, custom_emoji_id=emoji_id)
        else:
            self.builder.close_entity("text_link", link.start, url=url)


_LINK_TYPES = ("text_link", "custom_emoji")


def parse_markdown_v2(source: str) -> tuple[str, list[Entity]]:
    return _MarkdownV2Parser(source).parse()


_LEGACY_TYPES = {"*": "bold", "_": "italic", "`": "code"}


def parse_markdown(source: str) -> tuple[str, list[Entity]]:
    """Legacy `Markdown`: no nesting, only `_*`[` can be escaped."""
    builder = TextBuilder()
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\" and source[index + 1 : index + 2] in ("_", "*", "`", "["):
            builder.add(source[index + 1])
            index += 2
            continue
        if char not in "_*`[":
            builder.add(char)
            index += 1
            continue
        unclosed = EntityParseError(
            f"Can't find end of the entity starting at byte offset {byte_offset(source, index)}"
        )
        start = builder.offset
        if source.startswith("```", index):
            end = source.find("```", index + 3)
            if end == -1:
                raise unclosed
            body = source[index + 3 : end]
            language, newline, rest = body.partition("\n")
            if newline and language and " " not in language:
                builder.add(rest)
                builder.close_entity("pre", start, language=language)
            else:
                builder.add(body)
                builder.close_entity("pre", start)
            index = end + 3
        elif char == "[":
            index = _legacy_link(source, index, builder, unclosed)
        else:
            end = source.find(char, index + 1)
            if end == -1:
                raise unclosed
            builder.add(source[index + 1 : end])
            builder.close_entity(_LEGACY_TYPES[char], start)
            index = end + 1
    return builder.result()


def _legacy_link(source: str, index: int, builder: TextBuilder, unclosed: EntityParseError) -> int:
    text_end = source.find("]", index + 1)
    if text_end == -1:
        raise unclosed
    start = builder.offset
    builder.add(source[index + 1 : text_end])
    if source[text_end + 1 : text_end + 2] != "(":
        return text_end + 1
    url_end = source.find(")", text_end + 2)
    if url_end == -1:
        raise unclosed
    url = source[text_end + 2 : url_end]
    if url:
        builder.close_entity("text_link", start, url=url)
    return url_end + 1
