"""Cutting Telegram HTML to the message limit without breaking it.

Telegram counts the limit on the text after parsing, in UTF-16 units, and rejects a message cut
inside a tag (`<a hr`), inside a character reference (`&am`) or with a tag left open. So the cut
walks the HTML token by token, counts only visible text, and closes whatever is still open.
"""

from __future__ import annotations

import html
import re

TELEGRAM_TEXT_LIMIT = 4096
ELLIPSIS = "…"

_TOKEN = re.compile(r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);|[^<&]+|[<&]")


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _tag_name(tag: str) -> str:
    return tag.strip("</>").split(maxsplit=1)[0].lower() if tag.strip("</>") else ""


def visible_length(source: str) -> int:
    return sum(
        _units(html.unescape(t)) for t in _TOKEN.findall(source) if not t.startswith("<")
        or len(t) == 1
    )


def cut_html(source: str, limit: int = TELEGRAM_TEXT_LIMIT) -> str:
    """`source` unchanged when it fits; else cut at a safe point, "…" added, tags closed."""
    if visible_length(source) <= limit:
        return source
    budget = limit - _units(ELLIPSIS)
    out: list[str] = []
    open_tags: list[str] = []
    for token in _TOKEN.findall(source):
        if token.startswith("<") and len(token) > 1:
            name = _tag_name(token)
            if token.startswith("</"):
                if open_tags and open_tags[-1] == name:
                    open_tags.pop()
            elif not token.endswith("/>"):
                open_tags.append(name)
            out.append(token)
            continue
        plain = html.unescape(token)
        if _units(plain) <= budget:
            out.append(token)
            budget -= _units(plain)
            continue
        if not token.startswith("&"):
            kept = ""
            for char in plain:
                if _units(kept + char) > budget:
                    break
                kept += char
            out.append(html.escape(kept, quote=False))
        break
    while out and out[-1].startswith("<") and not out[-1].startswith("</"):
        # An element opened right at the cut would be empty; drop it instead of closing it.
        out.pop()
        open_tags.pop()
    out.append(ELLIPSIS)
    out.extend(f"</{name}>" for name in reversed(open_tags))
    return "".join(out)
