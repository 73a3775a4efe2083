"""Contacts found in a post's text: the rules live in identity/ (pure text work the collector's
ingest path also calls); crm keeps this name for its callers."""

from identity.contacts import (
    company_name,
    emails,
    extract,
    normalise_phone,
    phones,
    telegram_usernames,
)

__all__ = ["company_name", "emails", "extract", "normalise_phone", "phones", "telegram_usernames"]
