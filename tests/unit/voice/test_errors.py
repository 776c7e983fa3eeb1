"""Nothing reaches Alexa as a crash: every error path through the skill's entry (and, for what
happens before the skill sees a request, lambda_function.lambda_handler)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import responses

import lambda_function
from devtools.envelopes import (
    ResolvedSlot,
    intent_request,
    launch_request,
    session_ended_request,
    skill_event,
)
from skill import composition
from skill.accounts import AccountsUnavailable
from skill.voice import context as voice_context
from skill.voice import entry
from skill.voice.entry import RequestRefused
from skill.withings.auth import BearerAuth
from skill.withings.errors import (
    AuthError,
    InvalidParamsError,
    RateLimitedError,
    RefusedAfterRefreshError,
    ServiceError,
    UnauthorizedError,
    UnknownStatusError,
    WithingsTimeoutError,
)

from .conftest import SKILL_ID, TODAY, TOKEN, WITHINGS_URL, Harness, activity, group, local, speech

LINK_SENTENCE = (
    "To hear your Withings data, link your Withings account in the Alexa app. I've sent a card there to help."
)


@pytest.fixture
def log_lines(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The JSON log lines written through skill.observability.log_event."""
    lines: list[dict[str, Any]] = []

    def record(event: str, level: int = 20, **fields: Any) -> None:
        lines.append({"event": event, **fields})

    monkeypatch.setattr(voice_context, "log_event", record)
    monkeypatch.setattr(entry, "log_event", record)
    return lines


def assert_link_prompt(result: dict[str, Any], sentence: str = LINK_SENTENCE) -> None:
    assert speech(result) == sentence
    assert result["response"]["card"] == {"type": "LinkAccount"}
    assert result["response"]["shouldEndSession"] is True
    assert "reprompt" not in result["response"]


# -- account linking ---------------------------------------------------------------------------------


def test_no_access_token_gets_a_link_account_card(harness: Harness) -> None:
    result = harness.ask(intent_request("SleepIntent"))
    assert_link_prompt(result)
    assert harness.accounts.resolved == []


@pytest.mark.parametrize("token", ["unknown-token", "relink"])
def test_not_linked_and_relink_required_get_the_same_prompt(harness: Harness, token: str) -> None:
    assert_link_prompt(harness.ask(intent_request("BodyIntent", access_token=token)))


def test_link_prompt_in_german(harness: Harness) -> None:
    result = harness.ask(intent_request("SleepIntent", locale="de-DE"))
    assert speech(result).startswith("Um deine Withings-Daten zu hören, verknüpfe dein Withings-Konto")
    assert result["response"]["card"] == {"type": "LinkAccount"}


def test_accounts_unavailable_is_an_apology_not_a_link_prompt(harness: Harness) -> None:
    result = harness.ask(intent_request("SleepIntent", access_token="unavailable"))
    assert (
        speech(result)
        == "Sorry, I couldn't reach your linked account just now. Please try again in a moment."
    )
    assert "card" not in result["response"]


def _withings_answers(harness: Harness, accepted: set[str], log: list[str]) -> None:
    """The real client from here on; Withings (mocked) takes only the bearer tokens in `accepted`."""

    def getactivity(request: Any) -> tuple[int, dict[str, str], str]:
        token = request.headers["Authorization"].removeprefix("Bearer ")
        log.append(token)
        if token not in accepted:
            return 200, {}, json.dumps({"status": 401, "body": {}, "error": "invalid_token"})
        body = {"activities": [{"date": TODAY.isoformat(), "timezone": "Europe/Berlin", "steps": 4321}]}
        return 200, {}, json.dumps({"status": 0, "body": {**body, "more": False, "offset": 0}})

    harness.alexa.add_callback(responses.POST, f"{WITHINGS_URL}/v2/measure", callback=getactivity)
    harness.use_withings_api()


