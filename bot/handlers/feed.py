"""/feed: the filter summary, the pickers, and pages of cards."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.callbacks import FeedAction, FeedCb, FilterCb, FilterField, MenuAction, MenuCb, PageCb
from bot.feed_filters import FilterStore, toggle
from bot.handlers.common import chat_id, edit
from bot.i18n import I18n
from bot.keyboards.card import card_kb
from bot.keyboards.feed import cb_to_cursor, filters_kb, more_kb, picker_kb
from bot.views.card import card_text
from bot.views.feed import filters_text
from crm import feed
from db.records.feed import FeedCursor, FeedFilters
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


async def send_page(
    bot: Bot, chat: int, uow: UnitOfWork, user: UserRecord, i18n: I18n, store: FilterStore,
    cursor: FeedCursor | None = None,
) -> None:
    filters, _ = await store.load(user.id)
    page = await feed.page(uow, user, filters, cursor)
    for card in page.cards:
        await bot.send_message(
            chat, card_text(card, i18n, user.timezone), reply_markup=card_kb(card, i18n, user.id)
        )
    if not page.cards:
        footer = i18n.get("feed-empty" if cursor is None else "feed-end")
    else:
        footer = i18n.get("feed-page", count=len(page.cards))
    await bot.send_message(chat, footer, reply_markup=more_kb(page.next_cursor, i18n))


@router.message(Command("feed"))
async def cmd_feed(
    message: Message, bot: Bot, uow: UnitOfWork, user: UserRecord, i18n: I18n,
    filter_store: FilterStore,
) -> None:
    filters, _ = await filter_store.load(user.id)
    await message.answer(filters_text(filters, i18n), reply_markup=filters_kb(i18n))
    await send_page(bot, message.chat.id, uow, user, i18n, filter_store)


@router.callback_query(MenuCb.filter(F.action == MenuAction.feed))
@router.callback_query(FeedCb.filter(F.action == FeedAction.filters))
async def show_filters(
    query: CallbackQuery, user: UserRecord, i18n: I18n, filter_store: FilterStore
) -> None:
    filters, _ = await filter_store.load(user.id)
    await edit(query, filters_text(filters, i18n), filters_kb(i18n))
    await query.answer()


@router.callback_query(FeedCb.filter(F.action == FeedAction.reset))
async def reset_filters(
    query: CallbackQuery, user: UserRecord, i18n: I18n, filter_store: FilterStore
) -> None:
    await filter_store.save(user.id, FeedFilters(), ())
    await edit(query, filters_text(FeedFilters(), i18n), filters_kb(i18n))
    await query.answer(i18n.get("feed-reset-done"))


@router.callback_query(FeedCb.filter(F.action == FeedAction.show))
async def show_feed(
    query: CallbackQuery, bot: Bot, uow: UnitOfWork, user: UserRecord, i18n: I18n,
    filter_store: FilterStore,
) -> None:
    await query.answer()
    await send_page(bot, chat_id(query), uow, user, i18n, filter_store)


@router.callback_query(PageCb.filter())
async def next_page(
    query: CallbackQuery, callback_data: PageCb, bot: Bot, uow: UnitOfWork, user: UserRecord,
    i18n: I18n, filter_store: FilterStore,
) -> None:
    await query.answer()
    cursor = cb_to_cursor(callback_data)
    await send_page(bot, chat_id(query), uow, user, i18n, filter_store, cursor)


@router.callback_query(FilterCb.filter(F.index < 0))
async def open_picker(
    query: CallbackQuery, callback_data: FilterCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n, filter_store: FilterStore,
) -> None:
    filters, offered = await filter_store.load(user.id)
    if callback_data.field is FilterField.stack:
        # Chosen stacks stay offered even when they fall out of the top list.
        offered = tuple(dict.fromkeys((*filters.stack, *await feed.top_stacks(uow))))
        await filter_store.save(user.id, filters, offered)
    await edit(
        query, i18n.get(f"picker-{callback_data.field.value}"),
        picker_kb(callback_data.field, filters, offered, i18n),
    )
    await query.answer()


@router.callback_query(FilterCb.filter(F.index >= 0))
async def toggle_filter(
    query: CallbackQuery, callback_data: FilterCb, user: UserRecord, i18n: I18n,
    filter_store: FilterStore,
) -> None:
    filters, offered = await filter_store.load(user.id)
    filters = toggle(filters, callback_data.field, callback_data.index, offered)
    await filter_store.save(user.id, filters, offered)
    await edit(
        query, i18n.get(f"picker-{callback_data.field.value}"),
        picker_kb(callback_data.field, filters, offered, i18n),
    )
    await query.answer()
