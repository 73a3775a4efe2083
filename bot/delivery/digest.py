"""A queued weekly digest as Telegram sends it (an album with the text as its caption) and as
email (the same text with the charts inline)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BufferedInputFile, InputMediaPhoto

from crm.mail import InlineImage, Mail
from db.records.outbox import DueDelivery

CAPTION_LIMIT = 1024


async def send_digest(bot: Bot, chat: int, due: DueDelivery) -> None:
    text = str(due.notification.payload.get("text", ""))
    photos = [BufferedInputFile(png, f"chart-{n}.png") for n, png in enumerate(due.images)]
    if len(photos) >= 2:
        await bot.send_media_group(chat, [
            InputMediaPhoto(media=p, caption=text[:CAPTION_LIMIT] if n == 0 else None)
            for n, p in enumerate(photos[:10])
        ])
    elif photos:
        await bot.send_photo(chat, photos[0], caption=text[:CAPTION_LIMIT])
    else:
        await bot.send_message(chat, text[:4096])


def digest_mail(due: DueDelivery) -> Mail:
    assert due.user.email is not None  # crm.outbox cancels email rows without an address
    payload = due.notification.payload
    images = tuple(InlineImage(f"chart{n}", png) for n, png in enumerate(due.images))
    figures = "".join(
        f'<p><img src="cid:{image.cid}" width="640" alt=""></p>\n' for image in images
    )
    body = str(payload.get("text", "")).replace("\n", "<br>\n")
    return Mail(
        to=due.user.email, subject=str(payload.get("subject", "")),
        text=str(payload.get("plain", "")),
        html=f"<html><body><p>{body}</p>\n{figures}</body></html>", images=images,
    )
