from __future__ import annotations

from prometheus_client import Counter

PUSHES = Counter(
    "radar_pushes_total", "Notification delivery attempts by channel and outcome",
    ["channel", "outcome"],
)
