"""Credentials and the one seam through which a data call is authorised.

OAuth1 data calls are signed GETs with every oauth_* parameter (and userid) in the query string;
OAuth2 data calls are form POSTs with `Authorization: Bearer`. The data client does not care which:
it hands the action's parameters to a RequestAuth and sends what comes back.

CONTRACT: skill/store persists these, skill/linking creates them, the voice layer passes them on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol


@dataclass(frozen=True)
class OAuth1Credentials:
    consumer_key: str
    consumer_secret: str = field(repr=False)
    token: str = field(repr=False)
    token_secret: str = field(repr=False)
    userid: str


@dataclass(frozen=True)
class OAuth2Tokens:
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: datetime  # aware UTC
    userid: str
    scope: str = ""

    def expires_within(self, seconds: float, now: datetime) -> bool:
        return self.expires_at - now <= timedelta(seconds=seconds)


@dataclass(frozen=True)
class PreparedRequest:
    method: str  # "GET" or "POST"
    url: str  # for OAuth1 GETs: the final signed URL, query included
    data: Mapping[str, str] = field(default_factory=dict)  # form body for POSTs
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)


class RequestAuth(Protocol):
    def prepare(self, url: str, params: Mapping[str, str]) -> PreparedRequest:
        """Turn an action's parameters (action=..., dates, offset) into an authorised request."""
        ...


@dataclass(frozen=True)
class BearerAuth:
    """OAuth2: form POST with the access token in the Authorization header (what Withings documents)."""

    access_token: str = field(repr=False)

    def prepare(self, url: str, params: Mapping[str, str]) -> PreparedRequest:
        return PreparedRequest(
            method="POST",
            url=url,
            data=dict(params),
            headers={"Authorization": f"Bearer {self.access_token}"},
        )
