"""Who the caller is and the page's texts in their language (every text is a Fluent key)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from aiohttp import web
from fluent.syntax import FluentParser, ast

from bot.callbacks_crm import LostReason
from bot.i18n import LOCALES_DIR, I18n
from bot.views.labels import label
from bot.webapp.api_charts import chart_choices, chart_texts
from bot.webapp.api_clients import client_choices, client_texts
from bot.webapp.context import i18n_of, user_of
from crm.corrections import FIELDS
from crm.pipeline import TRANSITIONS
from db.models.enums import INTERVIEW_OUTCOMES
from db.records.board import BOARD_PERIODS
from db.records.feed import GRADES
from vocabulary import STAGES

PAGE_TEXTS_FILE = "miniapp.ftl"


@cache
def page_keys(locales_dir: Path = LOCALES_DIR) -> tuple[str, ...]:
    """The ids of locales/en/miniapp.ftl (the locale test keeps ru in step)."""
    resource = FluentParser().parse((locales_dir / "en" / PAGE_TEXTS_FILE).read_text("utf-8"))
    return tuple(entry.id.name for entry in resource.body if isinstance(entry, ast.Message))


def texts(i18n: I18n) -> dict[str, str]:
    found = {key: i18n.get(key) for key in page_keys()}
    found.update({f"stage-{s}": i18n.get(f"stage-{s}") for s in STAGES})
    found.update({f"lost-{r.value}": i18n.get(f"crm-lost-{r.value}") for r in LostReason})
    found.update({f"outcome-{o}": i18n.get(f"crm-outcome-{o}") for o in INTERVIEW_OUTCOMES})
    for field, (_, vocabulary, _many) in FIELDS.items():
        found.update({f"label-{field}-{v}": label(i18n, field, v) for v in vocabulary})
    found.update(chart_texts(i18n))
    found.update(client_texts(i18n))
    return found


async def get_me(request: web.Request) -> web.Response:
    user = user_of(request)
    return web.json_response({
        "user": {"id": user.id, "name": user.first_name, "role": user.role,
                 "team_id": user.team_id, "language": user.language,
                 "timezone": user.timezone},
        "texts": texts(i18n_of(request)),
        "stages": list(STAGES), "transitions": {k: list(v) for k, v in TRANSITIONS.items()},
        "lost_reasons": [r.value for r in LostReason], "outcomes": list(INTERVIEW_OUTCOMES),
        "periods": list(BOARD_PERIODS), "grades": list(GRADES),
        "label_fields": {field: list(vocabulary) for field, (_, vocabulary, _m) in FIELDS.items()},
        **chart_choices(), **client_choices(),
    })


def me_routes() -> list[web.RouteDef]:
    return [web.get("/miniapp/api/me", get_me)]
