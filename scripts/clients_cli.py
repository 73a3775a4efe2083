"""`radar clients …`: backfill clients of existing cards, recompute lifecycles now."""

from __future__ import annotations

import argparse
from typing import Any


def add_commands(commands: Any) -> None:
    parser = commands.add_parser("clients", help="client resolution and client analytics")
    sub = parser.add_subparsers(dest="clients_command", required=True)
    fill = sub.add_parser("backfill", help="give every existing card without a client its client")
    fill.add_argument("--no-ner", action="store_true", help="company names by rules only")
    fill.add_argument("--batch", type=int, default=500)
    fill.set_defaults(func=_backfill)
    again = sub.add_parser("recompute", help="recompute RFM, lifecycle and churn risk now")
    again.set_defaults(func=_recompute)
    learn = sub.add_parser("train", help="train and evaluate the next-needs recommender")
    learn.add_argument("--seed", type=int, default=13)
    learn.set_defaults(func=_train)


async def _backfill(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from crm.client_backfill import backfill
    from identity.ner import NerOrganisations, no_ner
    from scripts.database import open_uow

    async with open_uow() as uow:
        with tqdm(unit=" posts", desc="clients") as bar:
            def shown(done: Any) -> None:
                bar.n = done.posts
                bar.set_postfix(cards=done.linked_cards, clients=done.new_clients)
                bar.refresh()

            result = await backfill(uow, ner=no_ner if args.no_ner else NerOrganisations(),
                                    batch=args.batch, progress=shown)
    print(f"posts {result.posts}, cards linked {result.linked_cards}, "
          f"new clients {result.new_clients}, posts naming nobody {result.nobody}")
    return 0


async def _recompute(args: argparse.Namespace) -> int:
    from bot.i18n import Translator
    from bot.views.clients import churn_describer
    from crm.client_lifecycle import recompute
    from scripts.database import open_uow

    async with open_uow() as uow:
        # The same words as the nightly job's tasks, in each owner's language.
        result = await recompute(uow, describe=churn_describer(Translator()))
    print(f"clients {result.clients}, transitions {result.transitions}, tasks {result.tasks}")
    return 0


def _train(args: argparse.Namespace) -> int:
    from scripts.clients_posts import SHARED
    from scripts.clients_train import train

    if not (SHARED / "tg_jobs_wudmc").exists():
        print(f"the real posts are not at {SHARED}: nothing to train on")
        return 2
    version, result = train(args.seed)
    for name, figures in result.figures.items():
        print(f"{name:>20}: " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    verdict = "beats" if result.default == "network" else "does not beat"
    print(f"network {verdict} the client's own history: default = {result.default} "
          f"(seed {args.seed}, version {version}, sizes {result.sizes})")
    return 0