def test_a_refused_grant_ends_the_link_and_prompts(harness: Harness) -> None:
    # Withings refuses the token and the accounts layer has nothing to retry with (OAuth1, or a
    # refused refresh token): it ends the link; the skill asks to link again.
    sent: list[str] = []
    _withings_answers(harness, set(), sent)
    assert_link_prompt(harness.ask(intent_request("ActivityIntent", access_token=TOKEN)))
    assert harness.accounts.reauthorized == ["link-1"]
    assert harness.accounts.ended == ["link-1"]
    assert sent == ["withings-token"]


def test_a_refused_access_token_is_refreshed_once_and_answered(
    harness: Harness, log_lines: list[dict[str, Any]]
) -> None:
    sent: list[str] = []
    harness.accounts.renew("link-1", BearerAuth("refreshed-token"))
    _withings_answers(harness, {"refreshed-token"}, sent)
    result = harness.ask(intent_request("ActivityIntent", access_token=TOKEN))
    assert speech(result) == "You've taken 4,321 steps so far today."
    assert sent == ["withings-token", "refreshed-token"]
    assert harness.accounts.ended == [] and log_lines[-1]["outcome"] == "answered"


def test_a_refusal_of_the_just_refreshed_token_is_a_try_again_and_the_link_stands(
    harness: Harness, log_lines: list[dict[str, Any]]
) -> None:
    sent: list[str] = []
    harness.accounts.renew("link-1", BearerAuth("refreshed-token"))
    _withings_answers(harness, set(), sent)  # a Withings glitch: even the fresh token is refused
    result = harness.ask(intent_request("ActivityIntent", access_token=TOKEN))
    assert speech(result) == "Sorry, Withings couldn't answer that just now. Please try again later."
    assert "card" not in result["response"] and result["response"]["shouldEndSession"] is True
    assert sent == ["withings-token", "refreshed-token"]
    assert harness.accounts.reauthorized == ["link-1"] and harness.accounts.ended == []
    line = log_lines[-1]
    assert (line["outcome"], line["error"]) == ("refused_after_refresh", "RefusedAfterRefreshError")


def test_refused_after_refresh_is_apologised_for_in_every_locale(harness: Harness) -> None:
    harness.api.errors["*"] = RefusedAfterRefreshError(401, "invalid_token")
    result = harness.ask(intent_request("ActivityIntent", access_token=TOKEN, locale="de-DE"))
    assert speech(result) == (
        "Entschuldige, Withings konnte das gerade nicht beantworten. Bitte versuch es später noch einmal."
    )


def test_an_auth_error_is_answered_without_ending_the_link_here(harness: Harness) -> None:
    # Only the accounts layer ends links (Accounts.reauthorize); the exception handler only answers.
    harness.api.errors["*"] = AuthError(401, "invalid_token")
    assert_link_prompt(harness.ask(intent_request("SleepIntent", access_token=TOKEN)))
    assert harness.accounts.ended == [] and harness.accounts.reauthorized == []


def test_missing_scope_asks_to_link_again_without_killing_the_link(harness: Harness) -> None:
    harness.api.errors["*"] = UnauthorizedError(214, "Unauthorized")
    result = harness.ask(intent_request("WorkoutIntent", access_token=TOKEN))
    assert_link_prompt(result, speech(result))
    assert speech(result).startswith("Your Withings link doesn't let me read that data.")
    assert harness.accounts.ended == []


# -- Withings trouble ---------------------------------------------------------------------------------


