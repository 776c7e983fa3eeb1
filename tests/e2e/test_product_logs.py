"""What `serve` wrote to its output (the skill's logs) after real traffic, in both auth modes.

GIVEN the whole product as processes, after linking (with Alexa's refresh grant), skill events,
answers, prompts and Withings faults, plus whatever the other product tests sent to the same stack
in this session,
WHEN the serve log (stack.log_path) is read,
THEN every request the tests sent has exactly one structured `alexa_request` line (its request id,
type, intent, latency and outcome) and EMF metric lines carry an Outcome dimension; no line holds an
Alexa token, a refresh token, an authorization code, a state, the client secret, the token key or
any Withings credential; and the lines carry only ids, names, outcomes and latencies — no field that
could hold a health value.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest

from tests.e2e.product_helpers import Product, Reply

pytestmark = pytest.mark.e2e

LOG_USER = "10004"

# Every event the skill logs and the fields it may carry (skill/observability.py's rule: ids,
# names, outcomes and latencies only). A new event or field must be added here deliberately.
COMMON = frozenset({"event", "ts"})
ALLOWED_FIELDS: dict[str, frozenset[str]] = {
    "alexa_request": COMMON
    | {
        "request_id",
        "request_type",
        "intent",
        "locale",
        "latency_ms",
        "outcome",
        "error",
        "link_id",
        "reason",
        "error_type",
        "origin",
        "handler_error",
        "relink_error",
        "speaker",  # recognised_linked / recognised / unrecognised: never a personId
        "date_shape",  # an unreadable AMAZON.DATE's shape, digits masked
        "can_fulfill",  # a CanFulfillIntentRequest's verdict
        "screen",  # the Echo Show picture sent (its name), or why none was: an exception type,
        "screen_error",  # its file:line, or the estimated size that would have passed 24 KB
        "screen_origin",
        "screen_dropped",
    },
    "link_request": COMMON | {"route", "status", "outcome", "error", "latency_ms"},
    "local_http": COMMON | {"method", "path", "status", "latency_ms"},
    "link_unhandled": COMMON | {"route", "error"},
    "accounts_resolve": COMMON | {"outcome", "error"},
    "accounts_mark_dead": COMMON | {"outcome", "error", "link_id"},
    "accounts_forget": COMMON | {"outcome", "error", "links", "items"},
    "accounts_remember": COMMON | {"outcome", "error", "link_id", "replaced", "speaker"},
    "accounts_remember_person": COMMON | {"outcome", "error"},
    "withings_refresh": COMMON | {"outcome", "link_id", "status", "error", "latency_ms"},
    # Withings notifications (skill/notifications): the appli is a category number, never a user.
    "notify_request": COMMON | {"status", "outcome", "appli", "latency_ms"},
    "notify_unhandled": COMMON | {"error"},
    "notify_invalidate_failed": COMMON | {"appli", "error"},
    "subscriptions": COMMON | {"outcome", "why", "failed", "errors", "missing", "error"},
    "link_subscribe": COMMON | {"outcome", "error"},
}
# Lines from stdlib loggers under skill.* (observability.JsonLineFormatter) also carry these.
STDLIB = COMMON | {"level", "logger"}
ALLOWED_FIELDS |= {
    "digest_part_failed": STDLIB | {"part", "error"},
    "picture_goals_failed": STDLIB | {"error"},
    "progressive_response_sent": STDLIB | {"status"},
    "progressive_response_failed": STDLIB | {"error"},
    "alexa_api_endpoint_refused": STDLIB | {"scheme"},
    "alexa_timezone_unavailable": STDLIB | {"status"},
    "alexa_timezone_lookup_failed": STDLIB | {"error"},
    "withings_timezone_probe_failed": STDLIB | {"error"},
    "withings_page_cap_reached": STDLIB | {"action", "pages"},
    # The cache (skill/cache): the kind of data and an exception type, never a value or a user.
    "cache_served_stale": STDLIB | {"cache_kind", "error"},
    "cache_read_failed": STDLIB | {"cache_kind", "error"},
    "cache_write_failed": STDLIB | {"cache_kind", "error"},
    "cache_entry_undecodable": STDLIB | {"cache_kind"},
    "cache_entry_unreadable": STDLIB,
    "cache_changes_unreadable": STDLIB,
    "cache_cleanup_failed": STDLIB | {"appli", "error"},
    "call_budget_unavailable": STDLIB | {"error"},
}
# An EMF line: one metric and its Outcome (Requests per request; Notifications per callback;
# WithingsCalls when the budget refuses one).
METRICS = frozenset({"Requests", "Notifications", "WithingsCalls"})
# What `serve` prints on start, before any request.
BANNER = (
    re.compile(r"^serving on http://127\.0\.0\.1:\d+$"),
    re.compile(r"^  GET /link/authorize .*POST /alexa$"),
)
# Substrings that would mean a credential went into a log line.
FORBIDDEN = (
    "oauth_token",
    "oauth_signature",
    "oauth_verifier",
    "access_token",
    "refresh_token",
    "Bearer ",
    "code=",
)
# Words only a spoken health answer contains.
ANSWER_WORDS = ("pounds", "steps", "slept", "beats per minute", "percent", "over ")
REQUEST_ID = re.compile(r"^amzn1\.echo-api\.request\.[0-9a-f-]{36}$")
LINK_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class Traffic:
    outcomes: dict[str, str]  # request id -> the outcome its log line must carry
    replies: list[Reply]


@pytest.fixture(scope="module")
def traffic(product_stack: Product) -> Traffic:
    """Requests whose outcome is known, so the test stands on its own as well as after the others."""
    product = product_stack
    product.clear_faults()
    user = product.link(LOG_USER)
    user = product.refresh(user)  # Alexa's refresh grant: the new pair must not be logged either
    outcomes: dict[str, str] = {}
    replies: list[Reply] = []

    def sent(reply: Reply, outcome: str | None) -> None:
        assert reply.status == 200, reply.body
        replies.append(reply)
        if outcome:
            outcomes[reply.request_id] = outcome

    sent(product.skill_event("SkillAccountLinked", user), "event")
    sent(product.launch(user), "prompt")
    sent(product.ask("BodyIntent", user), "answered")
    sent(product.ask("AMAZON.HelpIntent", user), "prompt")
    sent(product.ask("SleepIntent", None), "link_prompt")
    try:
        product.set_fault("http500")
        sent(product.ask("ActivityIntent", user), "withings_down")
        product.set_fault("rate_limit", wait_seconds=5)
        sent(product.ask("BloodPressureIntent", user), "rate_limited")
        product.clear_faults()
        product.set_fault("http500", path="/v2/sleep")  # one part of the digest fails
        sent(product.ask("DailyDigestIntent", user), None)
    finally:
        product.clear_faults()
    sent(product.session_ended(user), "session_ended")
    sent(product.skill_event("SkillDisabled", user), "event")
    sent(product.ask("BodyIntent", user), "link_prompt")
    return Traffic(outcomes, replies)


def log_lines(product: Product) -> list[str]:
    assert product.stack.log_path is not None
    return product.stack.log_path.read_text(encoding="utf-8").splitlines()


def json_lines(product: Product) -> list[dict[str, Any]]:
    docs = []
    for line in log_lines(product):
        if line.startswith("{"):
            doc = json.loads(line)
            assert isinstance(doc, dict), line
            docs.append(doc)
    return docs


def test_every_request_has_one_structured_log_line_and_a_metric(
    product_stack: Product, traffic: Traffic
) -> None:
    docs = json_lines(product_stack)
    by_id: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        if doc.get("event") == "alexa_request":
            by_id.setdefault(str(doc.get("request_id")), []).append(doc)

    sent = product_stack.sent_requests  # everything every product test sent to this stack
    assert sent.keys() >= traffic.outcomes.keys()
    for request_id, request in sent.items():
        found = by_id.get(request_id, [])
        assert len(found) == 1, f"{len(found)} log lines for {request}"
        line = found[0]
        assert line["request_type"] == request.request_type
        assert line["intent"] == request.intent
        assert line["locale"] == (request.locale or "en-US")
        assert isinstance(line["latency_ms"], int) and line["latency_ms"] >= 0
        assert isinstance(line["outcome"], str) and line["outcome"]
        if request_id in traffic.outcomes:
            assert line["outcome"] == traffic.outcomes[request_id], line
        if line["outcome"] == "answered":
            assert LINK_ID.match(str(line.get("link_id"))), line  # traceable to the link, not the person

    metrics = [doc for doc in docs if "_aws" in doc and "Requests" in doc]
    assert metrics
    for doc in metrics:
        (directive,) = doc["_aws"]["CloudWatchMetrics"]
        assert directive["Namespace"] == "WithingsVoiceSkill"
        assert directive["Dimensions"] == [["Outcome"]]
        assert directive["Metrics"] == [{"Name": "Requests", "Unit": "Count"}]
        assert doc["Requests"] == 1.0 and isinstance(doc["Outcome"], str)
    outcomes = Counter(str(doc["Outcome"]) for doc in metrics)
    assert set(traffic.outcomes.values()) <= set(outcomes)
    # One Requests metric per voice request and per linking request.
    requests_logged = sum(1 for doc in docs if doc.get("event") in ("alexa_request", "link_request"))
    assert sum(outcomes.values()) == requests_logged


def test_no_token_secret_code_or_withings_credential_in_the_logs(
    product_stack: Product, traffic: Traffic
) -> None:
    text = "\n".join(log_lines(product_stack))
    assert text
    secrets_seen = product_stack.secrets_seen
    assert len(secrets_seen) >= 8  # the client secret, the key, tokens, codes, states...
    for secret in secrets_seen:
        for form in {secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret)}:
            assert form not in text, "a secret the tests hold appears in the skill's logs"
    for needle in FORBIDDEN:
        assert needle not in text, f"{needle!r} appears in the skill's logs"


def test_log_lines_hold_only_ids_names_outcomes_and_latencies(
    product_stack: Product, traffic: Traffic
) -> None:
    for doc in json_lines(product_stack):
        if "_aws" in doc:
            assert set(doc) - {"_aws", "Outcome"} <= METRICS and len(doc) == 3, doc
            continue
        event = doc.get("event")
        assert event in ALLOWED_FIELDS, f"an unreviewed log event: {doc}"
        assert set(doc) <= ALLOWED_FIELDS[str(event)], (
            f"unexpected fields: {set(doc) - ALLOWED_FIELDS[str(event)]}"
        )
        for key, value in doc.items():
            assert value is None or isinstance(value, str | int | float | bool), (key, value)
            if isinstance(value, str):
                assert not any(word in value for word in ANSWER_WORDS), (key, value)
        if event == "local_http":
            assert str(doc["path"]).startswith("/") and "?" not in str(doc["path"])  # no query string
        if doc.get("request_id") is not None and event == "alexa_request":
            assert REQUEST_ID.match(str(doc["request_id"])), doc
        if doc.get("link_id") is not None:
            assert LINK_ID.match(str(doc["link_id"])), doc

    # The answers' own words never reach the log.
    text = "\n".join(log_lines(product_stack))
    spoken = [r.text for r in traffic.replies if "outputSpeech" in r.response]
    assert spoken
    for sentence in spoken:
        assert sentence not in text


def test_every_log_line_is_json(product_stack: Product, traffic: Traffic) -> None:
    plain = [
        line
        for line in log_lines(product_stack)
        if line and not line.startswith("{") and not any(p.match(line) for p in BANNER)
    ]
    assert not plain, f"{len(plain)} log lines are not JSON, e.g. {sorted(set(plain))[:5]}"
