from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import FeedAction, FeedCb, SearchAction, SearchCb
from bot.callbacks_outreach import SearchOfferAction, SearchOfferCb
from bot.i18n import I18n
from db.records.searches import SavedSearchRecord

NAME_LIMIT = 24  # keeps two buttons per row readable on a phone


def searches_kb(searches: Sequence[SavedSearchRecord], i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    sizes: list[int] = []
    for search in searches:
        name = search.name[:NAME_LIMIT]
        if search.paused:
            builder.button(
                text=i18n.get("search-resume", name=name),
                callback_data=SearchCb(action=SearchAction.resume, search_id=search.id),
            )
        else:
            builder.button(
                text=i18n.get("search-pause", name=name),
                callback_data=SearchCb(action=SearchAction.pause, search_id=search.id),
            )
        builder.button(
            text=i18n.get("search-delete-named", name=name),
            callback_data=SearchCb(action=SearchAction.delete, search_id=search.id),
        )
        offer = SearchOfferAction.off if search.offer_outreach else SearchOfferAction.on
        builder.button(
            text=i18n.get(f"search-outreach-{'on' if search.offer_outreach else 'off'}",
                          name=name),
            callback_data=SearchOfferCb(action=offer, search_id=search.id),
        )
        sizes += [2, 1]
    builder.button(
        text=i18n.get("search-new-phrase"), callback_data=SearchCb(action=SearchAction.phrase)
    )
    builder.button(text=i18n.get("feed-save"), callback_data=FeedCb(action=FeedAction.save))
    builder.adjust(*sizes, 1, 1)
    return builder.as_markup()
