"""The Alexa settings API (time zone) and progressive responses: endpoints, caching, fallbacks."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator

import pytest
import responses

from skill.voice import timezone
from skill.voice.progressive import ProgressiveResponse
from skill.withings.deadline import Deadline

ENDPOINT = "https://api.amazonalexa.com"
TZ_URL = f"{ENDPOINT}/v2/devices/dev-1/settings/System.timeZone"


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    timezone.reset_caches()
    yield
    timezone.reset_caches()


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://api.amazonalexa.com", True),
        ("https://api.eu.amazonalexa.com", True),
        ("http://127.0.0.1:8080", True),
        ("http://localhost:9", True),
        ("http://[::1]:9", True),
        ("http://api.amazonalexa.com", False),
        ("http://10.0.0.1", False),
        ("ftp://127.0.0.1", False),
        ("", False),
        ("not a url", False),
    ],
)
def test_only_https_or_loopback_http(url: str, allowed: bool) -> None:
    assert timezone.is_allowed_endpoint(url) is allowed


@responses.activate
def test_device_zone_is_fetched_with_the_bearer_token_and_cached() -> None:
    responses.add(responses.GET, TZ_URL, json="Europe/Berlin")
    deadline = Deadline.after(5)
    assert timezone.device_timezone(ENDPOINT, "dev-1", "api-token", deadline) == "Europe/Berlin"
    assert timezone.device_timezone(ENDPOINT, "dev-1", "api-token", deadline) == "Europe/Berlin"
    assert len(responses.calls) == 1
    assert responses.calls[0].request.headers["Authorization"] == "Bearer api-token"


@responses.activate
@pytest.mark.parametrize(
    "reply",
    [
        {"status": 403, "json": {"message": "forbidden"}},
        {"status": 200, "json": "Mars/Olympus_Mons"},
        {"status": 200, "json": {"tz": "Europe/Berlin"}},
        {"status": 200, "body": "not json"},
        {"body": ConnectionError("refused")},
    ],
)
def test_device_zone_failures_mean_none(reply: dict[str, object]) -> None:
    responses.add(responses.GET, TZ_URL, **reply)  # type: ignore[arg-type]
    assert timezone.device_timezone(ENDPOINT, "dev-1", "api-token", Deadline.after(5)) is None


def test_no_call_without_the_needed_fields_or_time() -> None:
    with responses.RequestsMock() as mock:  # any request would fail the test
        assert timezone.device_timezone(None, "dev-1", "t", Deadline.after(5)) is None
        assert timezone.device_timezone(ENDPOINT, None, "t", Deadline.after(5)) is None
        assert timezone.device_timezone(ENDPOINT, "dev-1", None, Deadline.after(5)) is None
        assert timezone.device_timezone("http://evil.example", "dev-1", "t", Deadline.after(5)) is None
        assert timezone.device_timezone(ENDPOINT, "dev-1", "t", Deadline.after(0)) is None
        assert not mock.calls


def test_user_zone_falls_back_to_the_records_then_utc() -> None:
    probes: list[str] = []

    def probe() -> str | None:
        probes.append("probe")
        return "America/Chicago"

    assert timezone.user_timezone(lambda: "Asia/Tokyo", "link-1", probe) == "Asia/Tokyo"
    assert probes == []
    assert timezone.user_timezone(lambda: None, "link-1", probe) == "America/Chicago"
    assert timezone.user_timezone(lambda: None, "link-1", probe) == "America/Chicago"
    assert probes == ["probe"]  # remembered per link

    def failing() -> str | None:
        raise RuntimeError("Withings down")

    assert timezone.user_timezone(lambda: None, "link-2", failing) == "UTC"
    assert timezone.user_timezone(lambda: None, "link-3", lambda: "Not/AZone") == "UTC"


def _progress(endpoint: str, deadline: Deadline, delay: float) -> ProgressiveResponse:
    return ProgressiveResponse(
        api_endpoint=endpoint,
        api_access_token="api-token",
        request_id="req-1",
        speech="One moment, checking your scale & more.",
        deadline=deadline,
        delay=delay,
    )


def test_progressive_response_is_sent_once_when_the_work_is_slow() -> None:
    sent = threading.Event()

    def callback(request: object) -> tuple[int, dict[str, str], str]:
        sent.set()
        return 204, {}, ""

    with responses.RequestsMock() as mock:
        mock.add_callback(responses.POST, f"{ENDPOINT}/v1/directives", callback=callback)
        with _progress(ENDPOINT, Deadline.after(5), delay=0.01):
            assert sent.wait(timeout=5)  # the "slow work": still running when the timer fires
        for _ in range(200):  # the timer thread records the call just after the callback returns
            if mock.calls:
                break
            time.sleep(0.01)
        assert len(mock.calls) == 1
        call = mock.calls[0].request
        body = json.loads(call.body or b"{}")
        assert body == {
            "header": {"requestId": "req-1"},
            "directive": {
                "type": "VoicePlayer.Speak",
                "speech": "<speak>One moment, checking your scale &amp; more.</speak>",
            },
        }
        assert call.headers["Authorization"] == "Bearer api-token"


def test_no_progressive_response_when_the_work_is_quick_or_impossible() -> None:
    with responses.RequestsMock() as mock:
        with _progress(ENDPOINT, Deadline.after(5), delay=30):
            pass
        assert not _progress("http://evil.example", Deadline.after(5), 0.01).possible
        assert not mock.calls
