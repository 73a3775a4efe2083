"""The closed vocabularies the database enforces; those other layers name too (stages, user
roles) are defined once in vocabulary/."""

from vocabulary import OPEN_STAGES, STAGES, USER_ROLES  # noqa: F401 (the models read them here)

SOURCE_KINDS = ("channel", "supergroup", "group", "private", "export")
CLASSIFY_STATES = ("pending", "done", "failed", "skipped")
CARD_KINDS = ("request", "offer")
POST_KINDS = ("request", "offer", "digest", "other")
LANGUAGES = ("ru", "en")
CHANNELS = ("telegram", "email")
DELIVERY_STATES = ("pending", "sent", "failed", "dead", "cancelled")
NOTIFICATION_KINDS = (
    "search_match", "reminder", "digest", "followup", "bench_fit", "fit_digest", "bench_stale",
)
FIT_DELIVERIES = ("push", "held", "digest")
FIT_VERDICTS = ("not_fit",)
CONTACT_KINDS = ("telegram", "email", "phone")
SUBMISSION_STATES = ("proposed", "interview", "passed", "failed", "no_show", "withdrawn")
INTERVIEW_OUTCOMES = ("passed", "failed", "no_show")
