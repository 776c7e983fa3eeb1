"""The callback route through lambda_function's HTTP path: authentic notifications invalidate and get
2xx, forged and malformed ones change nothing and get a 4xx, the probe gets 200, nothing raises."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import pytest

from skill import observability
from skill.notifications import secret
from skill.notifications.route import NotifyContext, handle_http_event
from skill.withings.deadline import Deadline
from skill.withings.notify import Notification

KEY = secret.derive_key(b"k" * 32)
USERID = "10001"


class Recorder:
    def __init__(self, fail: bool = False) -> None:
        self.seen: list[Notification] = []
        self.fail = fail

    def __call__(self, notification: Notification, deadline: Deadline) -> None:
        assert deadline.remaining() <= 2.0  # Withings waits 2 s
        if self.fail:
            raise RuntimeError("the table is down")
        self.seen.append(notification)


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    yield Recorder()


def event(
    method: str,
    query: str = "",
    body: str = "",
    content_type: str = "application/x-www-form-urlencoded",
    *,
    b64: bool = False,
    path: str = "/withings/notify",
) -> dict[str, Any]:
    return {
        "version": "2.0",
        "rawPath": path,
        "rawQueryString": query,
        "headers": {"content-type": content_type},
        "requestContext": {"http": {"method": method, "path": path}, "domainName": "skill.example.test"},
        "body": base64.b64encode(body.encode()).decode() if b64 else body,
        "isBase64Encoded": b64,
    }


def post(recorder: Recorder, form: dict[str, str], presented: str | None, **kw: Any) -> dict[str, Any]:
    query = urlencode({"s": presented}) if presented is not None else ""
    ctx = NotifyContext(key=lambda: KEY, invalidate=recorder)
    return handle_http_event(event("POST", query, urlencode(form), **kw), None, lambda: ctx)


FORM = {"userid": USERID, "appli": "1", "startdate": "1764000000", "enddate": "1764000600"}


def test_an_authentic_notification_invalidates_what_it_covers(recorder: Recorder) -> None:
    out = post(recorder, FORM, secret.user_secret(KEY, USERID))
    assert out["statusCode"] == 200
    [seen] = recorder.seen
    assert (seen.userid, seen.appli_code) == (USERID, 1)
    assert seen.start == datetime.fromtimestamp(1764000000, UTC)
    assert seen.end == datetime.fromtimestamp(1764000600, UTC)


def test_the_secret_is_the_callback_urls_own() -> None:
    url = secret.callback_url("https://skill.example.test/", KEY, USERID)
    assert url.startswith("https://skill.example.test/withings/notify?s=")
    assert len(url) <= 255  # Withings' limit on a callback URL
    assert secret.user_secret(KEY, USERID) != secret.user_secret(KEY, "10002")
    assert secret.user_secret(KEY, USERID) != secret.user_secret(secret.derive_key(b"j" * 32), USERID)


@pytest.mark.parametrize(
    "presented",
    [None, "", "AAAAAAAAAAAAAAAAAAAAAA", secret.user_secret(KEY, "10002")],
    ids=["no secret", "empty", "made up", "another user's"],
)
def test_a_forged_notification_changes_nothing(recorder: Recorder, presented: str | None) -> None:
    out = post(recorder, FORM, presented)
    assert out["statusCode"] == 403
    assert recorder.seen == []


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"userid": "abc", "appli": "1", "startdate": "1", "enddate": "2"},
        {"userid": USERID, "appli": "x", "startdate": "1", "enddate": "2"},
        {"userid": USERID, "appli": "1", "startdate": "9", "enddate": "2"},
        {"userid": USERID, "appli": "1", "startdate": "soon", "enddate": "2"},
    ],
    ids=["empty", "bad userid", "bad appli", "start after end", "bad start"],
)
def test_a_malformed_body_gets_400_and_changes_nothing(recorder: Recorder, form: dict[str, str]) -> None:
    presented = secret.user_secret(KEY, form.get("userid", USERID))
    out = post(recorder, form, presented)
    assert out["statusCode"] == 400
    assert recorder.seen == []


def test_a_body_that_is_not_a_form_gets_400(recorder: Recorder) -> None:
    out = post(recorder, FORM, secret.user_secret(KEY, USERID), content_type="application/json")
    assert out["statusCode"] == 400
    assert recorder.seen == []


@pytest.mark.parametrize("method", ["HEAD", "GET"])
def test_withings_probe_is_answered_200(method: str) -> None:
    ctx = NotifyContext(key=lambda: KEY, invalidate=Recorder())
    out = handle_http_event(event(method, "s=whatever"), None, lambda: ctx)
    assert out["statusCode"] == 200


def test_other_methods_and_paths_are_refused() -> None:
    ctx = NotifyContext(key=lambda: KEY, invalidate=Recorder())
    assert handle_http_event(event("DELETE"), None, lambda: ctx)["statusCode"] == 405
    assert handle_http_event(event("POST", path="/withings/other"), None, lambda: ctx)["statusCode"] == 404


def test_a_failed_invalidation_still_answers_2xx() -> None:
    # Withings drops a subscription after repeated failures: the max ages bound what is served meanwhile.
    out = post(Recorder(fail=True), FORM, secret.user_secret(KEY, USERID))
    assert out["statusCode"] == 200


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_the_log_line_never_names_the_user(recorder: Recorder) -> None:
    lines = Lines()
    logger = logging.getLogger(observability._logger.name)
    logger.addHandler(lines)
    try:
        post(recorder, FORM, secret.user_secret(KEY, USERID))
        post(recorder, FORM, "forged")
        post(Recorder(fail=True), FORM, secret.user_secret(KEY, USERID))
    finally:
        logger.removeHandler(lines)
    logged = "\n".join(lines.lines)
    assert '"event":"notify_request"' in logged and '"outcome":"forged"' in logged
    assert USERID not in logged
    assert secret.user_secret(KEY, USERID) not in logged
