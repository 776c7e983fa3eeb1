"""What the store hands out and takes: frozen records, and the credentials' stored encoding."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from skill.store.errors import CredentialsUnreadable
from skill.withings.auth import OAuth2Tokens


class LinkMode(StrEnum):
    """The Withings protocol a link (and a linking flow) speaks: WITHINGS_AUTH's values."""

    OAUTH1 = "oauth1"
    OAUTH2 = "oauth2"


class LinkStatus(StrEnum):
    ACTIVE = "active"
    DEAD = "dead"  # Withings refused the grant itself: only linking again helps


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
    status: LinkStatus
    created_at: float
    lease_until: float | None = None
    lease_owner: str | None = None

    @property
    def mode(self) -> LinkMode:
        return mode_of(self.credentials)

    @property
    def dead(self) -> bool:
        return self.status is LinkStatus.DEAD

    def leased(self, now: float) -> bool:
        return self.lease_until is not None and self.lease_until > now


@dataclass(frozen=True)
class SubscriptionMark:
    """When a Withings user's notification subscriptions were last known complete (0: never), and
    the public base URL they were made with (a voice request has no host to build it from)."""

    checked_at: float
    base_url: str


@dataclass(frozen=True)
class PendingLink:
    """A linking flow between /link/authorize and /link/callback."""

    mode: LinkMode
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
class RefreshGrant:
    """What a refresh token issued to Alexa is bound to."""

    link_id: str
    client_id: str


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_in: int


def mode_of(creds: Credentials) -> LinkMode:
    return LinkMode.OAUTH1 if isinstance(creds, OAuth1Secret) else LinkMode.OAUTH2


def encode_credentials(creds: Credentials) -> bytes:
    doc: dict[str, Any]
    if isinstance(creds, OAuth1Secret):
        doc = {"m": LinkMode.OAUTH1, "t": creds.token, "s": creds.token_secret, "u": creds.userid}
    else:
        doc = {
            "m": LinkMode.OAUTH2,
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
        if doc["m"] == LinkMode.OAUTH1:
            return OAuth1Secret(token=doc["t"], token_secret=doc["s"], userid=str(doc["u"]))
        if doc["m"] == LinkMode.OAUTH2:
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
