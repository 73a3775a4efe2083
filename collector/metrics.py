"""Prometheus series of the collector (served by the process's health endpoint when enabled)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge

POSTS_STORED = Counter("radar_posts_stored_total", "Posts inserted or changed by the collector")
POSTS_DELETED = Counter("radar_posts_deleted_total", "Posts marked deleted")
POSTS_CLASSIFIED = Counter("radar_posts_classified_total", "Posts classified")
CLASSIFY_ERRORS = Counter("radar_classify_errors_total", "Posts whose classification failed")
CARDS_CHANGED = Counter("radar_cards_changed_total", "Request cards created, merged or updated")
PENDING_POSTS = Gauge("radar_classify_pending", "Posts waiting for classification")
CHAT_ERRORS = Counter("radar_chat_errors_total", "Chats that failed a read", ["reason"])
