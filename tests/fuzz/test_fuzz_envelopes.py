"""Generated and mutated Alexa envelopes through lambda_handler: the skill never crashes.

Every reply must deserialise as an ask-sdk-model ResponseEnvelope, its SSML must parse as XML, the
speech stays within Alexa's 8,000 characters and the whole response within 24 KB. The only thing
that is not answered is a request for another skill (or none): that is refused.

A valid reply is not enough: the catch-all exception handler turns a crashing handler into a polite
"Sorry, something went wrong" that passes every check above. So each request's `alexa_request` log
line is read too, and a well-formed request (no mutation) with the linked user's token must not end
in `outcome=error`. The linked user is linked for real (the /link routes, the sandbox's OAuth2
page, DynamoDB Local); skill events use an Alexa user and link of their own, so a SkillDisabled
cannot purge the link every other request relies on.

CI runs FUZZ_EXAMPLES (10,000 by default) with a fixed seed; `make fuzz-long` runs many more.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lambda_function
from devtools import envelopes
from devtools.envelopes import ResolvedSlot
from devtools.measure import link_with_retries
from devtools.stack import InProcessStack
from sandbox.server import RunningSandbox
from skill.voice.entry import RequestRefused
from skill.voice.intents import BUILT_IN_INTENTS, CUSTOM_INTENTS, INTENT_SLOTS, SLOT_TYPES
from skill.voice.locales import LOCALES

FUZZ_USER = "10777"  # a sandbox user no other test revokes
EVENT_USER = "10778"  # linked for the skill events alone (SkillDisabled purges it)
EVENT_ALEXA_USER = "amzn1.ask.account.FUZZEVENTS"  # never the Alexa user of the intent requests
UNKNOWN_TOKEN = "expired-or-unknown"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10000"))
MAX_RESPONSE_BYTES = 24 * 1024


@dataclass(frozen=True)
class Fuzz:
    skill_id: str
    api_endpoint: str
    linked: str  # the access token Alexa was issued for FUZZ_USER
    event_token: str  # the one issued for EVENT_USER


@pytest.fixture(scope="module")
def fuzz_env(dynamodb_endpoint: str, sandbox: RunningSandbox) -> Iterator[Fuzz]:
    sandbox.clear_faults()  # whatever an earlier test left switched on
    table = f"fuzz-{uuid.uuid4().hex[:8]}"
    with InProcessStack(
        auth="oauth2", sandbox=sandbox, dynamodb_endpoint=dynamodb_endpoint, table_name=table
    ) as stack:
        yield Fuzz(
            skill_id=stack.env["SKILL_ID"],
            api_endpoint=sandbox.url,
            linked=link_with_retries(stack, FUZZ_USER).access_token,
            event_token=link_with_retries(stack, EVENT_USER).access_token,
        )


class RequestLog(logging.Handler):
    """The `alexa_request` lines the skill logs (JSON on the "skill" logger), for one request at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            doc = json.loads(record.getMessage())
        except ValueError:
            return
        if isinstance(doc, dict) and doc.get("event") == "alexa_request":
            self.lines.append(doc)


@pytest.fixture
def request_log() -> Iterator[RequestLog]:
    from skill.observability import log_event

    log_event("fuzz_log_capture_started")  # lets observability set the logger up (INFO) first
    logger = logging.getLogger("skill")
    handler = RequestLog()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


@dataclass(frozen=True)
class Drawn:
    envelope: dict[str, Any]
    well_formed: bool  # built as Alexa would send it, no mutation applied
    token: str | None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
date_values = st.sampled_from(
    [
        "2026-11-24",
        "PRESENT_REF",
        "2026-W47",
        "2026-W47-WE",
        "2026-11",
        "2026-WI",
        "2026-Q4",
        "2026",
        "202X",
        "2026-11-XX",
        "XXXX-03-21",
        "XXXX-WXX",
        "2031-01-01",
        "1999-12-31",
        "",
        "yesterday",
        "2026-13-45",
    ]
) | st.text(max_size=30)
slot_text = st.text(max_size=40) | st.sampled_from(["<speak>", "a & b", "]]>", "\u202e", "x" * 5000])


@st.composite
def _slots(draw: st.DrawFn, intent: str) -> dict[str, str | ResolvedSlot | None]:
    out: dict[str, str | ResolvedSlot | None] = {}
    for name, slot_type in INTENT_SLOTS.get(intent, {}).items():
        if slot_type == "AMAZON.DATE":
            out[name] = draw(st.none() | date_values)
        else:
            ids = SLOT_TYPES[slot_type]
            out[name] = draw(
                st.none()
                | st.builds(ResolvedSlot, slot_text, st.none() | st.sampled_from(ids) | st.text(max_size=10))
            )
    return out


# What a conversation's session attributes may hold when a device sends them back: what the skill
# wrote, or anything at all.
VALID_LAST = {
    "intent": "SleepIntent",
    "metric": "DEEP",
    "period": {"start": "2026-11-23", "end": "2026-11-23", "granularity": "day", "label": "weekday"},
}
session_attributes = (
    st.none()
    | st.just({"conversation": True, "last": VALID_LAST})
    | st.dictionaries(st.sampled_from(["conversation", "last", "offer"]), json_values, max_size=3)
)


