"""Mini App initData signed exactly like Telegram signs it for a WebApp launch."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from typing import Any
from urllib.parse import urlencode


def _field(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def sign_init_data(token: str, user: dict[str, Any], **extra: Any) -> str:
    """A query string with user, auth_date, query_id (+ extra fields) and a valid hash.

    secret = HMAC_SHA256(key=b"WebAppData", msg=token);
    hash = hex(HMAC_SHA256(key=secret, msg="\\n".join(sorted("k=v" for each field))).
    """
    fields = {
        "query_id": f"AAH{secrets.token_urlsafe(12)}",
        "user": user,
        "auth_date": int(time.time()),
        **extra,
    }
    encoded = {key: _field(value) for key, value in fields.items()}
    data_check_string = "\n".join(f"{key}={value}" for key, value in sorted(encoded.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    encoded["hash"] = hmac.new(secret, data_check_string.encode(), hashlib.sha256).hexdigest()
    return urlencode(encoded)