BUSY = "Withings is busy right now, please try again in a minute."
SLOW = "Sorry, Withings took too long to answer. Please try again in a moment."
DOWN = "Sorry, Withings isn't working properly right now. Please try again later."
REFUSED = "Sorry, Withings couldn't answer that just now. Please try again later."
OURS = "Sorry, something went wrong on my side. Please try again."


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (RateLimitedError(601, "Too many requests", wait_seconds=30), BUSY),
        (WithingsTimeoutError(None, "network timeout"), SLOW),
        (WithingsTimeoutError(None, "deadline exceeded before the call started"), SLOW),
        (ServiceError(None, "HTTP 503"), DOWN),
        (UnknownStatusError(4242, "?"), DOWN),
        (InvalidParamsError(503, "Invalid params"), REFUSED),
        (RuntimeError("a bug"), OURS),
    ],
)
def test_withings_errors_become_a_short_apology(harness: Harness, error: Exception, sentence: str) -> None:
    harness.api.errors["*"] = error
    result = harness.ask(intent_request("ActivityIntent", access_token=TOKEN))
    assert speech(result) == sentence
    assert result["response"]["shouldEndSession"] is True


def test_apologies_are_localised(harness: Harness) -> None:
    harness.api.errors["*"] = RateLimitedError(601, "Too many requests")
    result = harness.ask(intent_request("ActivityIntent", access_token=TOKEN, locale="de-DE"))
    assert speech(result) == "Withings ist gerade ausgelastet, bitte versuch es in einer Minute noch einmal."


def test_a_failing_digest_everywhere_says_what_happened(harness: Harness) -> None:
    harness.api.errors["*"] = RateLimitedError(601, "Too many requests")
    result = harness.ask(intent_request("DailyDigestIntent", access_token=TOKEN))
    assert speech(result) == "Withings is busy right now, please try again in a minute."


# -- requests the skill can't use ------------------------------------------------------------------------


def test_unknown_intent_gets_a_helpful_reply(harness: Harness) -> None:
    result = harness.ask(intent_request("OrderPizzaIntent", access_token=TOKEN))
    assert speech(result).startswith(
        "Sorry, I can't help with that yet. You can ask how you slept last night"
    )
    assert result["response"]["shouldEndSession"] is False


@pytest.mark.parametrize(
    "mutate",
    [
        lambda e: e["request"].update(type="Alexa.FutureRequest"),  # the SDK can't deserialise it
        lambda e: e.pop("request"),
        lambda e: e["request"].pop("type"),
        lambda e: e.update(request="not an object"),
        lambda e: e["request"].update(intent=None),
    ],
)
def test_envelopes_the_sdk_cannot_take_still_get_a_spoken_answer(harness: Harness, mutate: Any) -> None:
    event = intent_request("SleepIntent", access_token=TOKEN)
    mutate(event)
    result = harness.ask(event)
    assert result["version"] == "1.0"
    text = speech(result)
    assert text.startswith("Sorry")
    assert result["response"]["shouldEndSession"] is True


def test_an_envelope_without_a_user_is_asked_to_link(harness: Harness) -> None:
    event = intent_request("SleepIntent", access_token=TOKEN)
    del event["context"]["System"]["user"]
    del event["session"]["user"]
    assert_link_prompt(harness.ask(event))


@pytest.mark.parametrize("event", [None, [], "IntentRequest", 42, b"{}"])
def test_a_non_object_event_gets_a_spoken_answer(harness: Harness, event: Any) -> None:
    result = harness.ask(event)
    assert speech(result) == (
        "Sorry, I didn't understand that request. "
        "You can ask how you slept last night, or what your latest weight is."
    )


def test_a_bad_request_answers_in_its_locale(harness: Harness) -> None:
    event = intent_request("SleepIntent", locale="de-DE")
    event["request"]["type"] = "Alexa.FutureRequest"
    assert speech(harness.ask(event)).startswith("Entschuldige, diese Anfrage habe ich nicht verstanden.")


