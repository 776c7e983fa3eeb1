"""The same flow over real HTTP: `python -m skill serve`'s server on loopback, the sandbox, DynamoDB Local."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import requests

from sandbox.server import RunningSandbox
from skill.local_server import make_server
from skill.withings.deadline import Deadline
from tests.e2e.test_linking_harness import (
    CLIENT_ID,
    CLIENT_SECRET,
    REDIRECT_URI,
    accounts,
    authorize_url,
    browse,
    configure,
    create_test_table,
    drop_test_table,
    http_fetch,
    link_account,
    reset_caches,
    token_request,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def table(dynamodb_endpoint: str) -> Iterator[str]:
    name = create_test_table("linkserve")
    yield name
    drop_test_table(name)


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    server = make_server("127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(params=["oauth1", "oauth2"])
def mode(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    sandbox: RunningSandbox,
    table: str,
    server_url: str,
) -> Iterator[str]:
    configure(
        monkeypatch, sandbox_url=sandbox.url, table=table, mode=request.param, public_base_url=server_url
    )
    yield request.param
    reset_caches()


def test_full_flow_over_http_with_basic_and_body_credentials(
    mode: str, server_url: str, sandbox: RunningSandbox
) -> None:

    by_basic = link_account(http_fetch, server_url, basic=True)
    by_body = link_account(http_fetch, server_url, basic=False)
    for tokens in (by_basic, by_body):
        assert tokens["token_type"] == "Bearer" and tokens["_state"] == "alexa-state-123"
        account = accounts().resolve(tokens["access_token"], Deadline.after(5))
        assert account.withings_userid == "10001"
    assert by_basic["access_token"] != by_body["access_token"]


def test_the_browser_really_went_through_withings(
    mode: str, server_url: str, sandbox: RunningSandbox
) -> None:
    run = browse(http_fetch, authorize_url(server_url))
    assert run.at_alexa
    withings_hop = "/account/authorize" if mode == "oauth1" else "/oauth2_user/authorize2"
    assert run.hops == ["/link/authorize", withings_hop, "/link/callback"]
    assert set(run.params) == {"code", "state"}


def test_wrong_secret_over_http_is_401_with_a_basic_challenge(mode: str, server_url: str) -> None:
    run = browse(http_fetch, authorize_url(server_url))
    reply = token_request(
        http_fetch,
        server_url,
        {"grant_type": "authorization_code", "code": run.params["code"], "redirect_uri": REDIRECT_URI},
        basic=(CLIENT_ID, "not-the-secret"),
    )
    assert reply.status == 401
    assert reply.headers["www-authenticate"].startswith("Basic")
    assert reply.json()["error"] == "invalid_client"
    # The code was not consumed by the refused request.
    retry = token_request(
        http_fetch,
        server_url,
        {"grant_type": "authorization_code", "code": run.params["code"], "redirect_uri": REDIRECT_URI},
        basic=(CLIENT_ID, CLIENT_SECRET),
    )
    assert retry.status == 200


def test_head_probe_on_the_callback(mode: str, server_url: str) -> None:
    assert requests.head(f"{server_url}/link/callback", timeout=5).status_code == 200


def test_alexa_route_refuses_a_non_json_body(mode: str, server_url: str) -> None:
    reply = requests.post(f"{server_url}/alexa", data=b"not json", timeout=5)
    assert reply.status_code == 400
    assert reply.json()["error"]
