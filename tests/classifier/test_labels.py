from __future__ import annotations

import pytest

from classifier.labels import Thresholds, clean_text, is_unreadable, needs_review


class TestUnreadable:
    @pytest.mark.parametrize("text", [
        "", "   ", None, "🔥🔥🔥", "👍 ✅ 💼", "<b></b><i></i>", "https://t.me/x", "12345 678",
        "**__**", "[](https://x.y)",
    ])
    def test_nothing_to_read(self, text: str | None) -> None:
        assert is_unreadable(text)

    @pytest.mark.parametrize("text", ["Ищем QA", "Python dev 🔥", "Нужен 1С программист"])
    def test_readable(self, text: str) -> None:
        assert not is_unreadable(text)


class TestCleanText:
    def test_urls_and_spaces(self) -> None:
        out = clean_text("Смотри  https://example.com/x?y=1   и   @some_handle\n\n\nтут")
        assert out == "Смотри <url> и <user>\nтут"

    def test_huge_post_is_cut(self) -> None:
        assert len(clean_text("а" * 100_000, max_chars=500)) == 500

    def test_empty(self) -> None:
        assert clean_text(None) == ""


class TestNeedsReview:
    def test_below_threshold(self) -> None:
        t = Thresholds(kind=0.8)
        assert needs_review({"kind": 0.7}, t)
        assert not needs_review({"kind": 0.9, "roles": 0.95}, t)
        assert not needs_review({"unknown": 0.0}, t)