@pytest.mark.parametrize(
    ("value", "shape"),
    [("banana", "?"), ("2026-02-30", "XXXX-XX-XX"), ("XXXX-XX-XX", "XXXX-XX-XX"), ("2026-W99", "XXXX-WXX")],
)
def test_an_unreadable_date_is_answered_for_the_default_saying_so_and_logged_by_shape(
    harness: Harness, log_lines: list[dict[str, Any]], value: str, shape: str
) -> None:
    harness.api.activities = [activity(TODAY, 4321)]
    result = harness.ask(intent_request("ActivityIntent", {"date": value}, access_token=TOKEN))
    assert (
        speech(result) == "I didn't catch the date, so here's today. You've taken 4,321 steps so far today."
    )
    (line,) = [doc for doc in log_lines if doc.get("event") == "alexa_request"]
    assert line["date_shape"] == shape
    assert value == shape or value not in json.dumps(line)


def test_an_unreadable_date_for_the_latest_says_it_answered_with_the_latest(harness: Harness) -> None:
    harness.api.groups = [group(local(TODAY, 7, 12), {1: 80.0})]
    result = harness.ask(intent_request("BodyIntent", {"date": "banana"}, access_token=TOKEN))
    assert speech(result).startswith("I didn't catch the date, so here's your latest. 176.4 pounds")


def test_an_unreadable_date_for_sleep_names_the_night(harness: Harness) -> None:
    result = harness.ask(intent_request("SleepIntent", {"date": "banana"}, access_token=TOKEN))
    assert speech(result).startswith("I didn't catch the date, so here's last night. I don't have")


def test_an_empty_date_slot_is_no_date(harness: Harness) -> None:
    harness.api.activities = [activity(TODAY, 4321)]
    result = harness.ask(intent_request("ActivityIntent", {"date": ""}, access_token=TOKEN))
    assert speech(result) == "You've taken 4,321 steps so far today."


def test_missing_slots_get_the_default(harness: Harness) -> None:
    harness.api.activities = [activity(TODAY, 4321)]
    event = intent_request("ActivityIntent", access_token=TOKEN)
    del event["request"]["intent"]["slots"]
    assert speech(harness.ask(event)) == "You've taken 4,321 steps so far today."


def test_a_metric_id_from_another_slot_type_is_ignored(harness: Harness) -> None:
    harness.api.activities = [activity(TODAY, 4321)]
    slots = {"metric": ResolvedSlot("deep sleep", "DEEP")}
    assert speech(harness.ask(intent_request("ActivityIntent", slots, access_token=TOKEN))).endswith("today.")


# -- another skill -----------------------------------------------------------------------------------


def test_another_skill_id_is_refused_never_answered(
    harness: Harness, log_lines: list[dict[str, Any]]
) -> None:
    with pytest.raises(RequestRefused):
        lambda_function.lambda_handler(intent_request("SleepIntent", skill_id="amzn1.ask.skill.other"), None)
    assert log_lines[-1]["outcome"] == "refused"


def test_a_mismatching_session_application_is_refused(harness: Harness) -> None:
    event = intent_request("SleepIntent", skill_id=SKILL_ID)
    event["session"]["application"]["applicationId"] = "amzn1.ask.skill.other"
    with pytest.raises(RequestRefused):
        lambda_function.lambda_handler(event, None)


def test_an_envelope_without_any_application_id_is_refused(harness: Harness) -> None:
    event = intent_request("SleepIntent", skill_id=SKILL_ID)
    del event["context"]["System"]["application"]
    del event["session"]["application"]
    with pytest.raises(RequestRefused):
        lambda_function.lambda_handler(event, None)


