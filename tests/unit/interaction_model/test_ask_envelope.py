"""devtools.ask turns a match into the envelope a device sends; the SDK reads it back like a real one.

(Running the envelope through lambda_handler is the lead's end-to-end test.)
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from devtools.ask import build_request, describe_response, speech_text
from devtools.envelopes import DEFAULT_DEVICE_ID, DEFAULT_USER_ID
from devtools.utterances import match_utterance

SKILL_ID = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555"
NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def deserialize(envelope: dict[str, object]) -> object:
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope

    return DefaultSerializer().deserialize(json.dumps(envelope), RequestEnvelope)


def test_intent_request_reads_back_through_the_sdk() -> None:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_core.utils import (
        get_account_linking_access_token,
        get_intent_name,
        get_locale,
        get_request_type,
        get_simple_slot_values,
        get_slot,
        get_slot_value_v2,
    )

    match = match_utterance("how much deep sleep did I get last night", "en-US")
    envelope = build_request(match, "en-US", skill_id=SKILL_ID, access_token="link-token", now=NOW)
    assert envelope["request"]["timestamp"] == "2026-11-25T08:00:00Z"
    handler_input = HandlerInput(request_envelope=deserialize(envelope))
    assert get_request_type(handler_input) == "IntentRequest"
    assert get_intent_name(handler_input) == "SleepIntent"
    assert get_locale(handler_input) == "en-US"
    assert get_account_linking_access_token(handler_input) == "link-token"
    metric = get_slot(handler_input, "metric")
    assert metric.value == "deep sleep"
    (simple,) = get_simple_slot_values(get_slot_value_v2(handler_input, "metric"))
    assert simple.value == "deep sleep"
    assert simple.resolutions.resolutions_per_authority[0].values[0].value.id == "DEEP"
    authority = metric.resolutions.resolutions_per_authority[0]
    assert authority.status.code.value == "ER_SUCCESS_MATCH"
    assert authority.values[0].value.id == "DEEP"
    assert authority.authority.endswith(f"{SKILL_ID}.SLEEP_METRIC")
    assert get_slot(handler_input, "date").value is not None

    system = handler_input.request_envelope.context.system
    assert system.application.application_id == SKILL_ID
    assert system.user.user_id == DEFAULT_USER_ID and system.device.device_id == DEFAULT_DEVICE_ID
    assert system.api_endpoint == "https://api.amazonalexa.com"
    assert handler_input.request_envelope.session.new is True


def test_unreadable_dates_go_out_unfilled_and_unknown_values_unresolved() -> None:
    match = match_utterance("how much spleen sleep did I get with the lights on", "en-US")
    envelope = build_request(match, "en-US", skill_id=SKILL_ID, access_token=None, now=NOW)
    slots = envelope["request"]["intent"]["slots"]
    assert slots["date"] == {"name": "date", "confirmationStatus": "NONE"}
    assert slots["metric"]["value"] == "spleen sleep"
    authority = slots["metric"]["resolutions"]["resolutionsPerAuthority"][0]
    assert authority["status"]["code"] == "ER_SUCCESS_NO_MATCH" and "values" not in authority


def test_built_in_and_fallback_intents_carry_no_slots() -> None:
    for utterance, intent in (("help", "AMAZON.HelpIntent"), ("play some jazz", "AMAZON.FallbackIntent")):
        envelope = build_request(
            match_utterance(utterance, "en-US"), "en-US", skill_id=SKILL_ID, access_token=None
        )
        assert envelope["request"]["intent"]["name"] == intent
        assert "slots" not in envelope["request"]["intent"]


def test_without_a_token_there_is_no_access_token_anywhere() -> None:
    match = match_utterance("what's my weight", "en-US")
    envelope = build_request(match, "en-US", skill_id=SKILL_ID, access_token=None, now=NOW)
    assert "accessToken" not in json.dumps(envelope)


def test_launch_request() -> None:
    match = match_utterance("open health scale", "en-GB")
    envelope = build_request(match, "en-GB", skill_id=SKILL_ID, access_token=None, now=NOW)
    request = deserialize(envelope).request  # type: ignore[attr-defined]
    assert type(request).__name__ == "LaunchRequest"
    assert request.locale == "en-GB"
    assert "intent" not in envelope["request"]


def test_speech_text_strips_ssml() -> None:
    ssml = '<speak>You slept <say-as interpret-as="unit">7h</say-as>.<break time="300ms"/> R&amp;R.</speak>'
    assert speech_text(ssml) == "You slept 7h . R&R."
    assert speech_text('<speak><sub alias="kilograms">kg</sub></speak>') == "kilograms"


def test_describe_response_shows_speech_card_and_session() -> None:
    reply = {
        "version": "1.0",
        "response": {
            "outputSpeech": {"type": "SSML", "ssml": "<speak>Please link your account.</speak>"},
            "card": {"type": "LinkAccount"},
            "shouldEndSession": True,
        },
    }
    assert describe_response(reply) == [
        "speech  : Please link your account.",
        "card    : LinkAccount",
        "session : ends",
    ]
