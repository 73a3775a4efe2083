from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, TextList, choice, created_at_column
from db.models.enums import LANGUAGES, USER_ROLES


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(128), unique=True)
    created_at: Mapped[datetime] = created_at_column()


class User(Base):
    """A person who uses the bot. Scopes: NULL means everything, an array limits what is seen."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    tg_user_id: Mapped[int] = mapped_column(sa.BigInteger, unique=True)
    first_name: Mapped[str] = mapped_column(sa.String(255), server_default="")
    username: Mapped[str | None] = mapped_column(sa.String(64))
    language: Mapped[str] = mapped_column(choice("language", LANGUAGES), server_default="ru")
    role: Mapped[str] = mapped_column(choice("user_role", USER_ROLES), server_default="manager")
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(server_default=sa.true())
    email: Mapped[str | None] = mapped_column(sa.String(255))
    email_enabled: Mapped[bool] = mapped_column(server_default=sa.false())
    timezone: Mapped[str] = mapped_column(sa.String(64), server_default="Europe/Moscow")
    scope_source_ids: Mapped[list[int] | None] = mapped_column(sa.ARRAY(sa.Integer))
    scope_roles: Mapped[list[str] | None] = mapped_column(TextList)
    pushes_paused_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    # The weekly chart digest; /settings turns it off.
    digest_enabled: Mapped[bool] = mapped_column(server_default=sa.true())
    created_at: Mapped[datetime] = created_at_column()


class Invite(Base):
    """A one-time deep-link code (t.me/<bot>?start=<code>) that admits a new user."""

    __tablename__ = "invites"

    code: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    role: Mapped[str] = mapped_column(choice("invite_role", USER_ROLES))
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id", ondelete="SET NULL"))
    created_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    expires_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    used_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    used_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at_column()
