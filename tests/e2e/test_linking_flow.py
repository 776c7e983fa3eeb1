"""The whole account-linking flow in both Withings modes, through lambda_function.lambda_handler with
HTTP API v2 events, against the Withings sandbox and DynamoDB Local."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterator
from typing import Any

import pytest

from sandbox.server import RunningSandbox
from skill.withings.deadline import Deadline
from tests.e2e.test_linking_harness import (
    CLIENT_ID,
    CLIENT_SECRET,
    PUBLIC_BASE_URL,
    REDIRECT_URI,
    accounts,
    assert_not_in_logs,
    configure,
    create_test_table,
    drop_test_table,
    link_account,
    reset_caches,
    skill_logs,
    table_text,
    token_request,
)
from tests.e2e.test_linking_harness import lambda_fetch as make_fetch

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def table(dynamodb_endpoint: str) -> Iterator[str]:
    name = create_test_table("linkflow")
    yield name
    drop_test_table(name)


@pytest.fixture(params=["oauth1", "oauth2"])
def mode(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, sandbox: RunningSandbox, table: str
) -> Iterator[str]:
    configure(monkeypatch, sandbox_url=sandbox.url, table=table, mode=request.param)
    yield request.param
    reset_caches()


def _data_call(sandbox: RunningSandbox, access_token: str) -> dict[str, Any]:
    """What a skill request does: resolve Alexa's token, then call the Withings data API with it."""
    from skill.withings import transport

    account = accounts().resolve(access_token, Deadline.after(5))
    prepared = account.auth.prepare(f"{sandbox.url}/measure", {"action": "getmeas", "meastype": "1"})
    return dict(transport.call(prepared, deadline=Deadline.after(5)))


def test_link_with_basic_credentials_then_use_the_token(
    mode: str, sandbox: RunningSandbox, table: str, caplog: pytest.LogCaptureFixture
) -> None:
    fetch = make_fetch()
    with skill_logs(caplog):
        tokens = link_account(fetch, PUBLIC_BASE_URL, basic=True)
        body = _data_call(sandbox, tokens["access_token"])

    assert tokens["token_type"] == "Bearer"
    assert tokens["expires_in"] == 3600
    assert tokens["access_token"] and tokens["refresh_token"]
    assert tokens["_state"] == "alexa-state-123"  # Alexa's state back untouched
    assert "measuregrps" in body
    # Nothing issued or received appears in the logs or, usable, in the table.
    secrets_seen = [tokens["access_token"], tokens["refresh_token"], tokens["_code"], CLIENT_SECRET]
    assert_not_in_logs(caplog.text, secrets_seen)
    assert "link_request" in caplog.text  # the routes did log (without values)
    text = table_text(table)
    for value in secrets_seen[:3]:
        assert value not in text


def test_link_with_body_credentials(mode: str, sandbox: RunningSandbox) -> None:
    tokens = link_account(make_fetch(), PUBLIC_BASE_URL, basic=False)
    assert "measuregrps" in _data_call(sandbox, tokens["access_token"])


def test_state_with_reserved_characters_comes_back_untouched(mode: str) -> None:
    state = "a b&c=d/é?+%20"
    tokens = link_account(make_fetch(), PUBLIC_BASE_URL, state=state)
    assert tokens["_state"] == state


def test_link_with_pkce(mode: str, sandbox: RunningSandbox) -> None:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    tokens = link_account(
        make_fetch(),
        PUBLIC_BASE_URL,
        code_challenge=challenge,
        code_challenge_method="S256",
        _verifier=verifier,
    )
    assert "measuregrps" in _data_call(sandbox, tokens["access_token"])


def test_refresh_grant_rotates_and_keeps_the_old_token_briefly(mode: str, sandbox: RunningSandbox) -> None:
    fetch = make_fetch()
    first = link_account(fetch, PUBLIC_BASE_URL)
    creds = (CLIENT_ID, CLIENT_SECRET)
    second = token_request(
        fetch,
        PUBLIC_BASE_URL,
        {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]},
        basic=creds,
    )
    assert second.status == 200
    assert second.headers["cache-control"] == "no-store" and second.headers["pragma"] == "no-cache"
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"]
    assert rotated["access_token"] != first["access_token"]
    # Alexa retried (it never saw our answer): the old refresh token still works within the grace window.
    retry = token_request(
        fetch,
        PUBLIC_BASE_URL,
        {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]},
        body_credentials=creds,
    )
    assert retry.status == 200
    for tokens in (rotated, retry.json()):
        assert "measuregrps" in _data_call(sandbox, tokens["access_token"])
    assert "measuregrps" in _data_call(sandbox, first["access_token"])  # still within its hour


def test_token_response_is_not_cacheable(mode: str) -> None:
    fetch = make_fetch()
    from tests.e2e.test_linking_harness import authorize_url, browse

    run = browse(fetch, authorize_url(PUBLIC_BASE_URL))
    reply = token_request(
        fetch,
        PUBLIC_BASE_URL,
        {"grant_type": "authorization_code", "code": run.params["code"], "redirect_uri": REDIRECT_URI},
        basic=(CLIENT_ID, CLIENT_SECRET),
    )
    assert reply.status == 200
    assert reply.headers["content-type"].startswith("application/json")
    assert reply.headers["cache-control"] == "no-store" and reply.headers["pragma"] == "no-cache"
    assert set(reply.json()) == {"access_token", "token_type", "expires_in", "refresh_token"}


def test_without_public_base_url_withings_calls_back_to_the_api_domain(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In AWS the template leaves PUBLIC_BASE_URL unset: the API's own domain is used."""
    from lambda_function import lambda_handler
    from skill.local_server import http_api_event
    from tests.e2e.test_linking_harness import authorize_url, http_fetch

    monkeypatch.delenv("PUBLIC_BASE_URL")
    reset_caches()
    url = authorize_url("")
    event = http_api_event("GET", "/link/authorize", url.split("?", 1)[1], {}, b"")
    event["requestContext"]["domainName"] = "abc123.execute-api.eu-west-1.amazonaws.com"
    result = lambda_handler(event, None)
    assert result["statusCode"] == 302
    withings = http_fetch("GET", result["headers"]["Location"], {}, b"")
    assert withings.location.startswith("https://abc123.execute-api.eu-west-1.amazonaws.com/link/callback?")
