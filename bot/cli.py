"""`radar bot run`: the bot's composition root (engine, Redis, mailer, Bot, Dispatcher)."""

from __future__ import annotations

import argparse
import gc
from collections.abc import Coroutine
from typing import Any

from bot.settings import BotSettings, SmtpSettings
from crm.fit_settings import FitSettings
from crm.mail import Mailer, SmtpMailer
from crm.scheduler import CrmJobs, make_scheduler
from crm.settings import CrmSettings
from db.runtime import Database, open_database, open_redis
from db.settings import DbSettings, RedisSettings
from db.uow import UnitOfWork


class NullMailer:
    """Used when SMTP_HOST is empty: email pushes fail and retry until it is configured."""

    async def send(self, mail: Any) -> None:
        raise OSError("SMTP is not configured (SMTP_HOST is empty)")


def build_mailer(smtp: SmtpSettings) -> Mailer:
    if not smtp.host:
        return NullMailer()
    return SmtpMailer(
        smtp.host, smtp.port, smtp.sender, username=smtp.user,
        password=smtp.password.get_secret_value() if smtp.password else None,
        starttls=smtp.starttls,
    )


def build_crm_jobs(database: Database) -> CrmJobs:
    crm = CrmSettings()
    return CrmJobs(
        make_scheduler(database.url, crm), lambda: UnitOfWork(database.session_factory), crm
    )


async def run(settings: BotSettings) -> None:
    # aiogram takes seconds to import: only the command that runs the bot pays for it.
    from bot.app import build_bot, build_dispatcher, run_bot
    from bot.digest_jobs import DigestJobs
    from bot.settings import DigestSettings
    from crm.outreach_chains import load_chains
    from crm.outreach_settings import OutreachSettings

    # A bad chain file stops start-up before anything is opened.
    outreach_book = load_chains(OutreachSettings().chains_file)
    database = open_database(DbSettings())
    redis = open_redis(RedisSettings())
    bot = build_bot(settings)
    dispatcher = build_dispatcher(
        database.session_factory, redis, build_mailer(SmtpSettings()), settings,
        crm_jobs=build_crm_jobs(database), fit_settings=FitSettings(),
        digest_jobs=DigestJobs(DigestSettings(), lambda: UnitOfWork(database.session_factory),
                               redis),
        outreach_book=outreach_book,
    )
    # What start-up built lives as long as the process: frozen, a full collection walks only
    # what came after. A chart set's figures are cyclic garbage that only full collections
    # free, one every second set; over the ~360,000 start-up objects one took 0.4 s of the
    # set, frozen 0.08-0.15 s (bench/analytics.py freezes the same way).
    gc.collect()
    gc.freeze()
    try:
        await run_bot(bot, dispatcher, settings)
    finally:
        await redis.aclose()
        await database.engine.dispose()


def _run_command(args: argparse.Namespace) -> Coroutine[Any, Any, None]:
    # radar's main runs the coroutine (with /healthz when HEALTH_PORT is set) and turns a
    # settings ValidationError (e.g. BOT_TOKEN missing) into one line.
    return run(BotSettings())


def add_commands(subparsers: Any) -> None:
    """Mounts `bot run` on the top-level radar CLI."""
    bot_parser = subparsers.add_parser("bot", help="the Telegram bot")
    bot_commands = bot_parser.add_subparsers(dest="bot_command", required=True)
    run_parser = bot_commands.add_parser("run", help="poll (or serve the webhook) and deliver")
    run_parser.set_defaults(func=_run_command)
