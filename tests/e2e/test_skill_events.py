"""Skill events through lambda_function.lambda_handler (and POST /alexa on the local server):
SkillAccountLinked remembers the Alexa user, SkillDisabled purges the link and everything issued for it,
and at no point does the table hold a usable token."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from devtools.envelopes import skill_event
from sandbox.server import RunningSandbox
from skill.accounts import NotLinked
from skill.store.crypto import Sealer
from skill.store.dynamodb import DynamoStore
from skill.store.records import OAuth1Secret
from skill.withings.auth import OAuth2Tokens
from skill.withings.deadline import Deadline
from tests.e2e.test_linking_harness import (
    CLIENT_ID,
    CLIENT_SECRET,
    PUBLIC_BASE_URL,
    TOKEN_KEY_B64,
    accounts,
    configure,
    create_test_table,
    drop_test_table,
    dump_table,
    lambda_fetch,
    link_account,
    reset_caches,
    table_text,
    token_request,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def table(dynamodb_endpoint: str) -> Iterator[str]:
    name = create_test_table("skillevents")
    yield name
    drop_test_table(name)


@pytest.fixture(params=["oauth1", "oauth2"])
def mode(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, sandbox: RunningSandbox, table: str
) -> Iterator[str]:
    configure(monkeypatch, sandbox_url=sandbox.url, table=table, mode=request.param)
    yield request.param
    reset_caches()


def _handler(event: dict[str, Any]) -> Any:
    from lambda_function import lambda_handler

    return lambda_handler(event, None)


def _repo(table: str) -> DynamoStore:
    return DynamoStore(table, sealer=lambda: Sealer.from_b64(TOKEN_KEY_B64))


def _items_of(table: str, link_id: str) -> list[dict[str, Any]]:
    return [i for i in dump_table(table) if link_id in repr(i)]


def _withings_secrets(table: str, link_id: str) -> list[str]:
    link = _repo(table).get_link(link_id, None)
    assert link is not None
    creds = link.credentials
    if isinstance(creds, OAuth1Secret):
        return [creds.token, creds.token_secret]
    assert isinstance(creds, OAuth2Tokens)
    return [creds.access_token, creds.refresh_token]


def test_account_linked_then_skill_disabled_purges_everything(mode: str, table: str) -> None:
    user = f"amzn1.ask.account.EVENTS-{mode}"
    tokens = link_account(lambda_fetch(), PUBLIC_BASE_URL)
    link_id = accounts().resolve(tokens["access_token"], Deadline.after(5)).link_id

    linked = _handler(
        skill_event("SkillAccountLinked", user_id=user, linked_access_token=tokens["access_token"])
    )
    assert "outputSpeech" not in linked.get("response", {})
    assert _repo(table).alexa_link_id(user, None) == link_id

    # While linked, the table holds the link, but nothing usable as a token or credential.
    text = table_text(table)
    for value in [
        tokens["access_token"],
        tokens["refresh_token"],
        tokens["_code"],
        *_withings_secrets(table, link_id),
    ]:
        assert value not in text

    # SkillDisabled carries the userId (and no access token here): the mapping finds the link.
    disabled = _handler(skill_event("SkillDisabled", user_id=user))
    assert "outputSpeech" not in disabled.get("response", {})
    assert _items_of(table, link_id) == []
    assert _repo(table).alexa_link_id(user, None) is None
    with pytest.raises(NotLinked):
        accounts().resolve(tokens["access_token"], Deadline.after(5))
    refused = token_request(
        lambda_fetch(),
        PUBLIC_BASE_URL,
        {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        basic=(CLIENT_ID, CLIENT_SECRET),
    )
    assert refused.status == 400 and refused.json()["error"] == "invalid_grant"


def test_skill_disabled_with_only_the_access_token(mode: str, table: str) -> None:
    tokens = link_account(lambda_fetch(), PUBLIC_BASE_URL)
    link_id = accounts().resolve(tokens["access_token"], Deadline.after(5)).link_id
    _handler(
        skill_event(
            "SkillDisabled", user_id="amzn1.ask.account.NEVER-SEEN", access_token=tokens["access_token"]
        )
    )
    assert _items_of(table, link_id) == []


def test_skill_disabled_for_an_unknown_user_is_quiet(mode: str, table: str) -> None:
    before = dump_table(table)
    result = _handler(skill_event("SkillDisabled", user_id="amzn1.ask.account.NOBODY"))
    assert "outputSpeech" not in result.get("response", {})
    assert len(dump_table(table)) == len(before)


def test_events_over_the_local_server(mode: str, table: str) -> None:
    from skill.local_server import make_server

    server = make_server("127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/alexa"
    try:
        tokens = link_account(lambda_fetch(), PUBLIC_BASE_URL)
        link_id = accounts().resolve(tokens["access_token"], Deadline.after(5)).link_id
        user = f"amzn1.ask.account.LOCAL-{mode}"
        event = skill_event("SkillAccountLinked", user_id=user, linked_access_token=tokens["access_token"])
        reply = requests.post(url, json=event, timeout=10)
        assert reply.status_code == 200 and reply.json()["version"] == "1.0"
        assert _repo(table).alexa_link_id(user, None) == link_id

        other_skill = skill_event("SkillDisabled", user_id=user, skill_id="amzn1.ask.skill.someone-else")
        assert requests.post(url, json=other_skill, timeout=10).status_code == 403
        assert _repo(table).get_link(link_id, None) is not None  # the refused event changed nothing

        assert (
            requests.post(url, json=skill_event("SkillDisabled", user_id=user), timeout=10).status_code == 200
        )
        assert _items_of(table, link_id) == []
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
