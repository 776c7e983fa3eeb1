"""A link survives a Withings glitch (issue 9 §4), end to end: linked through the real /link routes,
asked through lambda_function.lambda_handler with real envelopes, against the sandbox and DynamoDB Local.

GIVEN a linked account, WHEN Withings refuses every data call for a while (the sandbox's 401 fault on
its data routes; the token endpoint keeps working),
- OAuth2: the skill refreshes once, Withings refuses the fresh token too, and the person hears "try
  again"; the link stays active (with the refreshed pair stored), and once Withings recovers the next
  question is answered;
- OAuth1: a refused signed call can only mean a revoked grant, so the link ends and the skill asks to
  link again, also after Withings recovers.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import pytest

from devtools.envelopes import intent_request
from sandbox.server import RunningSandbox
from skill.withings.deadline import Deadline
from tests.e2e.expectations import Want, latest_weight
from tests.e2e.test_linking_harness import (
    PUBLIC_BASE_URL,
    SKILL_ID,
    accounts,
    configure,
    create_test_table,
    drop_test_table,
    dump_table,
    lambda_fetch,
    link_account,
    reset_caches,
    skill_logs,
)

pytestmark = pytest.mark.e2e

TRY_AGAIN = "Sorry, Withings couldn't answer that just now. Please try again later."
LINK_PROMPT = (
    "To hear your Withings data, link your Withings account in the Alexa app. I've sent a card there to help."
)
GLITCH_USER = "10031"  # a sandbox user of its own: nothing else refreshes or revokes its tokens


@pytest.fixture(scope="module")
def table(dynamodb_endpoint: str) -> Iterator[str]:
    name = create_test_table("glitch")
    yield name
    drop_test_table(name)


@pytest.fixture
def withings(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, sandbox_clean: RunningSandbox, table: str
) -> Iterator[RunningSandbox]:
    configure(monkeypatch, sandbox_url=sandbox_clean.url, table=table, mode=request.param)
    # Each test's questions must reach the sandbox (and its faults), not an earlier test's cache.
    from skill.composition import container

    container().cache.purge(GLITCH_USER, None)
    yield sandbox_clean
    reset_caches()


def _ask(sandbox: RunningSandbox, access_token: str) -> dict[str, Any]:
    from lambda_function import lambda_handler

    event = intent_request(
        "BodyIntent", access_token=access_token, skill_id=SKILL_ID, api_endpoint=sandbox.url
    )
    result = lambda_handler(event, None)
    assert isinstance(result, dict)
    return result


def _speech(result: dict[str, Any]) -> str:
    ssml = str(result["response"]["outputSpeech"]["ssml"])
    return ssml.removeprefix("<speak>").removesuffix("</speak>")


def _outcomes(caplog: pytest.LogCaptureFixture) -> list[str]:
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.getMessage().startswith("{")]
    return [line["outcome"] for line in lines if line.get("event") == "alexa_request"]


def _linked(sandbox: RunningSandbox) -> tuple[str, str]:
    """(Alexa's access token, the link id) after the whole linking flow."""
    token = str(link_account(lambda_fetch(), PUBLIC_BASE_URL, withings_user=GLITCH_USER)["access_token"])
    return token, accounts().resolve(token, Deadline.after(5)).link_id


def _latest_weight(sandbox: RunningSandbox) -> Want:
    """What the skill must say for the glitch user's latest weight, from the sandbox's raw data."""
    return latest_weight(dataclasses.asdict(sandbox.user(GLITCH_USER)))


def _link_item(table: str, link_id: str) -> dict[str, Any]:
    (item,) = [i for i in dump_table(table) if i["pk"]["S"] == f"LINK#{link_id}" and i["sk"]["S"] == "LINK"]
    return item


@pytest.mark.parametrize("withings", ["oauth2"], indirect=True)
def test_oauth2_a_refused_refreshed_token_is_a_try_again_and_the_link_survives(
    withings: RunningSandbox, table: str, caplog: pytest.LogCaptureFixture
) -> None:
    access_token, link_id = _linked(withings)
    before = _link_item(table, link_id)
    refreshes = withings.stats().get("oauth2_refresh", 0)
    with skill_logs(caplog):
        # GIVEN Withings refusing every getmeas (the time-zone probe and the question's own call)
        withings.set_fault("auth", path="/measure")
        glitch = _ask(withings, access_token)
        # WHEN Withings recovers
        withings.clear_faults()
        recovered = _ask(withings, access_token)

    # THEN the glitch was a spoken "try again", not a link prompt
    assert _speech(glitch) == TRY_AGAIN
    assert "card" not in glitch["response"] and glitch["response"]["shouldEndSession"] is True
    # ... after exactly one refresh, whose pair was stored on the still-active link
    assert withings.stats().get("oauth2_refresh", 0) == refreshes + 1
    after = _link_item(table, link_id)
    assert after["status"]["S"] == "active"
    assert int(after["version"]["N"]) == int(before["version"]["N"]) + 1
    # ... and the next question was answered with the refreshed token, no second refresh
    assert _latest_weight(withings).matches(_speech(recovered))
    assert withings.stats().get("oauth2_refresh", 0) == refreshes + 1
    assert _outcomes(caplog) == ["refused_after_refresh", "answered"]


@pytest.mark.parametrize("withings", ["oauth1"], indirect=True)
def test_oauth1_a_refused_signed_call_still_ends_the_link(
    withings: RunningSandbox, table: str, caplog: pytest.LogCaptureFixture
) -> None:
    access_token, link_id = _linked(withings)
    with skill_logs(caplog):
        withings.set_fault("auth", path="/measure")
        refused = _ask(withings, access_token)
        withings.clear_faults()
        calls = withings.stats()["data_calls_by_user"].get(GLITCH_USER, 0)
        later = _ask(withings, access_token)

    for result in (refused, later):
        assert _speech(result) == LINK_PROMPT
        assert result["response"]["card"] == {"type": "LinkAccount"}
    assert _link_item(table, link_id)["status"]["S"] == "dead"
    # The dead link is not tried at Withings again.
    assert withings.stats()["data_calls_by_user"].get(GLITCH_USER, 0) == calls
    assert _outcomes(caplog) == ["link_prompt", "link_prompt"]
