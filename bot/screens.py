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

from bot import handlers
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
from bot.callbacks_outreach import OutreachCb, SearchOfferCb, TemplateCb
from bot.callbacks_pages import ListPageCb
from bot.callbacks_proposal import ScheduleCb
from bot.callbacks_review import ReviewCb
from bot.callbacks_sources import SourceCb
from bot.callbacks_stats import StatsCb
from bot.callbacks_teams import MemberCb, ReassignCb, SourceScopeCb, TeamCb
from bot.callbacks_ui import FoundCb, PromptCb, UndoCb


@dataclass(frozen=True)
class Screen:
    handlers: ModuleType
    callbacks: tuple[type[CallbackData], ...]
    keyboards: tuple[str, ...] = ()  # module names under bot/keyboards/
    states: tuple[type[StatesGroup], ...] = ()


SCREENS: tuple[Screen, ...] = (
    Screen(handlers.admin, (InviteCb, ScopeCb), keyboards=("admin",)),
    Screen(handlers.bench_fit, (FitCb, FitListCb, FitPrefsCb), keyboards=("bench_fit",)),
    Screen(handlers.bench_fit_developer, (DevFitCb,), keyboards=("bench_fit",)),
    Screen(handlers.cards, (CardCb, CorrectCb, UndoCb), keyboards=("card", "undo")),
    Screen(
        handlers.clients,
        (ClientsCb, ProfileCb, SplitCb),
        keyboards=("clients",),
        states=(handlers.clients.ClientEditStates,),
    ),
    Screen(handlers.crm_agenda, (ListPageCb,), keyboards=("pager",)),
    Screen(handlers.crm_bench, (BenchCb, ListPageCb), keyboards=("crm_bench", "pager")),
    Screen(
        handlers.crm_bench_form,
        (BenchCb, BenchFieldCb, BenchFormCb, BenchPickCb),
        keyboards=("bench_form", "crm_bench", "prompts"),
        states=(handlers.crm_bench_form.BenchForm, handlers.crm_bench_form.BenchEdit),
    ),
    Screen(handlers.crm_interviews, (DayCb, OutcomeCb, TimeCb), keyboards=("crm_interview",)),
    Screen(handlers.crm_lists, (ListPageCb, MyCb), keyboards=("crm_pipeline", "pager")),
    Screen(
        handlers.crm_match,
        (ListPageCb, PipeCb, ProposeCb, ScheduleCb),
        keyboards=("crm_interview", "crm_match", "pager"),
    ),
    Screen(
        handlers.crm_notes,
        (ClientCb, ListPageCb, PipeCb, TaskCb),
        keyboards=("crm_notes", "pager"),
        states=(handlers.crm_notes.TaskStates, handlers.crm_notes.ClientNoteStates),
    ),
    Screen(
        handlers.crm_pipeline,
        (LostCb, PipeCb, StageCb),
        keyboards=("crm_interview", "crm_notes", "crm_pipeline", "dossier"),
        states=(handlers.crm_pipeline.NoteStates,),
    ),
    Screen(handlers.crm_reassign, (ReassignCb,)),
    Screen(handlers.feed, (FeedCb, FilterCb, MenuCb, PageCb), keyboards=("card", "feed")),
    Screen(handlers.find, (FoundCb,), keyboards=("card", "find", "menu", "searches")),
    Screen(handlers.full_text, (ListPageCb,), keyboards=("pager",)),
    Screen(handlers.menu, (MenuCb,), keyboards=("menu",)),
    Screen(handlers.offer_people, (OfferCb, OfferPersonCb), keyboards=("crm_bench",)),
    Screen(
        handlers.outreach,
        (OutreachCb, TemplateCb),
        keyboards=("outreach",),
        states=(handlers.outreach.OutreachStates,),
    ),
    Screen(handlers.prompts, (PromptCb,)),
    Screen(handlers.review, (ReviewCb,), keyboards=("review",)),
    Screen(
        handlers.searches,
        (FeedCb, ListPageCb, MenuCb, SearchCb, SearchOfferCb),
        keyboards=("pager", "searches", "undo"),
        states=(handlers.searches.SearchStates,),
    ),
    Screen(
        handlers.settings,
        (MenuCb, SettingsCb),
        keyboards=("settings",),
        states=(handlers.settings.SettingsStates,),
    ),
    Screen(
        handlers.sources,
        (ListPageCb, SourceCb),
        keyboards=("pager", "sources"),
        states=(handlers.sources.SourceStates,),
    ),
    Screen(handlers.stats, (MenuCb, StatsCb), keyboards=("stats",)),
    Screen(
        handlers.teams,
        (ListPageCb, MemberCb, SourceScopeCb, TeamCb),
        keyboards=("pager", "teams"),
        states=(handlers.teams.TeamStates,),
    ),
)
