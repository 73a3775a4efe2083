"""Senders for the outbox: a notification → Telegram message or email, and the outcome."""

from __future__ import annotations

import asyncio
import html
import re

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup

from bot.delivery.digest import digest_mail, send_digest
from bot.delivery.fit_messages import fit_message
from bot.delivery.outreach_messages import outreach_mail, outreach_message
from bot.delivery.pacing import CHAT_BUSY_WAIT_MAX_SECONDS, CHAT_WAIT_MAX_SECONDS, SendPacer
from bot.i18n import I18n, Translator
from bot.keyboards.card import card_kb
from bot.keyboards.outreach import with_reach_out
from bot.metrics import PUSHES
from bot.views.card import card_text
from bot.views.crm import reminder_text
from bot.views.html_cut import cut_html
from crm.mail import Mail, Mailer, MailRefused
from crm.outbox import SEND_TIMEOUT_SECONDS, Sender, SendOutcome, SendResult
from db.records.outbox import DueDelivery

_TAG = re.compile(r"<[^>]+>")


def push_text(due: DueDelivery, i18n: I18n) -> str:
    if due.notification.kind == "reminder":
        head = reminder_text(due.notification.payload, i18n, due.user.timezone)
    elif due.notification.payload.get("event") == "withdrawn":
        head = i18n.get("push-withdrawn",
                        title=html.escape(str(due.notification.payload.get("title") or "")))
    else:
        head = i18n.get("push-match", name=html.escape(due.search_name or ""))
    body = card_text(due.card, i18n, due.user.timezone) if due.card else ""
    return f"{head}\n\n{body}"


def push_kb(due: DueDelivery, i18n: I18n) -> InlineKeyboardMarkup | None:
    if due.card is None:
        return None
    markup = card_kb(due.card, i18n, due.user.id)
    # Offered only where pressing it can work: a card nobody owns yet, or the reader's own.
    if due.offer_outreach and due.card.owner_user_id in (None, due.user.id):
        markup = with_reach_out(markup, due.card.id, i18n)
    return markup


def html_to_plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


class TelegramSender:
    def __init__(
        self, bot: Bot, translator: Translator, pacer: SendPacer,
        timeout: float = SEND_TIMEOUT_SECONDS,
    ) -> None:
        self._bot, self._translator, self._pacer = bot, translator, pacer
        self._timeout = timeout

    async def __call__(self, due: DueDelivery) -> SendResult:
        chat = due.user.tg_user_id
        if not await self._pacer.chat_free(chat, CHAT_BUSY_WAIT_MAX_SECONDS):
            # Another send to it has had no answer for that long: it will time out.
            return SendResult(SendOutcome.RETRY_LATER, retry_after=CHAT_BUSY_WAIT_MAX_SECONDS,
                              error="chat busy")
        wait = self._pacer.chat_ready_in(chat)  # no await from here to reserve_chat
        if wait > CHAT_WAIT_MAX_SECONDS:  # Telegram said 429
            return SendResult(SendOutcome.RETRY_LATER, retry_after=wait, error="chat paused")
        wait = self._pacer.reserve_chat(chat)
        try:
            if wait > 0:
                await asyncio.sleep(wait)
            await self._pacer.wait_turn()
        except BaseException:  # cancelled or timed out before sending: the turn goes back
            self._pacer.chat_released(chat)
            raise
        i18n = self._translator.pick(due.user.language)
        text, markup = fit_message(due, i18n) or outreach_message(due, i18n) or (
            push_text(due, i18n), push_kb(due, i18n)
        )
        transient = False
        try:
            # Our deadline fires first, so a timeout is told apart from a refused connection:
            # only the first may have delivered the message.
            # An album of charts uploads several images: it gets three deadlines' worth.
            digest = due.notification.kind == "digest"
            async with asyncio.timeout(self._timeout * (3 if digest else 1)):
                if digest:
                    await send_digest(self._bot, chat, due)
                else:
                    await self._bot.send_message(
                        chat, cut_html(text), reply_markup=markup,
                        request_timeout=int(self._timeout) + 5,
                    )
        except TimeoutError:
            return SendResult(SendOutcome.UNCERTAIN, error=f"no answer in {self._timeout:g} s")
        except TelegramRetryAfter as exc:
            self._pacer.pause_chat(chat, exc.retry_after)
            return SendResult(
                SendOutcome.RETRY_LATER, retry_after=exc.retry_after, error=exc.message
            )
        except TelegramForbiddenError as exc:
            return SendResult(SendOutcome.FORBIDDEN, error=exc.message)
        except (TelegramNetworkError, TelegramServerError) as exc:
            # Only a refused connection proves the request never reached the server.
            reached = not exc.message.startswith("ClientConnectorError")
            transient = True
            return SendResult(SendOutcome.TRANSIENT, error=f"{type(exc).__name__}: {exc.message}",
                              maybe_delivered=reached)
        except TelegramAPIError as exc:
            return SendResult(SendOutcome.FAILED, error=f"{type(exc).__name__}: {exc.message}")
        finally:
            # A 5xx or a lost connection delivered nothing: its retry need not wait a second.
            self._pacer.chat_released(chat) if transient else self._pacer.chat_answered(chat)
        return SendResult(SendOutcome.SENT)


class EmailSender:
    def __init__(self, mailer: Mailer, translator: Translator) -> None:
        self._mailer, self._translator = mailer, translator

    async def __call__(self, due: DueDelivery) -> SendResult:
        if due.notification.kind == "followup":  # a chain's e-mail to a client
            return await self._send(outreach_mail(due))
        assert due.user.email is not None  # crm.outbox cancels email rows without an address
        i18n = self._translator.pick(due.user.language)
        body = push_text(due, i18n).replace("\n", "<br>\n")
        mail = digest_mail(due) if due.notification.kind == "digest" else Mail(
            to=due.user.email,
            subject=_subject(due, i18n),
            text=html_to_plain(push_text(due, i18n)),
            html=f"<html><body>{body}</body></html>",
        )
        return await self._send(mail)

    async def _send(self, mail: Mail) -> SendResult:
        try:
            await self._mailer.send(mail)
        except (OSError, TimeoutError) as exc:  # SMTP down or slow: not this message's fault
            return SendResult(SendOutcome.TRANSIENT, error=f"{type(exc).__name__}: {exc}")
        except MailRefused as exc:  # a bounce: no later try can deliver it
            return SendResult(SendOutcome.FAILED, error=f"refused: {exc}"[:500], permanent=True)
        except ValueError as exc:
            return SendResult(SendOutcome.FAILED, error=f"{type(exc).__name__}: {exc}")
        return SendResult(SendOutcome.SENT)


def _subject(due: DueDelivery, i18n: I18n) -> str:
    if due.notification.kind == "reminder":
        return html_to_plain(push_text(due, i18n).split("\n", 1)[0])
    return i18n.get("push-email-subject", name=due.search_name or "")


class ChannelSender:
    """Routes each notification to the sender of its channel."""

    def __init__(self, telegram: TelegramSender, email: EmailSender) -> None:
        self._by_channel: dict[str, Sender] = {"telegram": telegram, "email": email}

    async def __call__(self, due: DueDelivery) -> SendResult:
        channel = due.notification.channel
        result = await self._by_channel[channel](due)
        PUSHES.labels(channel, result.outcome.name.lower()).inc()
        return result
