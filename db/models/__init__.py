"""Every model, imported so that Base.metadata knows all tables (Alembic, tests)."""

from db.models.accounts import CollectorAccount
from db.models.base import Base
from db.models.bench import BenchDeveloper
from db.models.card_messages import CardMessage
from db.models.cards import HiddenCard, LabelCorrection, RequestCard, RequestSource, TaxonomyAlias
from db.models.clients import Client, ClientEvidence, ClientKey, ClientState, Contact
from db.models.digests import ChartImage
from db.models.fits import BenchFit, FitPrefs
from db.models.outreach import (
    OutreachOptOut,
    OutreachPause,
    OutreachRun,
    OutreachStep,
    OutreachTemplate,
    OutreachTemplateStat,
)
from db.models.pipeline import Activity, Interview, StageChange, Submission, Task
from db.models.posts import Classification, Post, PostVersion
from db.models.searches import Notification, SavedSearch
from db.models.sources import ResolvedUsername, Source
from db.models.users import Invite, Team, User

__all__ = [
    "Activity",
    "Base",
    "BenchDeveloper",
    "BenchFit",
    "CardMessage",
    "ChartImage",
    "Classification",
    "Client",
    "ClientEvidence",
    "ClientKey",
    "ClientState",
    "CollectorAccount",
    "Contact",
    "FitPrefs",
    "HiddenCard",
    "Interview",
    "Invite",
    "LabelCorrection",
    "Notification",
    "OutreachOptOut",
    "OutreachPause",
    "OutreachRun",
    "OutreachStep",
    "OutreachTemplate",
    "OutreachTemplateStat",
    "Post",
    "PostVersion",
    "RequestCard",
    "RequestSource",
    "ResolvedUsername",
    "SavedSearch",
    "Source",
    "StageChange",
    "Submission",
    "Task",
    "TaxonomyAlias",
    "Team",
    "User",
]
