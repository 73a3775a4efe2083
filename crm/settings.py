"""CRM knobs: when a quiet card needs a nudge, when interview reminders go out."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class CrmSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CRM_", env_file=".env", extra="ignore")

    # A card with no stage move for this many days gets one reminder to its owner.
    stale_after_days: int = Field(default=5, ge=1)
    stale_check_minutes: int = Field(default=60, ge=1)
    # The nightly client recompute (RFM, lifecycle, churn tasks): hour of day, UTC.
    clients_recompute_hour: int = Field(default=3, ge=0, le=23)
    # Interview reminders, minutes before the start (24 h and 1 h by default).
    interview_reminder_minutes: tuple[int, ...] = (24 * 60, 60)
    # A reminder whose moment passed while the scheduler was down is still sent this late.
    reminder_grace_seconds: int = Field(default=3600, ge=1)
    scheduler_table: str = "crm_scheduler_jobs"