def test_without_a_configured_skill_id_everything_is_refused(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SKILL_ID")
    composition.reset()
    with pytest.raises(RequestRefused):
        lambda_function.lambda_handler(launch_request(skill_id=SKILL_ID), None)


def test_the_session_application_alone_is_enough(harness: Harness) -> None:
    event = launch_request(skill_id=SKILL_ID)
    del event["context"]["System"]["application"]
    result = harness.ask(event)  # the SDK can't verify it: a spoken "didn't understand", not a crash
    assert speech(result).startswith("Sorry")


# -- session end and skill events -------------------------------------------------------------------


def test_session_ended_with_endpoint_timeout(harness: Harness, log_lines: list[dict[str, Any]]) -> None:
    result = harness.ask(session_ended_request("ERROR", "ENDPOINT_TIMEOUT"))
    assert result["response"] == {}
    line = log_lines[-1]
    assert (line["outcome"], line["reason"], line["error_type"]) == (
        "session_ended",
        "ERROR",
        "ENDPOINT_TIMEOUT",
    )


def test_skill_disabled_forgets_the_user(harness: Harness) -> None:
    result = harness.ask(skill_event("SkillDisabled", access_token=TOKEN))
    assert result["response"] == {}
    assert "sessionAttributes" not in result or result["sessionAttributes"] is None
    assert harness.accounts.forgotten == [("amzn1.ask.account.TESTUSER", (TOKEN, None))]


def test_skill_disabled_without_a_token(harness: Harness) -> None:
    harness.ask(skill_event("SkillDisabled"))
    assert harness.accounts.forgotten == [("amzn1.ask.account.TESTUSER", (None, None))]


def test_skill_disabled_with_a_recognised_speakers_token_forgets_that_link_too(harness: Harness) -> None:
    harness.ask(
        skill_event("SkillDisabled", access_token=TOKEN, person_id="amzn1.ask.person.P", person_token="own")
    )
    assert harness.accounts.forgotten == [("amzn1.ask.account.TESTUSER", (TOKEN, "own"))]


def test_skill_account_linked_remembers_the_user(harness: Harness) -> None:
    result = harness.ask(skill_event("SkillAccountLinked", linked_access_token="fresh-token"))
    assert result["response"] == {}
    assert harness.accounts.remembered == [("amzn1.ask.account.TESTUSER", "fresh-token", None)]


def test_skill_account_linked_by_a_person_remembers_that_person(harness: Harness) -> None:
    event = skill_event("SkillAccountLinked", linked_access_token="own-token", person_id="amzn1.ask.person.P")
    harness.ask(event)
    assert harness.accounts.remembered == [("amzn1.ask.account.TESTUSER", "own-token", "amzn1.ask.person.P")]


def test_skill_enabled_is_acknowledged_silently(harness: Harness) -> None:
    assert harness.ask(skill_event("SkillEnabled"))["response"] == {}


def test_a_failing_event_is_still_silent(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(alexa_user_id: str, access_token: str | None) -> None:
        raise AccountsUnavailable("storage down")

    monkeypatch.setattr(harness.accounts, "forget_alexa_user", boom)
    assert harness.ask(skill_event("SkillDisabled"))["response"] == {}


# -- the log line ------------------------------------------------------------------------------------


def test_one_log_line_per_request_without_tokens_or_health_values(
    harness: Harness, log_lines: list[dict[str, Any]]
) -> None:
    harness.api.activities = [activity(TODAY, 6240)]
    harness.ask(intent_request("ActivityIntent", access_token=TOKEN, locale="en-GB"))
    assert len(log_lines) == 1
    line = log_lines[0]
    assert (line["intent"], line["locale"], line["outcome"], line["link_id"]) == (
        "ActivityIntent",
        "en-GB",
        "answered",
        "link-1",
    )
    assert isinstance(line["latency_ms"], int) and line["request_id"]
    dumped = json.dumps(log_lines)
    for secret in (TOKEN, "withings-token", "test-api-access-token", "6240", "6,240"):
        assert secret not in dumped


def test_errors_are_logged_once_with_their_type(harness: Harness, log_lines: list[dict[str, Any]]) -> None:
    harness.api.errors["*"] = RuntimeError("boom with a value 81.2")
    harness.ask(intent_request("BodyIntent", access_token=TOKEN))
    assert len(log_lines) == 1
    assert (log_lines[0]["outcome"], log_lines[0]["error"]) == ("error", "RuntimeError")
    assert "81.2" not in json.dumps(log_lines)
    assert log_lines[0]["origin"].startswith("conftest.py:")
