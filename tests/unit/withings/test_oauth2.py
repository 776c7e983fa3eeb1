"""OAuth 2.0 against Withings' {status, body} token endpoint: URLs, unwrapping, refusals, refresh."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
import responses

from skill.withings.auth import OAuth2Tokens
from skill.withings.deadline import Deadline
from skill.withings.errors import (
    AuthError,
    InvalidParamsError,
    RateLimitedError,
    ServiceError,
    UnauthorizedError,
    UnknownStatusError,
    WithingsError,
    WithingsTimeoutError,
)
from skill.withings.oauth2 import (
    SCOPES_DEFAULT,
    OAuth2Client,
    RefreshingBearerAuth,
    authorize_url,
    exchange_code,
    is_refusal,
    refresh,
)

TOKEN_URL = "https://wbsapi.example.test/v2/oauth2"
CLIENT = OAuth2Client(
    client_id="fake-client-id",
    client_secret="fake-client-secret",
    authorize_url="https://account.example.test/oauth2_user/authorize2",
    token_url=TOKEN_URL,
)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _ok(**body: Any) -> dict[str, Any]:
    return {"status": 0, "body": body}


def _form(call: Any) -> dict[str, str]:
    raw = call.request.body
    return dict(parse_qsl(raw if isinstance(raw, str) else raw.decode()))


# --- authorize URL ---------------------------------------------------------------------------------


def test_authorize_url_has_comma_joined_scopes_and_state() -> None:
    url = authorize_url(CLIENT, "https://pitangui.amazon.test/api/skill/link/ABC", "st4te/+=")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == CLIENT.authorize_url
    query = dict(parse_qsl(parts.query))
    assert query == {
        "response_type": "code",
        "client_id": "fake-client-id",
        "state": "st4te/+=",
        "scope": "user.metrics,user.activity",
        "redirect_uri": "https://pitangui.amazon.test/api/skill/link/ABC",
    }
    assert "scope=user.metrics,user.activity" in parts.query  # commas stay readable
    assert "fake-client-secret" not in url
    assert SCOPES_DEFAULT == ("user.metrics", "user.activity")


def test_authorize_url_custom_scopes_and_demo_mode() -> None:
    client = OAuth2Client("id", "secret", "https://a.example.test/authorize2?lang=en", TOKEN_URL)
    query = dict(
        parse_qsl(urlsplit(authorize_url(client, "https://r.test/cb", "s", ["user.info"], "demo")).query)
    )
    assert query["scope"] == "user.info"
    assert query["mode"] == "demo"
    assert query["lang"] == "en"


def test_client_secret_not_in_repr() -> None:
    assert "fake-client-secret" not in repr(CLIENT)


# --- code exchange and refresh ---------------------------------------------------------------------


@pytest.mark.parametrize("userid", [1234567, "1234567"])
@responses.activate
def test_exchange_code_posts_requesttoken_and_unwraps_body(userid: int | str) -> None:
    responses.add(
        responses.POST,
        TOKEN_URL,
        json=_ok(
            userid=userid,
            access_token="fake-access",
            refresh_token="fake-refresh",
            expires_in=10800,
            scope="user.metrics,user.activity",
            csrf_token="x",
            token_type="Bearer",
        ),
    )
    tokens = exchange_code(CLIENT, "fake-code", "https://r.test/cb", deadline=Deadline.after(5), now=NOW)
    assert tokens == OAuth2Tokens(
        access_token="fake-access",
        refresh_token="fake-refresh",
        expires_at=NOW + timedelta(hours=3),
        userid="1234567",
        scope="user.metrics,user.activity",
    )
    assert len(responses.calls) == 1
    assert _form(responses.calls[0]) == {
        "action": "requesttoken",
        "grant_type": "authorization_code",
        "client_id": "fake-client-id",
        "client_secret": "fake-client-secret",
        "code": "fake-code",
        "redirect_uri": "https://r.test/cb",
    }


@responses.activate
def test_exchange_code_accepts_expires_in_as_string_and_defaults_now_to_utc() -> None:
    responses.add(
        responses.POST,
        TOKEN_URL,
        json=_ok(userid=1, access_token="a", refresh_token="r", expires_in="10800"),
    )
    before = datetime.now(UTC)
    tokens = exchange_code(CLIENT, "c", "https://r.test/cb", deadline=Deadline.after(5))
    assert tokens.expires_at.tzinfo is not None
    assert before + timedelta(seconds=10800) <= tokens.expires_at
    assert tokens.scope == ""


@responses.activate
def test_refresh_posts_refresh_grant_and_rotates() -> None:
    responses.add(
        responses.POST,
        TOKEN_URL,
        json=_ok(userid=7, access_token="new-access", refresh_token="new-refresh", expires_in=10800),
    )
    tokens = refresh(CLIENT, "old-refresh", deadline=Deadline.after(5), now=NOW)
    assert (tokens.access_token, tokens.refresh_token, tokens.userid) == ("new-access", "new-refresh", "7")
    assert _form(responses.calls[0]) == {
        "action": "requesttoken",
        "grant_type": "refresh_token",
        "client_id": "fake-client-id",
        "client_secret": "fake-client-secret",
        "refresh_token": "old-refresh",
    }


@responses.activate
def test_refresh_keeps_the_old_refresh_token_when_the_reply_omits_it() -> None:
    responses.add(responses.POST, TOKEN_URL, json=_ok(access_token="new-access", expires_in=10800))
    tokens = refresh(CLIENT, "old-refresh", deadline=Deadline.after(5), now=NOW, userid="7")
    assert tokens.refresh_token == "old-refresh"
    assert tokens.access_token == "new-access"
    assert tokens.userid == "7"


@pytest.mark.parametrize(
    "reply",
    [
        {"status": 0, "body": {}},
        {"status": 0},
        {"status": 0, "body": {"refresh_token": "r", "expires_in": 10800, "userid": 1}},
        {"status": 0, "body": {"access_token": "", "refresh_token": "r", "expires_in": 10800, "userid": 1}},
        {"status": 0, "body": {"access_token": "a", "refresh_token": "r", "expires_in": "soon", "userid": 1}},
        {"status": 0, "body": {"access_token": "a", "refresh_token": "r", "expires_in": 0, "userid": 1}},
    ],
)
@responses.activate
def test_refresh_never_returns_tokens_from_an_empty_or_broken_reply(reply: dict[str, Any]) -> None:
    responses.add(responses.POST, TOKEN_URL, json=reply)
    with pytest.raises(ServiceError):
        refresh(CLIENT, "old-refresh", deadline=Deadline.after(5), now=NOW, userid="7")


@responses.activate
def test_exchange_without_userid_is_refused_as_garbage() -> None:
    responses.add(responses.POST, TOKEN_URL, json=_ok(access_token="a", refresh_token="r", expires_in=10800))
    with pytest.raises(ServiceError):
        exchange_code(CLIENT, "c", "https://r.test/cb", deadline=Deadline.after(5), now=NOW)


# --- failures and is_refusal -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "expected", "refusal"),
    [
        (
            {"json": {"status": 503, "body": {}, "error": "Invalid Params: invalid code"}},
            InvalidParamsError,
            True,
        ),
        ({"json": {"status": 401, "body": {}, "error": "invalid_token"}}, AuthError, True),
        ({"json": {"status": 100, "body": {}}}, AuthError, True),
        ({"json": {"status": 2555, "body": {}}}, UnauthorizedError, True),
        ({"json": {"status": 601, "body": {"wait_seconds": 188}}}, RateLimitedError, False),
        ({"json": {"status": 522, "body": {}}}, WithingsTimeoutError, False),
        ({"json": {"status": 99999, "body": {}}}, UnknownStatusError, False),
        ({"json": {"status": 2551, "body": {}}}, ServiceError, False),
        ({"body": "Internal Server Error", "status": 500}, ServiceError, False),
        ({"body": "<html>hello</html>", "status": 200}, ServiceError, False),
        ({"body": requests.exceptions.ConnectionError("refused")}, WithingsTimeoutError, False),
    ],
)
@responses.activate
def test_failures_map_to_typed_errors_and_only_refusals_mean_relink(
    reply: dict[str, Any], expected: type[WithingsError], refusal: bool
) -> None:
    responses.add(responses.POST, TOKEN_URL, **reply)
    with pytest.raises(WithingsError) as caught:
        refresh(CLIENT, "old-refresh", deadline=Deadline.after(5), now=NOW, userid="7")
    assert type(caught.value) is expected
    assert is_refusal(caught.value) is refusal
    if expected is RateLimitedError:
        assert isinstance(caught.value, RateLimitedError)
        assert caught.value.wait_seconds == 188
    assert len(responses.calls) == 1  # a token call is never retried


@responses.activate
def test_code_exchange_refusal_with_503() -> None:
    responses.add(responses.POST, TOKEN_URL, json={"status": 503, "body": {}, "error": "invalid code"})
    with pytest.raises(InvalidParamsError) as caught:
        exchange_code(CLIENT, "dead-code", "https://r.test/cb", deadline=Deadline.after(5), now=NOW)
    assert caught.value.status == 503
    assert is_refusal(caught.value)


def test_is_refusal_on_errors_raised_without_a_status() -> None:
    assert not is_refusal(WithingsTimeoutError(None, "deadline"))
    assert not is_refusal(ServiceError(None, "HTTP 502"))
    assert is_refusal(AuthError(None, "HTTP 401"))


# --- RefreshingBearerAuth --------------------------------------------------------------------------


def _tokens(access: str, refresh_token: str, expires_at: datetime) -> OAuth2Tokens:
    return OAuth2Tokens(access, refresh_token, expires_at, userid="7")


@responses.activate
def test_refreshing_auth_uses_the_current_token_while_it_is_fresh() -> None:
    persisted: list[OAuth2Tokens] = []
    auth = RefreshingBearerAuth(
        CLIENT, _tokens("fresh-access", "r", NOW + timedelta(hours=1)), persisted.append, clock=lambda: NOW
    )
    prepared = auth.prepare("https://wbsapi.example.test/v2/sleep", {"action": "getsummary"})
    assert prepared.method == "POST"
    assert prepared.headers["Authorization"] == "Bearer fresh-access"
    assert prepared.data == {"action": "getsummary"}
    assert persisted == []
    assert len(responses.calls) == 0


@responses.activate
def test_refreshing_auth_persists_the_new_pair_before_using_it() -> None:
    responses.add(
        responses.POST,
        TOKEN_URL,
        json=_ok(userid=7, access_token="new-access", refresh_token="new-refresh", expires_in=10800),
    )
    seen_at_persist: list[tuple[str, str]] = []

    def on_refresh(new: OAuth2Tokens) -> None:
        # At this point the new access token must not be in use yet.
        seen_at_persist.append((new.refresh_token, auth.tokens.access_token))

    # Expires in 4 minutes: inside the default 5-minute margin.
    auth = RefreshingBearerAuth(
        CLIENT,
        _tokens("old-access", "old-refresh", NOW + timedelta(minutes=4)),
        on_refresh,
        clock=lambda: NOW,
    )
    prepared = auth.prepare("https://wbsapi.example.test/measure", {"action": "getmeas"})
    assert seen_at_persist == [("new-refresh", "old-access")]
    assert prepared.headers["Authorization"] == "Bearer new-access"
    assert auth.tokens.refresh_token == "new-refresh"
    assert _form(responses.calls[0])["refresh_token"] == "old-refresh"


@responses.activate
def test_refreshing_auth_drops_the_new_pair_when_persisting_fails() -> None:
    responses.add(
        responses.POST,
        TOKEN_URL,
        json=_ok(userid=7, access_token="new-access", refresh_token="new-refresh", expires_in=10800),
    )

    def on_refresh(new: OAuth2Tokens) -> None:
        raise OSError("store unavailable")

    old = _tokens("old-access", "old-refresh", NOW - timedelta(minutes=1))
    auth = RefreshingBearerAuth(CLIENT, old, on_refresh, clock=lambda: NOW)
    with pytest.raises(OSError):
        auth.prepare("https://wbsapi.example.test/measure", {})
    assert auth.tokens == old  # the new access token was never adopted, so the old refresh token lives


@responses.activate
def test_refreshing_auth_failed_refresh_keeps_old_tokens_and_raises() -> None:
    responses.add(responses.POST, TOKEN_URL, json={"status": 503, "body": {}})
    persisted: list[OAuth2Tokens] = []
    old = _tokens("old-access", "old-refresh", NOW - timedelta(minutes=1))
    auth = RefreshingBearerAuth(CLIENT, old, persisted.append, clock=lambda: NOW)
    with pytest.raises(InvalidParamsError):
        auth.prepare("https://wbsapi.example.test/measure", {})
    assert persisted == []
    assert auth.tokens == old


@responses.activate
def test_refreshing_auth_refreshes_once_under_ten_concurrent_threads() -> None:
    def slow_token_endpoint(request: Any) -> tuple[int, dict[str, str], str]:
        time.sleep(0.2)  # widen the race window: without the lock every thread would get here
        body = _ok(userid=7, access_token="new-access", refresh_token="new-refresh", expires_in=10800)
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    responses.add_callback(responses.POST, TOKEN_URL, callback=slow_token_endpoint)
    persisted: list[OAuth2Tokens] = []
    auth = RefreshingBearerAuth(
        CLIENT,
        _tokens("old-access", "old-refresh", NOW - timedelta(seconds=1)),
        persisted.append,
        clock=lambda: NOW,
    )
    barrier = threading.Barrier(10)
    headers: list[str] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            prepared = auth.prepare("https://wbsapi.example.test/measure", {})
            headers.append(prepared.headers["Authorization"])
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    assert len(responses.calls) == 1
    assert [t.refresh_token for t in persisted] == ["new-refresh"]
    assert headers == ["Bearer new-access"] * 10
