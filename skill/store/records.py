"""What the store hands out: frozen records, parsed from items at the boundary."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from skill.store.errors import CredentialsUnreadable
from skill.withings.auth import OAuth2Tokens

MODE_OAUTH1 = "oauth1"
MODE_OAUTH2 = "oauth2"
STATUS_ACTIVE = "active"
STATUS_DEAD = "dead"  # Withings refused the credentials: only linking again helps


@dataclass(frozen=True)
class OAuth1Secret:
    """The per-user half of OAuth1 credentials; the consumer half comes from configuration."""

    token: str = field(repr=False)
    token_secret: str = field(repr=False)
    userid: str


Credentials = OAuth1Secret | OAuth2Tokens


@dataclass(frozen=True)
class Link:
    link_id: str
    credentials: Credentials
    version: int
    status: str
    created_at: float
    lease_until: float | None = None
    lease_owner: str | None = None

    @property
    def mode(self) -> str:
        return MODE_OAUTH1 if isinstance(self.credentials, OAuth1Secret) else MODE_OAUTH2

    @property
    def dead(self) -> bool:
        return self.status == STATUS_DEAD

    def leased(self, now: float) -> bool:
        return self.lease_until is not None and self.lease_until > now


@dataclass(frozen=True)
class PendingLink:
    """A linking flow between /link/authorize and /link/callback."""

    mode: str
    client_id: str
    redirect_uri: str
    alexa_state: str
    code_challenge: str | None = None
    # OAuth1 only: the request token and its secret (stored encrypted).
    request_token: str | None = field(default=None, repr=False)
    request_secret: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class CodeGrant:
    """What an authorization code is bound to (RFC 6749 §4.1.3 checks)."""

    link_id: str
    client_id: str
    redirect_uri: str
    code_challenge: str | None = None


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_in: int


def encode_credentials(creds: Credentials) -> bytes:
    doc: dict[str, Any]
    if isinstance(creds, OAuth1Secret):
        doc = {"m": MODE_OAUTH1, "t": creds.token, "s": creds.token_secret, "u": creds.userid}
    else:
        doc = {
            "m": MODE_OAUTH2,
            "a": creds.access_token,
            "r": creds.refresh_token,
            "e": creds.expires_at.timestamp(),
            "u": creds.userid,
            "sc": creds.scope,
        }
    return json.dumps(doc, separators=(",", ":")).encode()


def decode_credentials(raw: bytes) -> Credentials:
    try:
        doc = json.loads(raw)
        if doc["m"] == MODE_OAUTH1:
            return OAuth1Secret(token=doc["t"], token_secret=doc["s"], userid=str(doc["u"]))
        if doc["m"] == MODE_OAUTH2:
            return OAuth2Tokens(
                access_token=doc["a"],
                refresh_token=doc["r"],
                expires_at=datetime.fromtimestamp(float(doc["e"]), UTC),
                userid=str(doc["u"]),
                scope=str(doc.get("sc", "")),
            )
    except (ValueError, KeyError, TypeError) as exc:
        raise CredentialsUnreadable("stored credentials are malformed") from exc
    raise CredentialsUnreadable("unknown credentials mode")
