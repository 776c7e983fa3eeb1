"""transport.send/call: envelope unwrapping, status families, timeouts, bounded retries."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import requests
import responses

from skill.withings import transport
from skill.withings.auth import BearerAuth, PreparedRequest
from skill.withings.deadline import Deadline
from skill.withings.errors import (
    AuthError,
    BadStateError,
    InvalidParamsError,
    NotImplementedByWithingsError,
    RateLimitedError,
    ServiceError,
    UnauthorizedError,
    UnknownStatusError,
    WithingsTimeoutError,
)

FIXTURES = Path(__file__).parents[2] / "fixtures" / "withings"
STATUS_ERRORS = json.loads((FIXTURES / "status_errors.json").read_text())
URL = "https://wbsapi.test/measure"


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rs:
        yield rs


@pytest.fixture
def sleeps(monkeypatch):
    """Backoffs are recorded instead of slept, so retry tests stay fast."""
    recorded: list[float] = []
    monkeypatch.setattr(transport, "_sleep", recorded.append)
    return recorded


def post(**params: str) -> PreparedRequest:
    return BearerAuth("fake-access-token").prepare(URL, {"action": "getmeas", **params})


def test_call_unwraps_body_and_sends_form_post_with_bearer(mocked):
    mocked.post(URL, json={"status": 0, "body": {"timezone": "Europe/Paris", "measuregrps": []}})

    body = transport.call(post(meastypes="1,6"), deadline=Deadline.after(5))

    assert body == {"timezone": "Europe/Paris", "measuregrps": []}
    sent = mocked.calls[0].request
    assert sent.headers["Authorization"] == "Bearer fake-access-token"
    assert parse_qs(sent.body) == {"action": ["getmeas"], "meastypes": ["1,6"]}


def test_call_sends_signed_get_as_is(mocked):
    signed = f"{URL}?action=getmeas&userid=42&oauth_signature=abc%3D"
    mocked.get(URL, json={"status": 0, "body": {"ok": 1}})

    body = transport.call(PreparedRequest("GET", signed), deadline=Deadline.after(5))

    assert body == {"ok": 1}
    assert mocked.calls[0].request.url == signed
    assert mocked.calls[0].request.body is None


def test_missing_body_is_empty_mapping(mocked):
    mocked.post(URL, json={"status": 0})
    assert transport.call(post(), deadline=Deadline.after(5)) == {}


FAMILIES = [
    ("100", AuthError, None),
    ("401", AuthError, None),
    ("503", InvalidParamsError, None),
    ("2554", NotImplementedByWithingsError, None),
    ("2555", UnauthorizedError, None),
    ("601", RateLimitedError, 188.0),
    ("522", WithingsTimeoutError, None),
    ("524", BadStateError, None),
    ("2556", ServiceError, None),
    ("342", AuthError, None),
    ("99999", UnknownStatusError, None),
]


@pytest.mark.parametrize(("status", "family", "wait"), FAMILIES)
def test_in_body_status_raises_its_family_once(mocked, sleeps, status, family, wait):
    envelope = STATUS_ERRORS[status]
    mocked.post(URL, json=envelope)  # HTTP 200: success is decided by the body

    with pytest.raises(family) as info:
        transport.call(post(), deadline=Deadline.after(5))

    assert info.value.status == int(status)
    if "error" in envelope:
        assert info.value.error == envelope["error"]
    if family is RateLimitedError:
        assert info.value.wait_seconds == wait
    assert len(mocked.calls) == 1  # statuses (601 included) are never retried
    assert sleeps == []


def test_status_zero_fixture_is_success(mocked):
    mocked.post(URL, json=STATUS_ERRORS["0"])
    assert transport.call(post(), deadline=Deadline.after(5)) == {}


def test_http_500_is_retried_once_then_service_error(mocked, sleeps):
    mocked.post(URL, status=500, body="<html>oops</html>")

    with pytest.raises(ServiceError) as info:
        transport.call(post(), deadline=Deadline.after(5))

    assert info.value.status is None
    assert info.value.error == "HTTP 500"
    assert len(mocked.calls) == 2
    assert len(sleeps) == 1 and 0 < sleeps[0] < 1


def test_http_502_then_success_recovers(mocked, sleeps):
    mocked.post(URL, status=502)
    mocked.post(URL, json={"status": 0, "body": {"x": 1}})

    assert transport.call(post(), deadline=Deadline.after(5)) == {"x": 1}
    assert len(mocked.calls) == 2


def test_retries_zero_means_one_attempt(mocked, sleeps):
    mocked.post(URL, status=503)
    with pytest.raises(ServiceError):
        transport.call(post(), deadline=Deadline.after(5), retries=0)
    assert len(mocked.calls) == 1
    assert sleeps == []


def test_connection_error_is_retried_then_succeeds(mocked, sleeps):
    mocked.post(URL, body=requests.exceptions.ConnectionError("reset"))
    mocked.post(URL, json={"status": 0, "body": {"ok": True}})

    assert transport.call(post(), deadline=Deadline.after(5)) == {"ok": True}
    assert len(mocked.calls) == 2


def test_connection_errors_exhaust_into_timeout_error(mocked, sleeps):
    mocked.post(URL, body=requests.exceptions.ConnectionError("refused"))
    with pytest.raises(WithingsTimeoutError):
        transport.call(post(), deadline=Deadline.after(5), retries=2)
    assert len(mocked.calls) == 3
    assert len(sleeps) == 2 and sleeps[1] > sleeps[0] * 0.5  # backoff grows (jitter aside)


def test_read_timeout_is_timeout_error_and_not_retried(mocked, sleeps):
    mocked.post(URL, body=requests.exceptions.ReadTimeout("slow"))
    with pytest.raises(WithingsTimeoutError) as info:
        transport.call(post(), deadline=Deadline.after(5))
    assert info.value.transient
    assert len(mocked.calls) == 1


def test_other_request_errors_become_timeout_errors(mocked):
    mocked.post(URL, body=requests.exceptions.TooManyRedirects("loop"))
    with pytest.raises(WithingsTimeoutError):
        transport.call(post(), deadline=Deadline.after(5))


def test_expired_deadline_makes_no_request(mocked):
    mocked.post(URL, json={"status": 0, "body": {}})
    with pytest.raises(WithingsTimeoutError):
        transport.call(post(), deadline=Deadline.after(0))
    assert len(mocked.calls) == 0


def test_no_retry_when_deadline_leaves_no_room(mocked, sleeps):
    mocked.post(URL, status=500)
    with pytest.raises(ServiceError):
        transport.call(post(), deadline=Deadline.after(0.3), retries=3)
    assert len(mocked.calls) == 1
    assert sleeps == []


def test_retry_stops_when_deadline_runs_out_between_attempts(mocked, monkeypatch):
    # The "sleep" spends the whole remaining budget, so the next attempt must not start.
    deadline = Deadline.after(5)
    clock = {"now": deadline.expires_at - 5}
    monkeypatch.setattr("skill.withings.deadline.time.monotonic", lambda: clock["now"])
    monkeypatch.setattr(transport, "_sleep", lambda s: clock.update(now=deadline.expires_at))
    mocked.post(URL, body=requests.exceptions.ConnectionError("reset"))

    with pytest.raises(WithingsTimeoutError):
        transport.call(post(), deadline=deadline, retries=5)
    assert len(mocked.calls) == 1


def test_timeout_is_derived_from_deadline_and_cap(mocked):
    mocked.post(URL, json={"status": 0, "body": {}})
    transport.call(post(), deadline=Deadline.after(60), cap=2.5)
    connect, read = mocked.calls[0].request.req_kwargs["timeout"]
    assert read == 2.5
    assert 0 < connect <= 1.0

    transport.call(post(), deadline=Deadline.after(0.8), cap=3.0)
    connect, read = mocked.calls[1].request.req_kwargs["timeout"]
    assert read <= 0.8
    assert connect <= read


@pytest.mark.parametrize(
    "payload",
    [b"<html>502 Bad Gateway</html>", b"", b"[1, 2]", b'{"body": {}}', b'{"status": "0"}',
     b'{"status": 0, "body": [1]}'],
)  # fmt: skip
def test_unusable_payload_is_service_error(mocked, payload):
    mocked.post(URL, body=payload, status=200)
    with pytest.raises(ServiceError):
        transport.call(post(), deadline=Deadline.after(5))


def test_error_status_with_non_object_body_still_maps(mocked):
    mocked.post(URL, json={"status": 601, "body": [], "error": "Too many requests"})
    with pytest.raises(RateLimitedError) as info:
        transport.call(post(), deadline=Deadline.after(5))
    assert info.value.wait_seconds is None


def test_http_4xx_with_json_envelope_is_parsed(mocked):
    mocked.post(URL, status=401, json={"status": 401, "body": {}, "error": "invalid_token"})
    with pytest.raises(AuthError):
        transport.call(post(), deadline=Deadline.after(5))


def test_send_returns_non_5xx_responses(mocked):
    mocked.post(URL, status=404, body="not here")
    response = transport.send(post(), deadline=Deadline.after(5))
    assert response.status_code == 404


def test_session_is_shared_and_pooled_for_threads():
    session = transport.get_session()
    assert transport.get_session() is session
    adapter = session.get_adapter("https://wbsapi.withings.net")
    assert adapter._pool_maxsize >= 50
    assert adapter.max_retries.total == 0  # retries are ours, bounded by the deadline


def test_token_never_appears_in_error_text(mocked):
    mocked.post(URL, body=requests.exceptions.ConnectionError("boom"))
    with pytest.raises(WithingsTimeoutError) as info:
        transport.call(post(), deadline=Deadline.after(5), retries=0)
    assert "fake-access-token" not in str(info.value)
