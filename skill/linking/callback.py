"""GET /link/callback: Withings sends the person back here. Consume the pending link exactly once,
get the Withings credentials (the OAuth2 code lives 30 s: exchanged right here), store them
encrypted, mint our single-use code, and send the browser to Alexa's redirect_uri?code&state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.linking import withings_flow
from skill.linking.errors import PageError
from skill.linking.web import HttpResponse, parse_params, redirect, with_query
from skill.observability import log_event
from skill.store.errors import ConditionFailed, CredentialsUnreadable, StoreError
from skill.store.ids import new_link_id, new_secret_value
from skill.store.records import CodeGrant, Credentials, LinkMode
from skill.withings.errors import WithingsError

if TYPE_CHECKING:
    from skill.linking.context import LinkingContext
    from skill.linking.web import HttpRequest, Params
    from skill.store.records import PendingLink
    from skill.withings.deadline import Deadline


def handle(request: HttpRequest, ctx: LinkingContext, deadline: Deadline) -> HttpResponse:
    params = parse_params(request.raw_query)
    state = params.get("state")
    if params.repeated or not state:
        raise PageError("bad_request", 400, "invalid_request")
    # Which protocol came back is visible from the parameters; the pending link must agree.
    oauth_token = params.get("oauth_token")
    if oauth_token:
        mode = LinkMode.OAUTH1
        if not params.get("oauth_verifier"):
            raise PageError("bad_request", 400, "invalid_request")
    elif params.get("code") or params.get("error"):
        mode = LinkMode.OAUTH2
    else:
        raise PageError("bad_request", 400, "invalid_request")

    try:
        pending = ctx.store.consume_pending(
            state, mode, oauth_token if mode == LinkMode.OAUTH1 else None, deadline
        )
    except ConditionFailed as exc:
        raise PageError("expired", 400, "invalid_state") from exc
    except CredentialsUnreadable as exc:
        raise PageError("expired", 400, "unreadable_state") from exc
    except StoreError as exc:
        raise PageError("server_error", 503, "store_unavailable") from exc

    if mode == LinkMode.OAUTH2 and params.get("error"):
        # The person declined at Withings (or Withings refused us): tell Alexa, per RFC 6749 §4.1.2.1.
        error = "access_denied" if params.get("error") == "access_denied" else "server_error"
        return redirect(
            with_query(pending.redirect_uri, {"error": error, "state": pending.alexa_state}), error=error
        )

    creds = _withings_credentials(ctx, pending, params, mode, deadline)
    link_id = new_link_id()
    code = new_secret_value()
    grant = CodeGrant(
        link_id=link_id,
        client_id=pending.client_id,
        redirect_uri=pending.redirect_uri,
        code_challenge=pending.code_challenge,
    )
    try:
        ctx.store.create_link(link_id, creds, code, grant, deadline)
    except StoreError as exc:
        raise PageError("server_error", 503, "store_unavailable") from exc
    if ctx.after_link is not None:
        try:
            ctx.after_link(creds, ctx.public_base_url, deadline)
        except Exception as exc:  # the link stands; the next question's reconcile subscribes
            log_event("link_subscribe", outcome="failed", error=type(exc).__name__)
    return redirect(with_query(pending.redirect_uri, {"code": code, "state": pending.alexa_state}))


def _withings_credentials(
    ctx: LinkingContext,
    pending: PendingLink,
    params: Params,
    mode: LinkMode,
    deadline: Deadline,
) -> Credentials:
    try:
        if mode == LinkMode.OAUTH1:
            return withings_flow.finish_oauth1(
                ctx, pending, params.get("oauth_verifier"), params.get("userid"), deadline
            )
        return withings_flow.finish_oauth2(ctx, params.get("code"), deadline)
    except WithingsError as exc:
        reason = "withings_unavailable" if exc.transient else "withings_refused"
        raise PageError(reason, 502, f"withings_{type(exc).__name__}") from exc
