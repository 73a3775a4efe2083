"""Update delivery methods: getUpdates and the webhook trio."""

from __future__ import annotations

import re
from typing import Any

from sandbox.errors import bad_request, conflict
from sandbox.methods.common import Params, Uploads
from sandbox.state import SandboxState
from sandbox.updates import WebhookDelivery
from sandbox.validation import as_int

MAX_UPDATES_PER_CALL = 100
_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


async def get_updates(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    if state.webhook is not None:
        raise conflict(
            "can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first"
        )
    limit = as_int(params.get("limit", MAX_UPDATES_PER_CALL), "limit")
    limit = min(max(limit, 1), MAX_UPDATES_PER_CALL)
    timeout = max(0, as_int(params.get("timeout", 0), "timeout"))
    offset = params.get("offset")
    state.updates.set_allowed(params.get("allowed_updates"))
    return await state.updates.get(
        None if offset is None else as_int(offset, "offset"), limit, timeout
    )


async def _stop_webhook(state: SandboxState) -> None:
    if state.webhook is not None:
        await state.webhook.stop()
    state.webhook = None
    state.webhook_settings = {}


async def set_webhook(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    url = str(params.get("url") or "")
    if not url:
        return await delete_webhook(state, params, uploads)
    if not re.match(r"^https?://\S+$", url):
        raise bad_request("bad webhook: invalid URL")
    secret_token = params.get("secret_token")
    if secret_token is not None and not _SECRET_TOKEN.match(str(secret_token)):
        raise bad_request("secret token contains unallowed characters")
    if state.webhook_reply_handler is None:
        raise RuntimeError("the emulator did not install a webhook reply handler")
    await _stop_webhook(state)
    if params.get("drop_pending_updates"):
        state.updates.drop_pending()
    state.updates.set_allowed(params.get("allowed_updates"))
    state.webhook = WebhookDelivery(state.updates, url, secret_token, state.webhook_reply_handler)
    state.webhook_settings = {
        "max_connections": as_int(params.get("max_connections", 40), "max_connections"),
    }
    state.webhook.start()
    return True


async def delete_webhook(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    await _stop_webhook(state)
    if params.get("drop_pending_updates"):
        state.updates.drop_pending()
    return True


async def get_webhook_info(state: SandboxState, params: Params, uploads: Uploads) -> Any:
    info: dict[str, Any] = {
        "url": state.webhook.url if state.webhook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(state.updates),
    }
    if state.webhook is not None:
        info.update(state.webhook_settings)
        if state.updates.allowed_updates:
            info["allowed_updates"] = state.updates.allowed_updates
        if state.webhook.last_error_date is not None:
            info["last_error_date"] = state.webhook.last_error_date
            info["last_error_message"] = state.webhook.last_error_message
    return info
