"""POST /link/token: Alexa trades our code (or refresh token) for our tokens. Touches only DynamoDB,
so it answers well inside Alexa's 4.5 s."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

from skill.linking import client_auth, pkce
from skill.linking.errors import OAuthError
from skill.linking.web import HttpResponse, json_response, parse_form
from skill.store.errors import ConditionFailed

if TYPE_CHECKING:
    from skill.linking.context import LinkingContext
    from skill.linking.web import HttpRequest, Params
    from skill.store.records import IssuedTokens
    from skill.withings.deadline import Deadline

# Grant types RFC 6749 defines that this client is simply not allowed to use.
_KNOWN_BUT_NOT_ALLOWED = frozenset({"password", "client_credentials", "implicit"})


def handle(request: HttpRequest, ctx: LinkingContext, deadline: Deadline) -> HttpResponse:
    form = parse_form(request)
    if not ctx.settings.link_client_id:
        raise OAuthError("server_error", "the token endpoint is not configured", status=500)
    client_id = client_auth.authenticate(
        request.headers, form, ctx.settings.link_client_id, ctx.link_client_secret
    )
    if form.repeated:
        raise OAuthError("invalid_request", "a parameter was repeated")
    grant_type = form.get("grant_type")
    if not grant_type:
        raise OAuthError("invalid_request", "grant_type is required")
    if grant_type == "authorization_code":
        issued = _authorization_code(form, client_id, ctx, deadline)
    elif grant_type == "refresh_token":
        issued = _refresh_token(form, client_id, ctx, deadline)
    elif grant_type in _KNOWN_BUT_NOT_ALLOWED:
        raise OAuthError("unauthorized_client", "this client may not use this grant type")
    else:
        raise OAuthError("unsupported_grant_type", "grant_type is not supported")
    return json_response(
        200,
        {
            "access_token": issued.access_token,
            "token_type": "Bearer",
            "expires_in": issued.expires_in,
            "refresh_token": issued.refresh_token,
        },
    )


def _authorization_code(
    form: Params, client_id: str, ctx: LinkingContext, deadline: Deadline
) -> IssuedTokens:
    code, redirect_uri, verifier = form.get("code"), form.get("redirect_uri"), form.get("code_verifier")
    if not code:
        raise OAuthError("invalid_request", "code is required")
    if not redirect_uri:
        # Alexa always sends redirect_uri at /link/authorize, so §4.1.3 makes it required here.
        raise OAuthError("invalid_request", "redirect_uri is required")
    if verifier and not pkce.well_formed_verifier(verifier):
        raise OAuthError("invalid_request", "code_verifier is malformed")
    # Check everything before consuming, so a refused request changes nothing stored.
    grant = ctx.store.peek_code(code, deadline)
    if grant is None:
        raise OAuthError("invalid_grant", "the code is invalid, expired or already used")
    if not hmac.compare_digest(grant.client_id.encode(), client_id.encode()):
        raise OAuthError("invalid_grant", "the code was issued to another client")
    if grant.redirect_uri != redirect_uri:
        raise OAuthError("invalid_grant", "redirect_uri does not match the authorization request")
    if grant.code_challenge:
        if not verifier or not pkce.verifier_matches(verifier, grant.code_challenge):
            raise OAuthError("invalid_grant", "code_verifier does not match")
    elif verifier:
        raise OAuthError("invalid_grant", "no code_challenge was sent for this code")
    try:
        return ctx.store.redeem_code(code, grant, deadline)
    except ConditionFailed as exc:
        # Someone redeemed it between our read and our write, it expired, or the link is gone.
        raise OAuthError("invalid_grant", "the code is invalid, expired or already used") from exc


def _refresh_token(form: Params, client_id: str, ctx: LinkingContext, deadline: Deadline) -> IssuedTokens:
    refresh_token = form.get("refresh_token")
    if not refresh_token:
        raise OAuthError("invalid_request", "refresh_token is required")
    grant = ctx.store.peek_refresh(refresh_token, deadline)
    if grant is None:
        raise OAuthError("invalid_grant", "the refresh token is invalid or expired")
    if not hmac.compare_digest(grant.client_id.encode(), client_id.encode()):
        raise OAuthError("invalid_grant", "the refresh token was issued to another client")
    try:
        return ctx.store.rotate_refresh(refresh_token, grant, deadline)
    except ConditionFailed as exc:
        # Expired meanwhile, or the link is dead (Withings refused it) or gone: Alexa must re-link.
        raise OAuthError("invalid_grant", "the refresh token is no longer valid") from exc
