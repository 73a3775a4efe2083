from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_pages import Listing
from bot.callbacks_sources import SourceAction, SourceCb
from bot.i18n import I18n
from bot.keyboards.pager import Page, add_pager
from bot.views.sources import source_name
from db.records.sources import SourceRecord

NAME_LIMIT = 32  # keeps a button on one line on a phone


def sources_kb(
    shown: Sequence[SourceRecord], page: Page, i18n: I18n
) -> InlineKeyboardMarkup:
    """A toggle per source on this page, then the pager, then "Add source"."""
    builder = InlineKeyboardBuilder()
    for source in shown:
        name = source_name(source, i18n)[:NAME_LIMIT]
        action = SourceAction.disable if source.enabled else SourceAction.enable
        builder.button(
            text=i18n.get("source-disable" if source.enabled else "source-enable", name=name),
            callback_data=SourceCb(action=action, source_id=source.id, page=page.number),
        )
    builder.adjust(1)
    add_pager(builder, page, Listing.sources, i18n)
    builder.row(InlineKeyboardButton(text=i18n.get("sources-add"), callback_data=SourceCb(
        action=SourceAction.add).pack()))
    return builder.as_markup()
