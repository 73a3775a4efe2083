"""Outreach templates: the variables they may use, checked when a template is saved (never
first at send time), and rendering from a card, its client and our bench."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from crm.errors import CrmInputError
from db.models.enums import LANGUAGES
from db.models.outreach import STEP_KINDS

VARIABLES = ("name", "title", "stack", "developers", "manager", "company")
BODY_MAX = 3000  # a Telegram message holds 4096; the rest is room for an edit
SUBJECT_MAX = 255
KEY_MAX = 64


@dataclass(frozen=True)
class TemplateDraft:
    key: str
    kind: str
    language: str
    body: str
    subject: str | None = None


def variables_of(text: str) -> set[str]:
    """The {names} a template uses; a lone brace is an error, `{{` is a literal brace."""
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError as exc:
        raise CrmInputError("outreach_template_braces", str(exc)) from exc


def check_template(draft: TemplateDraft) -> None:
    if not draft.key or len(draft.key) > KEY_MAX:
        raise CrmInputError("outreach_template_key", draft.key)
    if draft.kind not in STEP_KINDS or draft.language not in LANGUAGES:
        raise CrmInputError("outreach_template_kind", f"{draft.kind}/{draft.language}")
    if not draft.body.strip() or len(draft.body) > BODY_MAX:
        raise CrmInputError("outreach_template_length", str(len(draft.body)))
    if draft.kind == "email" and not (draft.subject or "").strip():
        raise CrmInputError("outreach_template_subject")
    if len(draft.subject or "") > SUBJECT_MAX:
        raise CrmInputError("outreach_template_length", str(len(draft.subject or "")))
    used = variables_of(draft.body) | variables_of(draft.subject or "")
    unknown = sorted(used - set(VARIABLES))
    if unknown:
        raise CrmInputError("outreach_template_variable", ", ".join(unknown))


def render(text: str, values: Mapping[str, str]) -> str:
    """Fills a checked template; a value missing here is an empty string, not an error."""
    return text.format_map({name: values.get(name, "") for name in VARIABLES})
