"""Alexa request envelopes for tests and local tools, built from real-shaped JSON fixtures.

The fixtures in tests/fixtures/alexa/ are envelopes as Alexa sends them (session, context.System with
apiEndpoint/apiAccessToken/device.supportedInterfaces, request with requestId/timestamp/locale/
dialogState); the builders copy one and fill in what a test varies. Every slot an intent declares
(skill.voice.intents.INTENT_SLOTS) is present, filled or not, as in real requests; custom slot values
carry entity resolution (ER_SUCCESS_MATCH with an id, ER_SUCCESS_NO_MATCH without).

A household: `person_id` adds context.System.person (a recognised voice), `person_token` that
person's own account-linking token (a profile-level link); `access_token` stays the shared
account's (context.System.user.accessToken), as Alexa sends them side by side.
"""

from __future__ import annotations

import copy
import json
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from skill import clock

FIXTURES: Final = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "alexa"
DEFAULT_SKILL_ID: Final = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
DEFAULT_USER_ID: Final = "amzn1.ask.account.TESTUSER"
DEFAULT_DEVICE_ID: Final = "amzn1.ask.device.TESTDEVICE"
DEFAULT_API_ENDPOINT: Final = "https://api.amazonalexa.com"
DEFAULT_API_ACCESS_TOKEN: Final = "test-api-access-token"  # noqa: S105 - an obviously fake test value


@dataclass(frozen=True)
class ResolvedSlot:
    """A custom slot value: `id` set → ER_SUCCESS_MATCH with that id; None → ER_SUCCESS_NO_MATCH."""

    value: str
    id: str | None = None


@lru_cache(maxsize=16)
def _fixture_text(name: str) -> str:
    return (FIXTURES / f"{name}.json").read_text(encoding="utf-8")


def load_fixture(name: str) -> dict[str, Any]:
    """A fresh copy of tests/fixtures/alexa/<name>.json."""
    data = json.loads(_fixture_text(name))
    if not isinstance(data, dict):
        raise ValueError(f"fixture {name} is not a JSON object")
    return data


def _skill_id(skill_id: str | None) -> str:
    return skill_id or os.environ.get("SKILL_ID") or DEFAULT_SKILL_ID


def _timestamp(moment: datetime | None) -> str:
    moment = moment or clock.now()  # the real time, or PINNED_NOW's
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _request_id() -> str:
    return f"amzn1.echo-api.request.{uuid.uuid4()}"


def _apply_common(
    envelope: dict[str, Any],
    *,
    locale: str,
    access_token: str | None,
    skill_id: str | None,
    user_id: str,
    device_id: str | None,
    api_endpoint: str,
    api_access_token: str | None,
    new_session: bool,
    timestamp: datetime | None,
    person_id: str | None = None,
    person_token: str | None = None,
) -> dict[str, Any]:
    app_id = _skill_id(skill_id)
    system = envelope["context"]["System"]
    system["application"]["applicationId"] = app_id
    system["user"] = {"userId": user_id, **({"accessToken": access_token} if access_token else {})}
    if person_id is not None or person_token is not None:
        system["person"] = {
            **({"personId": person_id} if person_id else {}),
            **({"accessToken": person_token} if person_token else {}),
            "authenticationConfidenceLevel": {"level": 200},
        }
    if device_id is None:
        system.pop("device", None)
    elif "device" in system:
        system["device"]["deviceId"] = device_id
    system["apiEndpoint"] = api_endpoint
    if api_access_token is None:
        system.pop("apiAccessToken", None)
    else:
        system["apiAccessToken"] = api_access_token
    session = envelope.get("session")
    if session is not None:
        session["new"] = new_session
        session["sessionId"] = f"amzn1.echo-api.session.{uuid.uuid4()}"
        session["application"]["applicationId"] = app_id
        session["user"] = dict(system["user"])
    request = envelope["request"]
    request["requestId"] = _request_id()
    request["locale"] = locale
    request["timestamp"] = _timestamp(timestamp)
    return envelope


