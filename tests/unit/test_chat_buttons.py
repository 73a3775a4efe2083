"""Which bot messages get the Mini App's "Open in app" button and are remembered as a card's."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CardAction, CardCb
from bot.callbacks_crm import MyCb, PipeAction, PipeCb
from bot.webapp.chat_buttons import app_url, card_of, is_crm_screen


def markup(*datas: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=str(n), callback_data=d)] for n, d in enumerate(datas)
    ])


class TestChatButtons:
    def test_a_feed_card_and_a_pipeline_card_are_told_apart(self) -> None:
        feed = markup(CardCb(action=CardAction.full, card_id=7).pack(),
                      PipeCb(action=PipeAction.open, card_id=7).pack())
        pipeline = markup(PipeCb(action=PipeAction.take, card_id=9).pack())
        assert card_of(feed) == (7, "feed")
        assert card_of(pipeline) == (9, "pipeline")

    def test_my_requests_is_a_crm_screen_but_no_single_card(self) -> None:
        mine = markup(MyCb(team=False).pack())
        assert is_crm_screen(mine) and card_of(mine) is None
        assert not is_crm_screen(markup("st:lang")) and not is_crm_screen(None)

    def test_the_app_url_names_the_card(self) -> None:
        assert app_url("https://x.test/miniapp/", 5) == "https://x.test/miniapp/?card=5"
        assert app_url("https://x.test/miniapp/?a=1", 5) == "https://x.test/miniapp/?a=1&card=5"
        assert app_url("https://x.test/miniapp/", None) == "https://x.test/miniapp/"