@st.composite
def alexa_requests(draw: st.DrawFn, fuzz: Fuzz) -> Drawn:
    kind = draw(
        st.sampled_from(
            ["intent", "intent", "intent", "builtin", "launch", "ended", "event", "unknown", "can_fulfill"]
        )
    )
    token = draw(st.sampled_from([None, fuzz.linked, fuzz.linked, UNKNOWN_TOKEN, ""]))
    common: dict[str, Any] = {
        "locale": draw(st.sampled_from([*LOCALES, "fr-FR", "", "en"])),
        "access_token": token,
        "skill_id": fuzz.skill_id,
        "api_endpoint": fuzz.api_endpoint,
    }
    if draw(st.booleans()):  # a household: a recognised voice, maybe with a link of its own
        common["person_id"] = draw(st.sampled_from(["amzn1.ask.person.FUZZ", "", None]))
        common["person_token"] = draw(st.sampled_from([None, fuzz.linked, UNKNOWN_TOKEN]))
    if kind == "intent":
        intent = draw(st.sampled_from(CUSTOM_INTENTS))
        attributes = draw(session_attributes)
        envelope = envelopes.intent_request(
            intent, draw(_slots(intent)), session_attributes=attributes, **common
        )
    elif kind == "can_fulfill":
        intent = draw(st.sampled_from([*CUSTOM_INTENTS, *BUILT_IN_INTENTS, "NoSuchIntent"]))
        envelope = envelopes.can_fulfill_request(intent, draw(_slots(intent)), **common)
    elif kind == "builtin":
        envelope = envelopes.intent_request(draw(st.sampled_from(BUILT_IN_INTENTS)), **common)
    elif kind == "unknown":
        envelope = envelopes.intent_request(draw(st.text(max_size=30)), **common)
    elif kind == "launch":
        envelope = envelopes.launch_request(**common)
    elif kind == "ended":
        common.pop("person_id", None)
        common.pop("person_token", None)
        envelope = envelopes.session_ended_request(
            draw(st.sampled_from(["USER_INITIATED", "ERROR", "EXCEEDED_MAX_REPROMPTS"])),
            draw(st.sampled_from([None, "ENDPOINT_TIMEOUT", "INVALID_RESPONSE", "SOMETHING_NEW"])),
            **common,
        )
    else:
        event = draw(st.sampled_from(["SkillDisabled", "SkillAccountLinked", "SkillEnabled"]))
        token = draw(st.sampled_from([None, fuzz.event_token, UNKNOWN_TOKEN, ""]))
        envelope = envelopes.skill_event(
            event, access_token=token, skill_id=fuzz.skill_id, user_id=EVENT_ALEXA_USER
        )
    mutations = draw(st.integers(0, 3))
    for _ in range(mutations):
        _mutate(envelope, draw)
    return Drawn(envelope, well_formed=mutations == 0, token=token)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*prefix, index)
            yield from _paths(value, (*prefix, index))


def _mutate(envelope: dict[str, Any], draw: st.DrawFn) -> None:
    paths = list(_paths(envelope))
    if not paths:
        return
    path = draw(st.sampled_from(paths))
    parent: Any = envelope
    for step in path[:-1]:
        parent = parent[step]
    if draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(json_values)


def _ours(envelope: Any, skill_id: str) -> bool:
    """Does the envelope carry an application id, and only ours? Anything else must be refused."""
    ids = []
    for path in (
        ("context", "System", "application", "applicationId"),
        ("session", "application", "applicationId"),
    ):
        node = envelope
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if node is not None:
            ids.append(node)
    return bool(ids) and all(i == skill_id for i in ids)


def _check_reply(reply: Any) -> None:
    from ask_sdk_core.serialize import DefaultSerializer

    raw = json.dumps(reply)
    assert len(raw.encode()) <= MAX_RESPONSE_BYTES
    parsed = DefaultSerializer().deserialize(raw, "ask_sdk_model.ResponseEnvelope")
    assert parsed.version == "1.0"
    body = reply.get("response") or {}
    for speech in (body.get("outputSpeech"), (body.get("reprompt") or {}).get("outputSpeech")):
        if not speech:
            continue
        text = speech.get("ssml") if speech.get("type") == "SSML" else speech.get("text")
        assert isinstance(text, str) and len(text) <= 8000
        if speech.get("type") == "SSML":
            ET.fromstring(text)  # raises on invalid XML


def _check_outcome(drawn: Drawn, fuzz: Fuzz, lines: list[dict[str, Any]]) -> None:
    """A well-formed request of the linked user ends in no `error` outcome: a crash is a failure."""
    if not (drawn.well_formed and drawn.token == fuzz.linked):
        return
    request = drawn.envelope["request"]
    assert lines, f"no alexa_request log line for a {request['type']}"
    errors = [line for line in lines if line.get("outcome") == "error"]
    if errors:
        intent = request.get("intent", {})
        raise AssertionError(
            f"{request['type']} {intent.get('name')!r} ended in outcome=error "
            f"({errors[0].get('error')} at {errors[0].get('origin')}), slots {intent.get('slots')}"
        )


@pytest.mark.timeout(1800)
def test_no_envelope_crashes_the_skill(fuzz_env: Fuzz, request_log: RequestLog) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=os.environ.get("FUZZ_RANDOM") != "1",
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(alexa_requests(fuzz_env))
    def run(drawn: Drawn) -> None:
        request_log.lines.clear()
        try:
            reply = lambda_function.lambda_handler(drawn.envelope, None)
        except RequestRefused:
            assert not _ours(drawn.envelope, fuzz_env.skill_id)
            return
        assert _ours(drawn.envelope, fuzz_env.skill_id), "a request for another skill (or none) was answered"
        _check_reply(reply)
        _check_outcome(drawn, fuzz_env, request_log.lines)

    run()


@pytest.mark.parametrize("event", [None, [], "", 0, "null", {"version": "1.0"}, {"request": {}}])
def test_non_envelopes_are_answered_or_refused(fuzz_env: Fuzz, event: Any) -> None:
    try:
        reply = lambda_function.lambda_handler(event, None)
    except RequestRefused:
        assert isinstance(event, dict) and not _ours(event, fuzz_env.skill_id)
        return
    _check_reply(reply)
