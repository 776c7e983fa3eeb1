"""A progressive response ("One moment, checking your scale.") when Withings is slow.

Alexa plays a progressive response only if it arrives before the final one, and only for
LaunchRequest/IntentRequest (alexa-notes.md §1.5). A timer thread sends it once if the data calls
have not finished after DELAY_S; the handler never waits for it, so it cannot delay the reply. The
POST has its own short timeout and goes to https endpoints (or http on loopback, for the stand-in).
"""

from __future__ import annotations

import logging
import threading
from types import TracebackType
from typing import TYPE_CHECKING, Final

from skill.voice.speech.ssml import to_ssml
from skill.voice.timezone import alexa_session, is_allowed_endpoint

if TYPE_CHECKING:
    from skill.withings.deadline import Deadline

_log = logging.getLogger(__name__)

DELAY_S: Final = 1.2
POST_CAP_S: Final = 1.0
# Not worth sending when the final reply is due this soon anyway.
_MIN_REMAINING_S: Final = 1.0


class ProgressiveResponse:
    """Context manager: sends `speech` once if the block is still running after `delay` seconds."""

    def __init__(
        self,
        *,
        api_endpoint: str | None,
        api_access_token: str | None,
        request_id: str | None,
        speech: str,
        deadline: Deadline,
        delay: float = DELAY_S,
    ) -> None:
        self._endpoint = api_endpoint
        self._token = api_access_token
        self._request_id = request_id
        self._speech = speech
        self._deadline = deadline
        self._delay = delay
        self._timer: threading.Timer | None = None

    @property
    def possible(self) -> bool:
        return bool(
            self._endpoint and self._token and self._request_id and is_allowed_endpoint(self._endpoint)
        )

    def __enter__(self) -> ProgressiveResponse:
        if self.possible:
            self._timer = threading.Timer(self._delay, self._send)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._timer is not None:
            self._timer.cancel()  # a send already under way finishes on its own; we don't wait

    def _send(self) -> None:
        remaining = self._deadline.remaining()
        if remaining < _MIN_REMAINING_S:
            return
        try:
            timeout = min(POST_CAP_S, remaining - _MIN_REMAINING_S / 2)
            response = alexa_session().post(
                f"{(self._endpoint or '').rstrip('/')}/v1/directives",
                json={
                    "header": {"requestId": self._request_id},
                    "directive": {"type": "VoicePlayer.Speak", "speech": to_ssml(self._speech)},
                },
                headers={"Authorization": f"Bearer {self._token}"},
                timeout=(timeout, timeout),
                allow_redirects=False,
            )
            _log.info("progressive response sent", extra={"status": response.status_code})
        except Exception as exc:  # a missed "one moment" must never affect the reply
            _log.info("progressive response failed", extra={"error": type(exc).__name__})
