"""One regex alternation for many literal words, factored by common prefixes (a trie).

Python's `re` tries a flat `a|b|c…` branch by branch at every position; with a thousand
technology spellings that was most of the stack lookup. The trie form matches the same
strings in the same order of preference: at a position, the longest word first, then shorter
ones on backtracking (what a flat alternation sorted longest-first does).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Node = dict[str, "_Node"]
_END = ""  # marks a node where a word ends; no character is the empty string


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex body matching exactly `words` (literally)."""
    root: _Node = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _emit(root)


def _emit(node: _Node) -> str:
    branches = [re.escape(char) + _emit(child)
                for char, child in sorted(node.items()) if char != _END]
    if not branches:
        return ""
    body = "(?:" + "|".join(branches) + ")"
    # Greedy "?": the longer words through this node are tried before the one ending here.
    return body + "?" if _END in node else body
