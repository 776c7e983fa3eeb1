"""GET /link/authorize: check Alexa's request, remember it, and send the person to Withings."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

from skill.linking import pkce, withings_flow
from skill.linking.errors import AuthorizeRedirectError, PageError
from skill.linking.web import HttpResponse, parse_params, redirect, with_query
from skill.store.errors import StoreError
from skill.store.ids import new_secret_value
from skill.store.records import LinkMode, PendingLink
from skill.withings.errors import WithingsError

if TYPE_CHECKING:
    from skill.linking.context import LinkingContext
    from skill.linking.web import HttpRequest, Params
    from skill.withings.deadline import Deadline


def handle(request: HttpRequest, ctx: LinkingContext, deadline: Deadline) -> HttpResponse:
    params = parse_params(request.raw_query)
    redirect_uri = _trusted_redirect_uri(params, ctx)
    state = params.get("state")
    try:
        alexa_state, challenge = _validated(params)
    except AuthorizeRedirectError as exc:
        # §4.1.2.1: client and redirect_uri are good, so the error goes back to Alexa with its state.
        back = {"error": exc.error, "error_description": exc.description}
        if state and "state" not in params.repeated:
            back["state"] = state
        return redirect(with_query(redirect_uri, back), error=exc.error)

    if ctx.settings.withings_auth not in withings_flow.MODES or not ctx.public_base_url:
        raise PageError("server_error", 500, "misconfigured")
    pending_id = new_secret_value()
    try:
        started = withings_flow.start(ctx, pending_id, deadline)
    except WithingsError as exc:
        raise PageError("withings_unavailable", 502, f"withings_{type(exc).__name__}") from exc
    try:
        ctx.store.put_pending(
            pending_id,
            PendingLink(
                mode=LinkMode(ctx.settings.withings_auth),
                client_id=params.get("client_id"),
                redirect_uri=redirect_uri,
                alexa_state=alexa_state,
                code_challenge=challenge,
                request_token=started.request_token,
                request_secret=started.request_secret,
            ),
            deadline,
        )
    except StoreError as exc:
        raise PageError("server_error", 503, "store_unavailable") from exc
    return redirect(started.withings_url)


def _trusted_redirect_uri(params: Params, ctx: LinkingContext) -> str:
    """The redirect_uri, if client_id and redirect_uri are both exactly as registered; else a page.

    Never redirect anywhere not on the allow-list (an open redirector would leak codes)."""
    if {"client_id", "redirect_uri"} & params.repeated:
        raise PageError("bad_client", 400, "invalid_request")
    client_id, redirect_uri = params.get("client_id"), params.get("redirect_uri")
    expected = ctx.settings.link_client_id
    if not client_id or not expected or not hmac.compare_digest(client_id.encode(), expected.encode()):
        raise PageError("bad_client", 400, "invalid_client")
    if redirect_uri not in ctx.settings.link_redirect_uris:
        raise PageError("bad_client", 400, "invalid_redirect_uri")
    return redirect_uri


def _validated(params: Params) -> tuple[str, str | None]:
    """Alexa's state and the PKCE challenge (None without PKCE), or the error to send back."""
    if params.repeated:
        raise AuthorizeRedirectError("invalid_request", "a parameter was repeated")
    response_type = params.get("response_type")
    if not response_type:
        raise AuthorizeRedirectError("invalid_request", "response_type is required")
    if response_type == "token":
        raise AuthorizeRedirectError("unauthorized_client", "this client may only use the code grant")
    if response_type != "code":
        raise AuthorizeRedirectError("unsupported_response_type", "only response_type=code is supported")
    state = params.get("state")
    if not state:
        raise AuthorizeRedirectError("invalid_request", "state is required")
    try:
        challenge = pkce.checked_challenge(
            params.get("code_challenge") or None, params.get("code_challenge_method") or None
        )
    except pkce.PkceError as exc:
        raise AuthorizeRedirectError("invalid_request", str(exc)) from exc
    return state, challenge
