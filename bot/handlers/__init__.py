"""Routers in order: errors, /start, admin, members' features, members' catch-all, strangers."""

from __future__ import annotations

from aiogram import Router

from bot.filters import IsAdmin, IsMember
from bot.handlers import (
    admin,
    bench_fit,
    bench_fit_developer,
    cards,
    clients,
    crm_agenda,
    crm_bench,
    crm_bench_form,
    crm_interviews,
    crm_lists,
    crm_match,
    crm_notes,
    crm_pipeline,
    crm_reassign,
    errors,
    feed,
    find,
    full_text,
    menu,
    offer_people,
    outreach,
    prompts,
    review,
    searches,
    settings,
    sources,
    stale_buttons,
    start,
    stats,
    strangers,
    teams,
)


def _detached(router: Router) -> Router:
    """Feature routers are module singletons and aiogram allows one parent; tests and the demo
    build several Dispatchers in one process, so a new assembly takes them from the old one."""
    old = router.parent_router
    if old is not None:
        old.sub_routers.remove(router)
        router._parent_router = None
    return router


def get_routers() -> list[Router]:
    admin_router = Router(name="admins")
    admin_router.message.filter(IsAdmin())
    admin_router.callback_query.filter(IsAdmin())
    admin_router.include_routers(_detached(admin.router), _detached(teams.router))

    members = Router(name="members")
    members.message.filter(IsMember())
    members.callback_query.filter(IsMember())
    # Feature routers before the members' catch-all text handler in menu.
    features = (
        prompts.router, feed.router, cards.router, searches.router, settings.router,
        crm_pipeline.router, crm_lists.router, full_text.router, crm_reassign.router,
        crm_agenda.router, crm_match.router, crm_interviews.router, crm_bench.router,
        crm_bench_form.router, offer_people.router, crm_notes.router, sources.router,
        bench_fit.router, bench_fit_developer.router, stats.router, clients.router,
        find.router, outreach.router, review.router, menu.router, stale_buttons.router,
    )
    members.include_routers(*(_detached(r) for r in features))
    return [_detached(r) for r in (errors.router, start.router)] + [
        admin_router, members, _detached(strangers.router),
    ]
