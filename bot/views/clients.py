"""Texts of /clients and the client card; the churn task's title in the owner's language."""

from __future__ import annotations

from bot.i18n import I18n, Translator
from bot.views.client_features import features_lines
from bot.views.crm import esc, stage_name
from crm.client_lifecycle import Describe
from crm.client_rules import ChurnReason
from db.records.client_profiles import ClientPageRecord, ClientProfileRecord

HISTORY_SHOWN = 4


def clients_text(page: ClientPageRecord, i18n: I18n) -> str:
    if not page.total:
        return i18n.get("clients-empty")
    return i18n.get("clients-title", total=page.total, page=page.page + 1, pages=page.pages)


def _label(i18n: I18n, prefix: str, value: str | None) -> str:
    return i18n.get(f"{prefix}-{value}") if value else i18n.get("clients-not-computed")


def profile_text(p: ClientProfileRecord, i18n: I18n) -> str:
    lines = [f"<b>{esc(p.name)}</b> · #{p.id}"]
    lines.append(i18n.get("clients-owner", owner=esc(p.owner_name) if p.owner_name
                          else i18n.get("clients-no-owner")))
    lifecycle = _label(i18n, "clients-lifecycle", p.lifecycle)
    lines.append(i18n.get("clients-state", lifecycle=lifecycle,
                          segment=_label(i18n, "clients-segment", p.segment)))
    if p.churn_risk is None:
        lines.append(i18n.get("clients-churn-none"))
    else:
        key = "clients-churn-at-risk" if p.at_risk else "clients-churn"
        lines.append(i18n.get(key, percent=round(p.churn_risk * 100)))
    stats = p.stats
    if stats:
        lines.append(i18n.get("clients-rfm", recency=int(str(stats.get("recency_days", 0))),
                              recent=int(str(stats.get("recent", 0))),
                              value=int(str(stats.get("value", 0)))))
    lines.append(i18n.get("clients-requests", total=p.requests_total,
                          open=len(p.open_requests)))
    lines += [f"— {esc(r.title)}: {stage_name(i18n, r.stage)}" for r in p.open_requests]
    lines += features_lines(p.stats, int(str((p.stats or {}).get("requests", 0))), i18n)
    lines += [f"• {i18n.get('crm-contact-' + c.kind)}: {esc(c.value)}" for c in p.contacts]
    lines += [f"☑ {esc(t)}" for t in p.open_tasks]
    if p.history:
        changes = " ← ".join(
            f"{s.computed_at:%d.%m} {_label(i18n, 'clients-lifecycle', s.lifecycle)}"
            + (" ⚠" if s.at_risk else "") for s in p.history[:HISTORY_SHOWN])
        lines.append(i18n.get("clients-history", changes=changes))
    lines += needs_lines(p, i18n)
    also = p.stats.get("also_needed") if p.stats else None
    if isinstance(also, list) and also:
        shown = ", ".join(f"{esc(str(name).split(':', 1)[-1])} {round(float(score) * 100)}%"
                          for name, score in also)
        lines.append(i18n.get("clients-also-needed", needs=shown))
    return "\n".join(lines)


def needs_lines(p: ClientProfileRecord, i18n: I18n) -> list[str]:
    """Likely next needs by category with probabilities, and which scorer said so."""
    if not p.next_needs:
        return [i18n.get("clients-next-needs-none")]
    lines = [i18n.get(f"clients-needs-{p.needs_source.replace('_', '-')}")]
    by_category: dict[str, list[str]] = {}
    for need in p.next_needs:
        by_category.setdefault(need.category, []).append(
            f"{esc(need.value)} {round(need.probability * 100)}%")
    lines += [f"  {i18n.get('clients-category-' + c)}: {', '.join(v)}"
              for c, v in by_category.items()]
    return lines


def churn_describer(translator: Translator) -> Describe:
    """The churn task's title, in the owner's language: "6 frontend requests in 3 months,
    none for 5 weeks"."""

    def describe(reason: ChurnReason, client: str, language: str | None) -> str:
        i18n = translator.pick(language)
        return i18n.get(f"clients-task-{reason.state.replace('_', '-')}", client=client,
                        count=reason.requests, role=reason.role or "—",
                        weeks=reason.quiet_weeks)

    return describe
