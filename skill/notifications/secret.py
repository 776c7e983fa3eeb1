"""The per-user secret in a subscription's callback URL: a MAC of the Withings userid.

Notifications are unsigned (withings-api.md, notifications addendum), so the only proof that a POST
speaks for a user is that it came to the URL we registered for that user. The MAC key is derived
from TOKEN_KEY with HMAC-SHA256 under a fixed label (a standard PRF-based derivation, stdlib only):
no new secret to provision, and it can never be confused with the AES-GCM key the same bytes make.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Final

CALLBACK_PATH: Final = "/withings/notify"  # our route on the HTTP API (template.yaml)
SECRET_PARAM: Final = "s"  # noqa: S105 - the query parameter's name, not a secret
_LABEL: Final = b"withings-notify-callback-v1"
_MAC_BYTES: Final = 16  # 128 bits: unguessable, and the URL stays far below Withings' 255 characters


def derive_key(token_key: bytes) -> bytes:
    return hmac.new(token_key, _LABEL, hashlib.sha256).digest()


def user_secret(key: bytes, withings_userid: str) -> str:
    mac = hmac.new(key, withings_userid.encode("utf-8"), hashlib.sha256).digest()[:_MAC_BYTES]
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


def matches(key: bytes, withings_userid: str, presented: str) -> bool:
    return hmac.compare_digest(user_secret(key, withings_userid), presented)


def callback_url(public_base_url: str, key: bytes, withings_userid: str) -> str:
    """The URL one user is subscribed with (the same for every appli, so revoke can name it)."""
    base = public_base_url.rstrip("/")
    return f"{base}{CALLBACK_PATH}?{SECRET_PARAM}={user_secret(key, withings_userid)}"
