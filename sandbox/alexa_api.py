"""A stand-in for the two Alexa service APIs the skill calls (at `context.System.apiEndpoint`).

- `GET /v2/devices/{deviceId}/settings/System.timeZone` answers the device's IANA time zone as a JSON
  string, like Alexa's Device Settings API. The skill needs it to turn "today" into a Withings date.
- `POST /v1/directives` accepts a progressive response (`VoicePlayer.Speak`) with 204, like Alexa's
  Progressive Response API, and records it so tests can see what would have been said while waiting.

Both need `Authorization: Bearer <apiAccessToken>`; any non-empty token is accepted (there is no Amazon
here to have issued one), a missing one gets 403.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sandbox import wire

TIMEZONE_PATH = re.compile(r"/v2/devices/([^/]+)/settings/System\.timeZone")
DIRECTIVES_PATH = "/v1/directives"


def is_alexa_route(path: str) -> bool:
    return path == DIRECTIVES_PATH or TIMEZONE_PATH.fullmatch(path) is not None


def _forbidden() -> wire.Response:
    return wire.json_response({"type": "FORBIDDEN", "message": "Request is not authorized."}, 403)


def handle(
    request: wire.Request,
    timezone: str,
    count: Callable[[str], None],
    record_directive: Callable[[dict[str, Any]], None],
) -> wire.Response:
    if TIMEZONE_PATH.fullmatch(request.path):
        if request.method != "GET":
            return wire.json_response({"type": "INVALID_METHOD", "message": "use GET"}, 405)
        if request.bearer() is None:
            return _forbidden()
        count("alexa_timezone")
        return wire.json_response(timezone)
    if request.method != "POST":
        return wire.json_response({"type": "INVALID_METHOD", "message": "use POST"}, 405)
    if request.bearer() is None:
        return _forbidden()
    try:
        payload = request.json()
    except ValueError:
        return wire.json_response({"code": "INVALID_DIRECTIVE", "message": "body is not JSON"}, 400)
    header = payload.get("header") if isinstance(payload, dict) else None
    directive = payload.get("directive") if isinstance(payload, dict) else None
    if (
        not isinstance(header, dict)
        or not header.get("requestId")
        or not isinstance(directive, dict)
        or directive.get("type") != "VoicePlayer.Speak"
        or not isinstance(directive.get("speech"), str)
    ):
        message = "expected {header: {requestId}, directive: {type: VoicePlayer.Speak, speech}}"
        return wire.json_response({"code": "INVALID_DIRECTIVE", "message": message}, 400)
    count("alexa_directives")
    record_directive(payload)
    return wire.Response(204, b"", "application/json")
