"""Stored Withings credentials → the RequestAuth a Withings call is made with (both modes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.store.records import OAuth1Secret
from skill.withings.auth import BearerAuth, OAuth1Credentials

if TYPE_CHECKING:
    from skill.store.records import Credentials
    from skill.withings.auth import RequestAuth


def request_auth(creds: Credentials, consumer_key: str, consumer_secret: str) -> RequestAuth:
    """OAuth1: a signer over the app's consumer pair and the user's token; OAuth2: the bearer token
    as stored (a refresh, where one is due, is the accounts layer's business, not this function's)."""
    if isinstance(creds, OAuth1Secret):
        from skill.withings.oauth1 import OAuth1Auth

        return OAuth1Auth(
            OAuth1Credentials(
                consumer_key=consumer_key,
                consumer_secret=consumer_secret,
                token=creds.token,
                token_secret=creds.token_secret,
                userid=creds.userid,
            )
        )
    return BearerAuth(creds.access_token)
