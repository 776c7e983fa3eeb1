"""Generated and mutated Alexa envelopes through lambda_handler: the skill never crashes.

Every reply must deserialise as an ask-sdk-model ResponseEnvelope, its SSML must parse as XML, the
speech stays within Alexa's 8,000 characters and the whole response within 24 KB. The only thing
that is not answered is a request for another skill (or none): that is refused.

CI runs FUZZ_EXAMPLES (10,000 by default) with a fixed seed; `make fuzz-long` runs many more.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lambda_function
from devtools import envelopes
from devtools.envelopes import ResolvedSlot
from skill import accounts, config
from skill.accounts import LinkedAccount, NotLinked, RelinkRequired
from skill.voice.entry import RequestRefused
from skill.voice.intents import BUILT_IN_INTENTS, CUSTOM_INTENTS, INTENT_SLOTS, SLOT_TYPES
from skill.voice.locales import LOCALES
from skill.withings.auth import BearerAuth
from tests.e2e.helpers import sandbox_bearer_token

SKILL_ID = "amzn1.ask.skill.11111111-2222-3333-4444-fuzzfuzzfuzz"
LINKED = "fuzz-linked-token"
FUZZ_USER = "10777"  # a sandbox user no other test revokes
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10000"))
MAX_RESPONSE_BYTES = 24 * 1024


class FuzzAccounts:
    """One linked user (a real sandbox OAuth2 token); every other token is unknown."""

    def __init__(self, bearer: str) -> None:
        self.bearer = bearer

    def resolve(self, access_token: str, deadline: Any) -> LinkedAccount:
        if access_token != LINKED:
            raise NotLinked()
        return LinkedAccount("fuzz-link", BearerAuth(self.bearer), FUZZ_USER)

    def reauthorize(self, account: LinkedAccount, deadline: Any) -> LinkedAccount:
        self.relink_required(account.link_id)
        raise RelinkRequired(account.link_id)

    def relink_required(self, link_id: str) -> None:
        pass

    def forget_alexa_user(self, alexa_user_id: str, access_token: str | None) -> None:
        pass

    def remember_alexa_user(self, alexa_user_id: str, access_token: str) -> None:
        pass


@pytest.fixture(scope="module")
def fuzz_env(sandbox: Any) -> Iterator[str]:
    mp = pytest.MonkeyPatch()
    mp.setenv("SKILL_ID", SKILL_ID)
    mp.setenv("WITHINGS_API_URL", sandbox.url)
    config.get_settings.cache_clear()
    sandbox.clear_faults()  # whatever an earlier test left switched on
    accounts.set_accounts(FuzzAccounts(sandbox_bearer_token(sandbox, FUZZ_USER)))
    try:
        yield sandbox.url
    finally:
        accounts.set_accounts(None)
        mp.undo()
        config.get_settings.cache_clear()


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


@st.composite
def alexa_requests(draw: st.DrawFn, api_endpoint: str) -> dict[str, Any]:
    kind = draw(
        st.sampled_from(["intent", "intent", "intent", "builtin", "launch", "ended", "event", "unknown"])
    )
    common: dict[str, Any] = {
        "locale": draw(st.sampled_from([*LOCALES, "fr-FR", "", "en"])),
        "access_token": draw(st.sampled_from([None, LINKED, LINKED, "expired-or-unknown", ""])),
        "skill_id": SKILL_ID,
        "api_endpoint": api_endpoint,
    }
    if kind == "intent":
        intent = draw(st.sampled_from(CUSTOM_INTENTS))
        envelope = envelopes.intent_request(intent, draw(_slots(intent)), **common)
    elif kind == "builtin":
        envelope = envelopes.intent_request(draw(st.sampled_from(BUILT_IN_INTENTS)), **common)
    elif kind == "unknown":
        envelope = envelopes.intent_request(draw(st.text(max_size=30)), **common)
    elif kind == "launch":
        envelope = envelopes.launch_request(**common)
    elif kind == "ended":
        envelope = envelopes.session_ended_request(
            draw(st.sampled_from(["USER_INITIATED", "ERROR", "EXCEEDED_MAX_REPROMPTS"])),
            draw(st.sampled_from([None, "ENDPOINT_TIMEOUT", "INVALID_RESPONSE", "SOMETHING_NEW"])),
            **common,
        )
    else:
        event = draw(st.sampled_from(["SkillDisabled", "SkillAccountLinked", "SkillEnabled"]))
        envelope = envelopes.skill_event(event, access_token=common["access_token"], skill_id=SKILL_ID)
    for _ in range(draw(st.integers(0, 3))):
        _mutate(envelope, draw)
    return envelope


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


def _ours(envelope: Any) -> bool:
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
    return bool(ids) and all(i == SKILL_ID for i in ids)


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


@pytest.mark.timeout(1800)
def test_no_envelope_crashes_the_skill(fuzz_env: str) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=os.environ.get("FUZZ_RANDOM") != "1",
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(alexa_requests(fuzz_env))
    def run(envelope: dict[str, Any]) -> None:
        try:
            reply = lambda_function.lambda_handler(envelope, None)
        except RequestRefused:
            assert not _ours(envelope)
            return
        assert _ours(envelope), "a request for another skill (or none) was answered"
        _check_reply(reply)

    run()


@pytest.mark.parametrize("event", [None, [], "", 0, "null", {"version": "1.0"}, {"request": {}}])
def test_non_envelopes_are_answered_or_refused(fuzz_env: str, event: Any) -> None:
    try:
        reply = lambda_function.lambda_handler(event, None)
    except RequestRefused:
        assert isinstance(event, dict) and not _ours(event)
        return
    _check_reply(reply)
