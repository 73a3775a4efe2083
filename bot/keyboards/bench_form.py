"""The bench form on one screen: every field with its value, a button to fill each, save."""

from __future__ import annotations

import html

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_bench import BenchFormCb, FormAction
from bot.callbacks_crm import BenchField
from bot.i18n import I18n
from bot.keyboards.crm_bench import CHOICES, choice_label
from bot.views.labels import amount as amount_text
from crm.bench_fields import parse_rate

VALUE_MAX = 60


def form_text(answers: dict[str, str], i18n: I18n, hint: str = "") -> str:
    lines = [i18n.get("bench-form-title")]
    for field in BenchField:
        raw = answers.get(field.value)
        if raw is None or raw == "-":
            value = "—"
        elif field in CHOICES:
            value = html.escape(choice_label(field, raw, i18n))
        elif field == BenchField.rate:
            value = rate_value(raw, i18n)
        else:
            value = html.escape(raw[:VALUE_MAX])
        lines.append(f"{i18n.get(f'crm-field-{field.value}')}: {value}")
    lines += ["", hint or i18n.get("bench-form-hint"), i18n.get("prompt-how-to-cancel")]
    return "\n".join(lines)


def rate_value(raw: str, i18n: I18n) -> str:
    """What was typed and how it was read: "от 250к в месяц → 250 000 RUB / месяц"."""
    amount, currency, period = parse_rate(raw)
    read = f"{amount_text(amount)} {currency} / {i18n.get('per-' + period)}"
    return f"{html.escape(raw[:VALUE_MAX])} → {read}"


def form_kb(answers: dict[str, str], i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for field in BenchField:
        mark = "✓ " if field.value in answers else "✏️ "
        builder.button(text=mark + i18n.get(f"crm-field-{field.value}"),
                       callback_data=BenchFormCb(action=FormAction.fill, field=field))
    builder.button(text=i18n.get("bench-form-save"),
                   callback_data=BenchFormCb(action=FormAction.save))
    builder.button(text=i18n.get("bench-form-cancel"),
                   callback_data=BenchFormCb(action=FormAction.cancel))
    builder.adjust(3, 3, 3, 2)
    return builder.as_markup()
