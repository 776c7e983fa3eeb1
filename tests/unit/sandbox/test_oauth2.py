"""OAuth2: authorize2 + requesttoken, code lifetime, rotation, the duplicate guard, bearer checks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from sandbox.server import RunningSandbox, SandboxConfig, start
from tests.unit.sandbox.helpers import (
    CFG,
    REDIRECT,
    TIMEOUT,
    FakeClock,
    authorize_code,
    bearer_post,
    exchange,
    oauth2_link,
    refresh,
    requesttoken,
)

INVALID_TOKEN_REPLY = {
    "status": 401,
    "body": {},
    "error": "XRequestID: Not provided invalid_token: The access token provided is invalid",
}


def goals(base: str, token: str) -> dict:
    return bearer_post(base, "/v2/user", token, action="getgoals")


def test_code_flow_issues_wrapped_tokens(sandbox_clean) -> None:
    base = sandbox_clean.url
    reply = exchange(base, authorize_code(base, "10101"))
    assert reply["status"] == 0
    body = reply["body"]
    assert body["userid"] == 10101  # an int, as the OAS types it
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 10800
    assert body["scope"] == "user.metrics,user.activity"
    assert body["access_token"] and body["refresh_token"] and body["csrf_token"]
    assert goals(base, body["access_token"])["status"] == 0
    stats = sandbox_clean.stats()
    assert stats["oauth2_code_exchange"] == 1
    assert stats["oauth2_refresh"] == 0


def test_code_is_single_use(sandbox) -> None:
    base = sandbox.url
    code = authorize_code(base, "10102")
    assert exchange(base, code)["status"] == 0
    # an extra field makes it a new argument set, so the 10 s duplicate guard does not answer first
    second = requesttoken(
        base, grant_type="authorization_code", code=code, redirect_uri=REDIRECT, extra="retry"
    )
    assert second["status"] == 503
    assert second["error"] == "Invalid Params: invalid code"


def test_code_bound_to_redirect_uri_and_client(sandbox) -> None:
    base = sandbox.url
    code = authorize_code(base, "10103")
    assert exchange(base, code, redirect_uri="http://127.0.0.1:9/elsewhere")["status"] == 503
    bad_client = requesttoken(
        base,
        grant_type="authorization_code",
        code=code,
        redirect_uri=REDIRECT,
        client_secret="wrong",
    )
    assert bad_client["status"] == 503
    # neither failed attempt consumed it
    assert exchange(base, code)["status"] == 0


@pytest.fixture
def clocked() -> Iterator[tuple[RunningSandbox, FakeClock]]:
    """A sandbox whose OAuth lifetimes run on a clock the test moves (instead of sleeping)."""
    fake = FakeClock()
    running = start(SandboxConfig(), clock=fake)
    try:
        yield running, fake
    finally:
        running.stop()


def test_code_expires_after_code_ttl(clocked: tuple[RunningSandbox, FakeClock]) -> None:
    sandbox, clock = clocked
    base = sandbox.url
    in_time, too_late = authorize_code(base), authorize_code(base, "10106")
    clock.advance(CFG.code_ttl - 1)
    assert exchange(base, in_time)["status"] == 0
    clock.advance(2)
    reply = exchange(base, too_late)
    assert reply["status"] == 503
    assert reply["error"] == "Invalid Params: invalid code"


def test_access_token_expires_after_its_ttl(clocked: tuple[RunningSandbox, FakeClock]) -> None:
    sandbox, clock = clocked
    base = sandbox.url
    tokens = oauth2_link(base, "10104")
    assert tokens["expires_in"] == CFG.access_token_ttl
    clock.advance(CFG.access_token_ttl - 1)
    assert goals(base, tokens["access_token"])["status"] == 0
    clock.advance(2)
    assert goals(base, tokens["access_token"]) == INVALID_TOKEN_REPLY


def test_refresh_rotates_and_old_refresh_dies_once_new_access_is_used(sandbox_clean) -> None:
    base = sandbox_clean.url
    first = oauth2_link(base, "10105")
    # WHEN the client refreshes
    second_reply = refresh(base, first["refresh_token"])
    assert second_reply["status"] == 0
    second = second_reply["body"]
    assert second["access_token"] != first["access_token"]
    assert second["refresh_token"] != first["refresh_token"]
    # THEN the old access token still works until its own expiry
    assert goals(base, first["access_token"])["status"] == 0
    # AND the old refresh token still works while the new access token is unused (a lost reply is
    # recoverable) -- a different argument set, so the 10 s duplicate guard does not answer instead
    sandbox_clean.reset_stats()
    third_reply = requesttoken(
        base, grant_type="refresh_token", refresh_token=first["refresh_token"], state="again"
    )
    assert third_reply["status"] == 0
    third = third_reply["body"]
    # WHEN the newest access token is used on a data call
    assert goals(base, third["access_token"])["status"] == 0
    # THEN the refresh token it replaced is dead
    dead = requesttoken(base, grant_type="refresh_token", refresh_token=first["refresh_token"], state="x")
    assert dead["status"] == 503
    assert dead["error"] == "Invalid Params: invalid refresh_token"
    # AND the newest refresh token works
    assert refresh(base, third["refresh_token"])["status"] == 0
    assert sandbox_clean.stats()["oauth2_refresh"] == 2


def test_same_arguments_within_10_s_get_601(sandbox_clean) -> None:
    base = sandbox_clean.url
    tokens = oauth2_link(base, "10106")
    assert refresh(base, tokens["refresh_token"])["status"] == 0
    again = refresh(base, tokens["refresh_token"])
    assert again["status"] == 601
    assert 1 <= again["body"]["wait_seconds"] <= 10
    stats = sandbox_clean.stats()
    assert stats["oauth2_refresh"] == 1
    assert stats["oauth2_duplicate_refused"] == 1


def test_failed_requesttoken_is_not_a_duplicate(sandbox) -> None:
    base = sandbox.url
    assert refresh(base, "no-such-token")["status"] == 503
    assert refresh(base, "no-such-token")["status"] == 503


def test_expire_access_tokens_control(sandbox) -> None:
    base = sandbox.url
    tokens = oauth2_link(base, "10107")
    other = oauth2_link(base, "10108")
    sandbox.expire_access_tokens("10107")
    assert goals(base, tokens["access_token"]) == INVALID_TOKEN_REPLY
    assert goals(base, other["access_token"])["status"] == 0
    # refresh still works and its access token is fresh
    renewed = refresh(base, tokens["refresh_token"])["body"]
    assert goals(base, renewed["access_token"])["status"] == 0


def test_revoke_kills_access_and_refresh(sandbox) -> None:
    base = sandbox.url
    tokens = oauth2_link(base, "10109")
    sandbox.revoke_user("10109")
    assert goals(base, tokens["access_token"])["status"] == 401
    assert refresh(base, tokens["refresh_token"])["status"] == 503
    # linking again gives working tokens
    assert goals(base, oauth2_link(base, "10109")["access_token"])["status"] == 0


def test_token_in_form_or_query_for_old_clients(sandbox) -> None:
    base = sandbox.url
    token = oauth2_link(base, "10110")["access_token"]
    in_form = requests.post(f"{base}/v2/user", data={"action": "getgoals", "access_token": token}, timeout=5)
    in_query = requests.get(
        f"{base}/v2/user", params={"action": "getgoals", "access_token": token}, timeout=5
    )
    assert in_form.json()["status"] == 0
    assert in_query.json()["status"] == 0


def test_no_token_at_all_is_401(sandbox) -> None:
    reply = requests.post(f"{sandbox.url}/v2/user", data={"action": "getgoals"}, timeout=TIMEOUT).json()
    assert reply["status"] == 401


def test_requesttoken_errors(sandbox) -> None:
    base = sandbox.url
    no_action = requests.post(f"{base}/v2/oauth2", data={"grant_type": "refresh_token"}, timeout=5).json()
    assert no_action["status"] == 2554
    as_get = requests.get(f"{base}/v2/oauth2", params={"action": "requesttoken"}, timeout=5)
    assert as_get.status_code == 200
    assert as_get.json()["status"] == 503
    bad_grant = requesttoken(base, grant_type="password")
    assert bad_grant["status"] == 503
    unknown_client = requesttoken(base, grant_type="refresh_token", refresh_token="x", client_id="other")
    assert unknown_client["status"] == 503


@pytest.mark.parametrize(
    ("override", "why"),
    [
        ({"client_id": "someone-else"}, "unknown client"),
        ({"response_type": "token"}, "implicit grant"),
        ({"scope": "user.metrics user.activity"}, "space-separated scopes"),
        ({"scope": "user.everything"}, "unknown scope"),
        ({"redirect_uri": "not-a-url"}, "bad redirect"),
        ({"state": ""}, "no state"),
        ({"user": "99999"}, "unknown user"),
    ],
)
def test_authorize_refusals_are_pages_not_redirects(sandbox, override, why) -> None:
    params = {
        "response_type": "code",
        "client_id": CFG.client_id,
        "state": "s",
        "scope": "user.metrics,user.activity",
        "redirect_uri": REDIRECT,
        **override,
    }
    r = requests.get(
        f"{sandbox.url}/oauth2_user/authorize2", params=params, allow_redirects=False, timeout=TIMEOUT
    )
    assert r.status_code == 400, why
    assert "text/html" in r.headers["Content-Type"]


def test_authorize_keeps_existing_query_of_redirect_uri(sandbox) -> None:
    code = authorize_code(sandbox.url, redirect_uri="http://127.0.0.1:9/cb?vendor=M2X")
    assert code
    assert exchange(sandbox.url, code, redirect_uri="http://127.0.0.1:9/cb?vendor=M2X")["status"] == 0
