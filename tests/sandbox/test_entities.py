"""Parse modes: plain text + entities with UTF-16 offsets, and Telegram's parse errors."""

from __future__ import annotations

import pytest

from sandbox.entities import EntityParseError, detect_entities, parse_html
from sandbox.markdown import parse_markdown, parse_markdown_v2


class TestHtml:
    def test_nested_tags_entities_and_utf16_offsets(self) -> None:
        text, entities = parse_html(
            '😀 <b>bold <i>both</i></b> &lt;x&gt; <a href="https://t.me">l</a>'
        )
        assert text == "😀 bold both <x> l"
        assert entities == [
            {"type": "bold", "offset": 3, "length": 9},
            {"type": "italic", "offset": 8, "length": 4},
            {"type": "text_link", "offset": 17, "length": 1, "url": "https://t.me"},
        ]

    def test_pre_with_language_and_spoiler_span(self) -> None:
        text, entities = parse_html(
            '<pre><code class="language-python">x = 1</code></pre>'
            '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>'
        )
        assert text == "x = 1st"
        assert entities == [
            {"type": "pre", "offset": 0, "length": 5, "language": "python"},
            {"type": "spoiler", "offset": 5, "length": 1},
            {"type": "spoiler", "offset": 6, "length": 1},
        ]

    @pytest.mark.parametrize(
        ("source", "message"),
        [
            ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
            ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
            ("x</b>", "Unexpected end tag at byte offset 1"),
            ("<p>x</p>", 'Unsupported start tag "p" at byte offset 0'),
            ("<span>x</span>", 'Unsupported start tag "span"'),
            ("a <b", "Unclosed start tag at byte offset 2"),
        ],
    )
    def test_errors(self, source: str, message: str) -> None:
        with pytest.raises(EntityParseError, match=message.replace("(", r"\(")):
            parse_html(source)


class TestMarkdownV2:
    def test_styles_links_and_escapes(self) -> None:
        text, entities = parse_markdown_v2(
            "*b* _i_ __u__ ~s~ ||sp|| `c` [link](https://x.org/a\\)b) 1\\.5"
        )
        assert text == "b i u s sp c link 1.5"
        types = [(e["type"], e["offset"], e["length"]) for e in entities]
        assert types == [
            ("bold", 0, 1),
            ("italic", 2, 1),
            ("underline", 4, 1),
            ("strikethrough", 6, 1),
            ("spoiler", 8, 2),
            ("code", 11, 1),
            ("text_link", 13, 4),
        ]
        assert entities[-1]["url"] == "https://x.org/a)b"

    def test_pre_and_blockquote(self) -> None:
        text, entities = parse_markdown_v2("```python\nprint(1)\n```\n>quoted\n>lines\nafter")
        assert text == "print(1)\n\nquoted\nlines\nafter"
        assert {"type": "pre", "offset": 0, "length": 9, "language": "python"} in entities
        assert {"type": "blockquote", "offset": 10, "length": 12} in entities

    @pytest.mark.parametrize(
        ("source", "message"),
        [
            ("1.5", "Character '.' is reserved"),
            ("*bold", "Can't find end of Bold entity at byte offset 0"),
            ("_a *b_ c*", "Can't find end of Bold entity"),
        ],
    )
    def test_errors(self, source: str, message: str) -> None:
        with pytest.raises(EntityParseError, match=message):
            parse_markdown_v2(source)


class TestLegacyMarkdown:
    def test_styles(self) -> None:
        text, entities = parse_markdown("*b* _i_ `c` [t](http://x.org) a\\_b")
        assert text == "b i c t a_b"
        assert [e["type"] for e in entities] == ["bold", "italic", "code", "text_link"]

    def test_unclosed(self) -> None:
        with pytest.raises(EntityParseError, match="Can't find end of the entity starting at"):
            parse_markdown("*bold")


class TestDetectedEntities:
    def test_commands_urls_mentions(self) -> None:
        text = "/start see https://t.me/x, @radar_bot #leads"
        found = [
            (e["type"], text[e["offset"] : e["offset"] + e["length"]])
            for e in detect_entities(text, [])
        ]
        assert found == [
            ("bot_command", "/start"),
            ("url", "https://t.me/x"),
            ("mention", "@radar_bot"),
            ("hashtag", "#leads"),
        ]
