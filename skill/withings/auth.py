"""Credentials and the one seam through which a data call is authorised.

OAuth1 data calls are signed GETs with every oauth_* parameter (and userid) in the query string;
OAuth2 data calls are form POSTs with `Authorization: Bearer`. The data client does not care which:
it hands the action's parameters to a RequestAuth and sends what comes back.

CONTRACT: skill/store persists these, skill/linking creates them, the voice layer passes them on.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import NamedTuple, Protocol

# NamedTuples rather than frozen dataclasses: importing `dataclasses` (it pulls in `inspect`) and
# creating the classes would be most of the data client's import cost (BENCHMARKS.md). Each repr
# leaves the secrets out.

_NOTHING: Mapping[str, str] = MappingProxyType({})


class OAuth1Credentials(NamedTuple):
    consumer_key: str
    consumer_secret: str
    token: str
    token_secret: str
    userid: str

    def __repr__(self) -> str:
        return f"OAuth1Credentials(consumer_key={self.consumer_key!r}, userid={self.userid!r})"


class OAuth2Tokens(NamedTuple):
    access_token: str
    refresh_token: str
    expires_at: datetime  # aware UTC
    userid: str
    scope: str = ""

    def __repr__(self) -> str:
        return f"OAuth2Tokens(expires_at={self.expires_at!r}, userid={self.userid!r}, scope={self.scope!r})"

    def expires_within(self, seconds: float, now: datetime) -> bool:
        return self.expires_at - now <= timedelta(seconds=seconds)


class PreparedRequest(NamedTuple):
    method: str  # "GET" or "POST"
    url: str  # for OAuth1 GETs: the final signed URL, query included
    data: Mapping[str, str] = _NOTHING  # form body for POSTs
    headers: Mapping[str, str] = _NOTHING

    def __repr__(self) -> str:
        # Neither the query (OAuth1 puts the token there), the form (client secret, refresh token)
        # nor the headers (the bearer token).
        return f"PreparedRequest(method={self.method!r}, url={self.url.partition('?')[0]!r})"


class RequestAuth(Protocol):
    def prepare(self, url: str, params: Mapping[str, str]) -> PreparedRequest:
        """Turn an action's parameters (action=..., dates, offset) into an authorised request."""
        ...


class BearerAuth(NamedTuple):
    """OAuth2: form POST with the access token in the Authorization header (what Withings documents)."""

    access_token: str

    def __repr__(self) -> str:
        return "BearerAuth(access_token=***)"

    def prepare(self, url: str, params: Mapping[str, str]) -> PreparedRequest:
        return PreparedRequest(
            method="POST",
            url=url,
            data=dict(params),
            headers={"Authorization": f"Bearer {self.access_token}"},
        )
