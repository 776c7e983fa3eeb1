"""Withings failing in every way it does, through `serve`, in both auth modes.

GIVEN the whole product as processes and a linked account,
WHEN the sandbox hangs, answers HTTP 500, answers an HTML page instead of JSON, says 601 (too many
requests) or 401 (the credentials are refused) — switched on over its HTTP control route —
THEN POST /alexa still answers HTTP 200 well within Alexa's 8 seconds, with the apology that fits
and a session that ends; once the fault is gone the same link answers normally again, except
after a 401: that link is dead (the person must link again, which then works), and nobody else's
link is touched.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest

from devtools.envelopes import ResolvedSlot
from tests.e2e.expectations import (
    BUSY_APOLOGY,
    LINK_PROMPT,
    SERVICE_APOLOGY,
    TIMEOUT_APOLOGY,
    activity_on,
    latest_weight_kg,
    pounds,
    today_of,
)
from tests.e2e.product_helpers import Product, Reply

pytestmark = pytest.mark.e2e

FAULT_USER = "10002"
REFUSED_USER = "10003"
EXPIRED_USER = "10005"
ALEXA_DEADLINE_S = 7.0  # Alexa gives up at 8 s; a behaviour bound, not a benchmark


def assert_apology(reply: Reply, apology: str) -> None:
    assert reply.status == 200, reply.body
    assert reply.elapsed < ALEXA_DEADLINE_S, f"answered after {reply.elapsed:.1f} s"
    assert reply.text == apology
    assert reply.ends_session
    assert reply.card is None  # an apology needs no card in the Alexa app


def assert_weight_answer(product: Product, userid: str, reply: Reply) -> None:
    """The normal answer: the user's latest weight, as the raw data says it."""
    assert reply.status == 200, reply.body
    expected = pounds(latest_weight_kg(product.raw(userid)))
    assert reply.text.startswith(f"{expected} "), reply.text


@pytest.mark.parametrize(
    ("mode", "options", "apology"),
    [
        ("hang", {"hang_seconds": 10}, TIMEOUT_APOLOGY),
        ("http500", {}, SERVICE_APOLOGY),
        ("badjson", {}, SERVICE_APOLOGY),
        ("rate_limit", {"wait_seconds": 30}, BUSY_APOLOGY),
    ],
    ids=["hang", "http500", "badjson", "601"],
)
def test_a_transient_fault_gets_its_apology_in_time_and_the_link_survives(
    product: Product, mode: str, options: dict[str, Any], apology: str
) -> None:
    user = product.user(FAULT_USER)
    # With a fresh cache entry the question would not reach Withings at all (and a kept one would
    # answer "as of"): this is the question that has nothing to fall back on.
    product.forget_cache(FAULT_USER)
    product.set_fault(mode, **options)
    try:
        reply = product.ask("BodyIntent", user)
    finally:
        product.clear_faults()
    assert_apology(reply, apology)
    if mode == "hang":
        # While Withings hung, the "one moment" progressive response went to the Alexa API.
        mine: list[dict[str, Any]] = []
        for _ in range(50):  # sent by a timer thread: give it a moment to land
            bodies = product.stats()["alexa_directive_bodies"]
            mine = [b for b in bodies if b["header"]["requestId"] == reply.request_id]
            if mine:
                break
            time.sleep(0.05)
        assert mine and mine[0]["directive"]["speech"] == "<speak>One moment, checking your scale.</speak>"

    assert_weight_answer(product, FAULT_USER, product.ask("BodyIntent", user))


def test_one_failing_part_of_the_digest_is_named_and_the_rest_answered(product: Product) -> None:
    user = product.user(FAULT_USER)
    product.set_fault("http500", path="/v2/sleep")  # only the sleep service is down
    try:
        before = product.raw(FAULT_USER)
        reply = product.ask("DailyDigestIntent", user)
    finally:
        product.clear_faults()
    assert reply.status == 200 and reply.elapsed < ALEXA_DEADLINE_S
    steps = activity_on(before, today_of(before))
    assert steps is not None
    assert reply.text.startswith(f"You've taken {steps['steps']:,} steps so far today")
    assert f"Your latest weight is {pounds(latest_weight_kg(before))}," in reply.text
    assert "I couldn't get your sleep from Withings just now." in reply.text


def test_refused_credentials_ask_to_link_again_and_only_that_link_dies(product: Product) -> None:
    bystander = product.user(FAULT_USER)
    victim = product.link(REFUSED_USER)  # a link of its own: the others must stay usable
    assert_weight_answer(product, REFUSED_USER, product.ask("BodyIntent", victim))

    product.forget_cache(REFUSED_USER)  # so that the question reaches Withings and hears the refusal
    product.set_fault("auth")
    try:
        reply = product.ask("BodyIntent", victim)
    finally:
        product.clear_faults()
    assert reply.status == 200 and reply.elapsed < ALEXA_DEADLINE_S
    assert reply.text == LINK_PROMPT
    assert reply.card == {"type": "LinkAccount"}
    assert reply.ends_session

    # Withings refused these credentials: the link is dead even now that Withings answers again,
    # so the skill asks to link instead of calling Withings with them on every question.
    calls_before = product.stats()["data_calls_by_user"].get(REFUSED_USER, 0)
    again = product.ask("ActivityIntent", victim, {"date": "2020-01-01"})
    assert again.text == LINK_PROMPT and again.card == {"type": "LinkAccount"}
    assert product.stats()["data_calls_by_user"].get(REFUSED_USER, 0) == calls_before

    # Nobody else's link was touched, and linking again repairs it.
    assert_weight_answer(product, FAULT_USER, product.ask("BodyIntent", bystander))
    relinked = product.link(REFUSED_USER)
    assert_weight_answer(product, REFUSED_USER, product.ask("BodyIntent", relinked))
    yesterday = today_of(product.raw(REFUSED_USER)) - timedelta(days=1)
    steps = {"metric": ResolvedSlot("steps", "STEPS"), "date": yesterday.isoformat()}
    reply = product.ask("ActivityIntent", relinked, steps)
    assert reply.text.startswith("You took ") and reply.text.endswith(" steps yesterday.")


@pytest.mark.parametrize("product_stack", ["oauth2"], indirect=True)
def test_an_access_token_withings_expired_early_is_refreshed_not_a_dead_link(product: Product) -> None:
    user = product.link(EXPIRED_USER)
    assert_weight_answer(product, EXPIRED_USER, product.ask("BodyIntent", user))
    # Withings no longer takes the access token, though its stored expiry is hours away; the
    # refresh token lives. The skill refreshes once and answers; the rotated pair is kept.
    product.expire_withings_tokens(EXPIRED_USER)
    product.forget_cache(EXPIRED_USER)  # the next questions must reach Withings with the dead token
    refreshes = product.stats().get("oauth2_refresh", 0)
    assert_weight_answer(product, EXPIRED_USER, product.ask("BodyIntent", user))
    assert product.stats().get("oauth2_refresh", 0) == refreshes + 1

    # Again, now under the digest's four concurrent queries: all four are refused, one refresh serves.
    product.expire_withings_tokens(EXPIRED_USER)
    product.forget_cache(EXPIRED_USER)
    digest = product.ask("DailyDigestIntent", user)
    assert digest.status == 200 and digest.card != {"type": "LinkAccount"}, digest.text
    assert f"Your latest weight is {pounds(latest_weight_kg(product.raw(EXPIRED_USER)))}," in digest.text
    assert product.stats().get("oauth2_refresh", 0) == refreshes + 2
    assert_weight_answer(product, EXPIRED_USER, product.ask("BodyIntent", user))
