"""The Withings half of linking, for either protocol: where to send the person, and what to do with
what Withings sends back. Withings errors pass through as WithingsError for the routes to explain."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from skill.linking.web import with_query
from skill.store import clock
from skill.store.records import LinkMode, OAuth1Secret

if TYPE_CHECKING:
    from skill.linking.context import LinkingContext
    from skill.store.records import PendingLink
    from skill.withings.auth import OAuth2Tokens
    from skill.withings.deadline import Deadline

MODES = frozenset(LinkMode)


@dataclass(frozen=True)
class Started:
    withings_url: str  # where the browser goes next
    request_token: str | None = field(default=None, repr=False)  # OAuth1 only
    request_secret: str | None = field(default=None, repr=False)


def start(ctx: LinkingContext, pending_id: str, deadline: Deadline) -> Started:
    settings = ctx.settings
    if settings.withings_auth == LinkMode.OAUTH1:
        from skill.withings import oauth1

        secret = ctx.consumer_secret()
        # Our pending id rides in the callback URL; Withings adds oauth_token, oauth_verifier, userid.
        callback = with_query(ctx.callback_url, {"state": pending_id})
        token = oauth1.get_request_token(
            settings.consumer_key, secret, settings.oauth1_url, callback, deadline=deadline
        )
        url = oauth1.authorize_url(settings.consumer_key, secret, settings.oauth1_url, token)
        return Started(url, token.token, token.secret)
    from skill.withings import oauth2

    return Started(oauth2.authorize_url(ctx.oauth2_client(), ctx.callback_url, pending_id))


def finish_oauth1(
    ctx: LinkingContext, pending: PendingLink, verifier: str, userid: str, deadline: Deadline
) -> OAuth1Secret:
    from skill.withings import oauth1

    settings = ctx.settings
    access = oauth1.get_access_token(
        settings.consumer_key,
        ctx.consumer_secret(),
        settings.oauth1_url,
        oauth1.RequestToken(token=pending.request_token or "", secret=pending.request_secret or ""),
        verifier,
        deadline=deadline,
        userid=userid or None,
    )
    return OAuth1Secret(token=access.token, token_secret=access.secret, userid=access.userid)


def finish_oauth2(ctx: LinkingContext, code: str, deadline: Deadline) -> OAuth2Tokens:
    """Exchange Withings' code at once: it lives 30 seconds."""
    from skill.withings import oauth2

    return oauth2.exchange_code(
        ctx.oauth2_client(), code, ctx.callback_url, deadline=deadline, now=clock.utcnow()
    )