def _slot(
    name: str, slot_type: str | None, value: str | ResolvedSlot | None, skill_id: str
) -> dict[str, Any]:
    if value is None:
        return {"name": name, "confirmationStatus": "NONE"}
    if isinstance(value, ResolvedSlot):
        authority = f"amzn1.er-authority.echo-sdk.{skill_id}.{slot_type or 'CUSTOM'}"
        if value.id is not None:
            resolution = {
                "authority": authority,
                "status": {"code": "ER_SUCCESS_MATCH"},
                "values": [{"value": {"name": value.value, "id": value.id}}],
            }
        else:
            resolution = {"authority": authority, "status": {"code": "ER_SUCCESS_NO_MATCH"}}
        resolutions = {"resolutionsPerAuthority": [resolution]}
        return {
            "name": name,
            "value": value.value,
            "confirmationStatus": "NONE",
            "source": "USER",
            "resolutions": resolutions,
            "slotValue": {"type": "Simple", "value": value.value, "resolutions": copy.deepcopy(resolutions)},
        }
    return {
        "name": name,
        "value": value,
        "confirmationStatus": "NONE",
        "source": "USER",
        "slotValue": {"type": "Simple", "value": value},
    }


def intent_request(
    intent: str,
    slots: Mapping[str, str | ResolvedSlot | None] | None = None,
    *,
    locale: str = "en-US",
    access_token: str | None = None,
    skill_id: str | None = None,
    user_id: str = DEFAULT_USER_ID,
    device_id: str = DEFAULT_DEVICE_ID,
    api_endpoint: str = DEFAULT_API_ENDPOINT,
    api_access_token: str = DEFAULT_API_ACCESS_TOKEN,
    new_session: bool = True,
    timestamp: datetime | None = None,
    person_id: str | None = None,
    person_token: str | None = None,
    session_attributes: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """An IntentRequest. Slots the intent declares but `slots` omits are sent unfilled.

    `session_attributes`: a later turn of a session (new=False), carrying what the skill's last
    response set, as Alexa echoes it back."""

    if session_attributes is not None:
        new_session = False
    envelope = _apply_common(
        load_fixture("intent_request"),
        locale=locale,
        access_token=access_token,
        skill_id=skill_id,
        user_id=user_id,
        device_id=device_id,
        api_endpoint=api_endpoint,
        api_access_token=api_access_token,
        new_session=new_session,
        timestamp=timestamp,
        person_id=person_id,
        person_token=person_token,
    )
    if session_attributes is not None:
        envelope["session"]["attributes"] = copy.deepcopy(dict(session_attributes))
    envelope["request"]["intent"] = _intent(intent, slots, _skill_id(skill_id))
    return envelope


def _intent(
    intent: str, slots: Mapping[str, str | ResolvedSlot | None] | None, app_id: str
) -> dict[str, Any]:
    from skill.voice.intents import INTENT_SLOTS

    declared = INTENT_SLOTS.get(intent, {})
    given = dict(slots or {})
    built: dict[str, Any] = {
        "name": intent,
        "confirmationStatus": "NONE",
        "slots": {
            name: _slot(name, declared.get(name), given.get(name), app_id)
            for name in (*declared, *(n for n in given if n not in declared))
        },
    }
    if not built["slots"]:
        del built["slots"]  # intents without slots carry none, as Alexa sends
    return built


def can_fulfill_request(
    intent: str,
    slots: Mapping[str, str | ResolvedSlot | None] | None = None,
    *,
    locale: str = "en-US",
    access_token: str | None = None,
    skill_id: str | None = None,
    user_id: str | None = DEFAULT_USER_ID,
    device_id: str = DEFAULT_DEVICE_ID,
    api_endpoint: str = DEFAULT_API_ENDPOINT,
    timestamp: datetime | None = None,
    person_id: str | None = None,
    person_token: str | None = None,
) -> dict[str, Any]:
    """A CanFulfillIntentRequest: no session, no apiAccessToken, maybe no token or even no userId."""
    envelope = _apply_common(
        load_fixture("can_fulfill_intent_request"),
        locale=locale,
        access_token=access_token,
        skill_id=skill_id,
        user_id=user_id or "",
        device_id=device_id,
        api_endpoint=api_endpoint,
        api_access_token=None,
        new_session=True,
        timestamp=timestamp,
        person_id=person_id,
        person_token=person_token,
    )
    if user_id is None:  # a user Alexa has not named (the skill may never have been enabled)
        system = envelope["context"]["System"]
        system["user"].pop("userId", None)
        if not system["user"]:
            del system["user"]
    request = envelope["request"]
    request["intent"] = _intent(intent, slots, _skill_id(skill_id))
    request["intent"].pop("confirmationStatus", None)
    return envelope


def launch_request(
    *,
    locale: str = "en-US",
    access_token: str | None = None,
    skill_id: str | None = None,
    user_id: str = DEFAULT_USER_ID,
    device_id: str = DEFAULT_DEVICE_ID,
    api_endpoint: str = DEFAULT_API_ENDPOINT,
    api_access_token: str = DEFAULT_API_ACCESS_TOKEN,
    timestamp: datetime | None = None,
    person_id: str | None = None,
    person_token: str | None = None,
) -> dict[str, Any]:
    return _apply_common(
        load_fixture("launch_request"),
        locale=locale,
        access_token=access_token,
        skill_id=skill_id,
        user_id=user_id,
        device_id=device_id,
        api_endpoint=api_endpoint,
        api_access_token=api_access_token,
        new_session=True,
        timestamp=timestamp,
        person_id=person_id,
        person_token=person_token,
    )


def session_ended_request(
    reason: str = "USER_INITIATED",
    error_type: str | None = None,
    *,
    locale: str = "en-US",
    access_token: str | None = None,
    skill_id: str | None = None,
    user_id: str = DEFAULT_USER_ID,
    device_id: str = DEFAULT_DEVICE_ID,
    api_endpoint: str = DEFAULT_API_ENDPOINT,
    api_access_token: str = DEFAULT_API_ACCESS_TOKEN,
    timestamp: datetime | None = None,
) -> dict[str, Any]:
    """reason USER_INITIATED / ERROR / EXCEEDED_MAX_REPROMPTS; error_type e.g. ENDPOINT_TIMEOUT."""
    envelope = _apply_common(
        load_fixture("session_ended_request"),
        locale=locale,
        access_token=access_token,
        skill_id=skill_id,
        user_id=user_id,
        device_id=device_id,
        api_endpoint=api_endpoint,
        api_access_token=api_access_token,
        new_session=False,
        timestamp=timestamp,
    )
    envelope["request"]["reason"] = reason
    if error_type is not None:
        envelope["request"]["error"] = {"type": error_type, "message": "test error"}
    return envelope


_EVENT_FIXTURES: Final = {
    "SkillDisabled": "skill_disabled",
    "SkillAccountLinked": "skill_account_linked",
    "SkillEnabled": "skill_enabled",
}


def skill_event(
    kind: str,
    *,
    access_token: str | None = None,
    linked_access_token: str | None = None,
    skill_id: str | None = None,
    user_id: str = DEFAULT_USER_ID,
    api_endpoint: str = DEFAULT_API_ENDPOINT,
    api_access_token: str = DEFAULT_API_ACCESS_TOKEN,
    timestamp: datetime | None = None,
    person_id: str | None = None,
    person_token: str | None = None,
) -> dict[str, Any]:
    """AlexaSkillEvent.<kind> (no session). For SkillAccountLinked, body.accessToken is the new token
    (with `person_id`: a person's profile-level link)."""
    if kind not in _EVENT_FIXTURES:
        raise ValueError(f"unknown skill event {kind!r}; known: {sorted(_EVENT_FIXTURES)}")
    envelope = _apply_common(
        load_fixture(_EVENT_FIXTURES[kind]),
        locale="en-US",
        access_token=access_token,
        skill_id=skill_id,
        user_id=user_id,
        device_id=None,
        api_endpoint=api_endpoint,
        api_access_token=api_access_token,
        new_session=False,
        timestamp=timestamp,
        person_id=person_id,
        person_token=person_token,
    )
    if kind == "SkillAccountLinked" and linked_access_token is not None:
        envelope["request"]["body"]["accessToken"] = linked_access_token
    return envelope
