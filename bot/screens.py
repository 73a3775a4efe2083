"""Every screen of the bot in one place: its handler module, the callback data its buttons
carry, the bot/keyboards/ modules that draw it and the states of its prompts (declared in the
handler module itself). tests/unit/test_screens.py holds this index to the code: every
CallbackData class and every StatesGroup is listed, each listed callback is filtered by its
screen's handlers and each listed keyboard module is theirs."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import StatesGroup

from bot.callbacks import (
    CardCb,
    CorrectCb,
    FeedCb,
    FilterCb,
    InviteCb,
    MenuCb,
    PageCb,
    ScopeCb,
    SearchCb,
    SettingsCb,
)
from bot.callbacks_bench import BenchFormCb, OfferPersonCb
from bot.callbacks_clients import ClientsCb, ProfileCb, SplitCb
from bot.callbacks_crm import (
    BenchCb,
    BenchFieldCb,
    BenchPickCb,
    ClientCb,
    DayCb,
    LostCb,
    MyCb,
    OfferCb,
    OutcomeCb,
    PipeCb,
    ProposeCb,
    StageCb,
    TaskCb,
    TimeCb,
)
from bot.callbacks_fit import DevFitCb, FitCb, FitListCb, FitPrefsCb
from bot.callbacks_pages import ListPageCb
from bot.callbacks_proposal import ScheduleCb
from bot.callbacks_sources import SourceCb
from bot.callbacks_stats import StatsCb
from bot.callbacks_teams import MemberCb, ReassignCb, SourceScopeCb, TeamCb
from bot.callbacks_ui import FoundCb, PromptCb, UndoCb
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
    feed,
    find,
    full_text,
    menu,
    offer_people,
    prompts,
    searches,
    settings,
    sources,
    stats,
    teams,
)


@dataclass(frozen=True)
class Screen:
    handlers: ModuleType
    callbacks: tuple[type[CallbackData], ...]
    keyboards: tuple[str, ...] = ()  # module names under bot/keyboards/
    states: tuple[type[StatesGroup], ...] = ()


SCREENS: tuple[Screen, ...] = (
    Screen(admin, (InviteCb, ScopeCb), keyboards=("admin",)),
    Screen(bench_fit, (FitCb, FitListCb, FitPrefsCb), keyboards=("bench_fit",)),
    Screen(bench_fit_developer, (DevFitCb,), keyboards=("bench_fit",)),
    Screen(cards, (CardCb, CorrectCb, UndoCb), keyboards=("card", "undo")),
    Screen(
        clients,
        (ClientsCb, ProfileCb, SplitCb),
        keyboards=("clients",),
        states=(clients.ClientEditStates,),
    ),
    Screen(crm_agenda, (ListPageCb,), keyboards=("pager",)),
    Screen(crm_bench, (BenchCb, ListPageCb), keyboards=("crm_bench", "pager")),
    Screen(
        crm_bench_form,
        (BenchCb, BenchFieldCb, BenchFormCb, BenchPickCb),
        keyboards=("bench_form", "crm_bench", "prompts"),
        states=(crm_bench_form.BenchForm, crm_bench_form.BenchEdit),
    ),
    Screen(crm_interviews, (DayCb, OutcomeCb, TimeCb), keyboards=("crm_interview",)),
    Screen(crm_lists, (ListPageCb, MyCb), keyboards=("crm_pipeline", "pager")),
    Screen(
        crm_match,
        (ListPageCb, PipeCb, ProposeCb, ScheduleCb),
        keyboards=("crm_interview", "crm_match", "pager"),
    ),
    Screen(
        crm_notes,
        (ClientCb, ListPageCb, PipeCb, TaskCb),
        keyboards=("crm_notes", "pager"),
        states=(crm_notes.TaskStates, crm_notes.ClientNoteStates),
    ),
    Screen(
        crm_pipeline,
        (LostCb, PipeCb, StageCb),
        keyboards=("crm_interview", "crm_notes", "crm_pipeline", "dossier"),
        states=(crm_pipeline.NoteStates,),
    ),
    Screen(crm_reassign, (ReassignCb,)),
    Screen(feed, (FeedCb, FilterCb, MenuCb, PageCb), keyboards=("card", "feed")),
    Screen(find, (FoundCb,), keyboards=("card", "find", "menu", "searches")),
    Screen(full_text, (ListPageCb,), keyboards=("pager",)),
    Screen(menu, (MenuCb,), keyboards=("menu",)),
    Screen(offer_people, (OfferCb, OfferPersonCb), keyboards=("crm_bench",)),
    Screen(prompts, (PromptCb,)),
    Screen(
        searches,
        (FeedCb, ListPageCb, MenuCb, SearchCb),
        keyboards=("pager", "searches", "undo"),
        states=(searches.SearchStates,),
    ),
    Screen(
        settings,
        (MenuCb, SettingsCb),
        keyboards=("settings",),
        states=(settings.SettingsStates,),
    ),
    Screen(
        sources,
        (ListPageCb, SourceCb),
        keyboards=("pager", "sources"),
        states=(sources.SourceStates,),
    ),
    Screen(stats, (MenuCb, StatsCb), keyboards=("stats",)),
    Screen(
        teams,
        (ListPageCb, MemberCb, SourceScopeCb, TeamCb),
        keyboards=("pager", "teams"),
        states=(teams.TeamStates,),
    ),
)
