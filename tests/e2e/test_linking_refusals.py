"""Every refusal of the linking routes: the right RFC 6749 answer (or page), and nothing stored changed.

Through lambda_function.lambda_handler with HTTP API v2 events, against the sandbox and DynamoDB Local.
"""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from sandbox.server import RunningSandbox
from skill.store import clock, policy
from tests.e2e.test_linking_harness import (
    CLIENT_ID,
    CLIENT_SECRET,
    PUBLIC_BASE_URL,
    REDIRECT_URI,
    REDIRECT_URIS,
    Reply,
    assert_not_in_logs,
    authorize_url,
    browse,
    configure,
    create_test_table,
    drop_test_table,
    dump_table,
    lambda_fetch,
    reset_caches,
    skill_logs,
    token_request,
)

pytestmark = pytest.mark.e2e
CREDS = (CLIENT_ID, CLIENT_SECRET)
fetch = lambda_fetch()


@pytest.fixture(scope="module")
def table(dynamodb_endpoint: str) -> Iterator[str]:
    name = create_test_table("linkrefuse")
    yield name
    drop_test_table(name)


def _configure(monkeypatch: pytest.MonkeyPatch, sandbox: RunningSandbox, table: str, mode: str) -> None:
    configure(monkeypatch, sandbox_url=sandbox.url, table=table, mode=mode)


@pytest.fixture
def oauth2(monkeypatch: pytest.MonkeyPatch, sandbox_clean: RunningSandbox, table: str) -> Iterator[str]:
    _configure(monkeypatch, sandbox_clean, table, "oauth2")
    yield table
    reset_caches()


@pytest.fixture(params=["oauth1", "oauth2"])
def mode(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, sandbox_clean: RunningSandbox, table: str
) -> Iterator[str]:
    _configure(monkeypatch, sandbox_clean, table, request.param)
    yield request.param
    reset_caches()


def _snapshot(table: str) -> list[str]:
    return sorted(repr(sorted(item.items())) for item in dump_table(table))


def _code() -> str:
    run = browse(fetch, authorize_url(PUBLIC_BASE_URL))
    assert run.at_alexa
    return run.params["code"]


def _exchange(code: str, **overrides: str) -> dict[str, str]:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
    form.update(overrides)
    return {k: v for k, v in form.items() if v != ""}


def _oauth_error(reply: Reply, error: str, status: int = 400) -> None:
    assert (reply.status, reply.json()["error"]) == (status, error), reply.body
    assert reply.headers["cache-control"] == "no-store"


def _page(reply: Reply, status: int) -> str:
    assert reply.status == status, reply.body
    assert reply.headers["content-type"].startswith("text/html")
    assert "location" not in reply.headers
    assert "<script" not in reply.body.lower() and "Traceback" not in reply.body
    return reply.body


def _get(url: str) -> Reply:
    return fetch("GET", url, {}, b"")


# -- the token endpoint ----------------------------------------------------------------------------


def test_unknown_client_and_wrong_secrets(oauth2: str, caplog: pytest.LogCaptureFixture) -> None:
    code = _code()
    before = _snapshot(oauth2)
    with skill_logs(caplog):
        unknown = token_request(
            fetch, PUBLIC_BASE_URL, _exchange(code), basic=("someone-else", CLIENT_SECRET)
        )
        wrong_basic = token_request(
            fetch, PUBLIC_BASE_URL, _exchange(code), basic=(CLIENT_ID, "wrong-secret")
        )
        wrong_body = token_request(
            fetch, PUBLIC_BASE_URL, _exchange(code), body_credentials=(CLIENT_ID, "wrong")
        )
        missing = token_request(fetch, PUBLIC_BASE_URL, _exchange(code))
    for reply in (unknown, wrong_basic):
        _oauth_error(reply, "invalid_client", 401)
        assert reply.headers["www-authenticate"].startswith("Basic ")
    for reply in (wrong_body, missing):
        _oauth_error(reply, "invalid_client", 401)
        assert "www-authenticate" not in reply.headers
    assert _snapshot(oauth2) == before
    assert_not_in_logs(caplog.text, [code, CLIENT_SECRET, "wrong-secret"])
    assert "invalid_client" in caplog.text


def test_basic_and_body_secret_together(oauth2: str) -> None:
    code = _code()
    reply = token_request(fetch, PUBLIC_BASE_URL, _exchange(code), basic=CREDS, body_credentials=CREDS)
    _oauth_error(reply, "invalid_request")


def test_redirect_uri_must_match_the_authorization_request(oauth2: str) -> None:
    code = _code()
    before = _snapshot(oauth2)
    for other in (REDIRECT_URIS[1], REDIRECT_URI + "/", "https://evil.example/cb"):
        _oauth_error(
            token_request(fetch, PUBLIC_BASE_URL, _exchange(code, redirect_uri=other), basic=CREDS),
            "invalid_grant",
        )
    assert _snapshot(oauth2) == before
    assert token_request(fetch, PUBLIC_BASE_URL, _exchange(code), basic=CREDS).status == 200


def test_replayed_code_is_refused_and_changes_nothing(oauth2: str, caplog: pytest.LogCaptureFixture) -> None:
    code = _code()
    first = token_request(fetch, PUBLIC_BASE_URL, _exchange(code), basic=CREDS)
    assert first.status == 200
    before = _snapshot(oauth2)
    with skill_logs(caplog):
        replay = token_request(fetch, PUBLIC_BASE_URL, _exchange(code), basic=CREDS)
    _oauth_error(replay, "invalid_grant")
    assert _snapshot(oauth2) == before
    assert_not_in_logs(caplog.text, [code, first.json()["access_token"], first.json()["refresh_token"]])


def test_expired_code_is_refused(oauth2: str, monkeypatch: pytest.MonkeyPatch) -> None:
    code = _code()
    before = _snapshot(oauth2)
    monkeypatch.setattr(clock, "now", lambda: time.time() + policy.CODE_SECONDS + 1)
    _oauth_error(token_request(fetch, PUBLIC_BASE_URL, _exchange(code), basic=CREDS), "invalid_grant")
    assert _snapshot(oauth2) == before


def _pkce_pair() -> tuple[str, str]:
    verifier = "v" * 20 + base64.urlsafe_b64encode(b"pkce-test-verifier-bytes!").decode().rstrip("=")
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def test_pkce_mismatch_missing_and_unexpected_verifiers(oauth2: str) -> None:
    verifier, challenge = _pkce_pair()
    run = browse(
        fetch, authorize_url(PUBLIC_BASE_URL, code_challenge=challenge, code_challenge_method="S256")
    )
    code = run.params["code"]
    before = _snapshot(oauth2)
    wrong = "w" * 43
    _oauth_error(
        token_request(fetch, PUBLIC_BASE_URL, _exchange(code, code_verifier=wrong), basic=CREDS),
        "invalid_grant",
    )
    _oauth_error(token_request(fetch, PUBLIC_BASE_URL, _exchange(code), basic=CREDS), "invalid_grant")
    _oauth_error(
        token_request(fetch, PUBLIC_BASE_URL, _exchange(code, code_verifier="short"), basic=CREDS),
        "invalid_request",
    )
    assert _snapshot(oauth2) == before
    assert (
        token_request(fetch, PUBLIC_BASE_URL, _exchange(code, code_verifier=verifier), basic=CREDS).status
        == 200
    )
    # A verifier for a code that had no challenge is refused too (no PKCE downgrade games).
    plain_code = _code()
    _oauth_error(
        token_request(fetch, PUBLIC_BASE_URL, _exchange(plain_code, code_verifier=verifier), basic=CREDS),
        "invalid_grant",
    )


@pytest.mark.parametrize(
    ("grant_type", "error"),
    [
        ("client_credentials", "unauthorized_client"),
        ("password", "unauthorized_client"),
        ("urn:x:magic", "unsupported_grant_type"),
    ],
)
def test_grant_types_we_do_not_serve(oauth2: str, grant_type: str, error: str) -> None:
    _oauth_error(token_request(fetch, PUBLIC_BASE_URL, {"grant_type": grant_type}, basic=CREDS), error)


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"grant_type": "authorization_code", "redirect_uri": REDIRECT_URI},
        {"grant_type": "authorization_code", "code": "some-code"},
        {"grant_type": "refresh_token"},
        {"grant_type": "refresh_token", "refresh_token": ""},
    ],
)
def test_missing_parameters(oauth2: str, form: dict[str, str]) -> None:
    before = _snapshot(oauth2)
    _oauth_error(token_request(fetch, PUBLIC_BASE_URL, form, basic=CREDS), "invalid_request")
    assert _snapshot(oauth2) == before


def test_repeated_parameter_and_wrong_content_type(oauth2: str) -> None:
    code = _code()
    headers = {
        "content-type": "application/x-www-form-urlencoded",
        "authorization": "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode(),
    }
    body = f"grant_type=authorization_code&code={code}&code=other&redirect_uri={REDIRECT_URI}".encode()
    _oauth_error(fetch("POST", f"{PUBLIC_BASE_URL}/link/token", headers, body), "invalid_request")
    as_json = token_request(
        fetch, PUBLIC_BASE_URL, _exchange(code), basic=CREDS, content_type="application/json"
    )
    _oauth_error(as_json, "invalid_request")
    assert token_request(fetch, PUBLIC_BASE_URL, _exchange(code), basic=CREDS).status == 200


def test_unknown_refresh_token(oauth2: str) -> None:
    reply = token_request(
        fetch, PUBLIC_BASE_URL, {"grant_type": "refresh_token", "refresh_token": "made-up"}, basic=CREDS
    )
    _oauth_error(reply, "invalid_grant")


def test_get_on_the_token_endpoint(oauth2: str) -> None:
    reply = _get(f"{PUBLIC_BASE_URL}/link/token?grant_type=authorization_code")
    assert reply.status == 405 and reply.headers["allow"] == "POST"


# -- /link/authorize ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        authorize_url(PUBLIC_BASE_URL, client_id="someone-else"),
        authorize_url(PUBLIC_BASE_URL, redirect_uri="https://evil.example/api/skill/link/X"),
        authorize_url(PUBLIC_BASE_URL, redirect_uri=REDIRECT_URI + "?extra=1"),
        authorize_url(PUBLIC_BASE_URL, redirect_uri=""),
        authorize_url(PUBLIC_BASE_URL, client_id=""),
        authorize_url(PUBLIC_BASE_URL) + f"&redirect_uri={REDIRECT_URIS[1]}",  # repeated: ambiguous
    ],
)
def test_authorize_with_an_untrusted_client_or_redirect_shows_a_page(oauth2: str, url: str) -> None:
    before = _snapshot(oauth2)
    body = _page(_get(url), 400)
    assert "evil.example" not in body
    assert _snapshot(oauth2) == before


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"response_type": "token"}, "unauthorized_client"),
        ({"response_type": "code id_token"}, "unsupported_response_type"),
        ({"response_type": ""}, "invalid_request"),
        (
            {
                "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                "code_challenge_method": "plain",
            },
            "invalid_request",
        ),
        ({"code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"}, "invalid_request"),
        ({"code_challenge_method": "S256"}, "invalid_request"),
    ],
)
def test_authorize_errors_go_back_to_alexa_with_state(oauth2: str, extra: dict[str, str], error: str) -> None:
    before = _snapshot(oauth2)
    reply = _get(authorize_url(PUBLIC_BASE_URL, state="keep-me", **extra))
    assert reply.status == 302
    assert reply.location.startswith(REDIRECT_URI + "?")
    params = {k: v[0] for k, v in parse_qs(urlsplit(reply.location).query).items()}
    assert params["error"] == error and params["state"] == "keep-me"
    assert _snapshot(oauth2) == before


def test_authorize_without_state(oauth2: str) -> None:
    reply = _get(authorize_url(PUBLIC_BASE_URL, state=""))
    assert (
        reply.status == 302 and "error=invalid_request" in reply.location and "state=" not in reply.location
    )


def test_withings_failure_during_authorize_shows_a_page(
    monkeypatch: pytest.MonkeyPatch, sandbox_clean: RunningSandbox, table: str
) -> None:
    _configure(monkeypatch, sandbox_clean, table, "oauth1")
    sandbox_clean.set_fault("http500", path="/account/request_token")
    before = _snapshot(table)
    body = _page(_get(authorize_url(PUBLIC_BASE_URL)), 502)
    assert "Withings" in body
    assert _snapshot(table) == before
    reset_caches()


# -- /link/callback -----------------------------------------------------------------------------------


def _callback_url() -> str:
    """Run the browser to Withings and back, stopping before our callback is called."""
    first = _get(authorize_url(PUBLIC_BASE_URL))
    assert first.status == 302
    withings = fetch("GET", first.location, {}, b"")
    assert withings.status == 302 and withings.location.startswith(f"{PUBLIC_BASE_URL}/link/callback")
    return withings.location


def test_replayed_pending_state_is_refused(mode: str, table: str, caplog: pytest.LogCaptureFixture) -> None:
    callback = _callback_url()
    first = _get(callback)
    assert first.status == 302 and first.location.startswith(REDIRECT_URI)
    before = _snapshot(table)
    with skill_logs(caplog):
        body = _page(_get(callback), 400)
    assert "expired" in body
    assert _snapshot(table) == before
    code = parse_qs(urlsplit(first.location).query)["code"][0]
    assert_not_in_logs(caplog.text, [code])


def test_unknown_state_and_missing_parameters(mode: str, table: str) -> None:
    before = _snapshot(table)
    for query in (
        "",
        "state=made-up&code=x",
        "state=made-up&oauth_token=t&oauth_verifier=v",
        "state=x",
        "code=x",
    ):
        reply = _get(f"{PUBLIC_BASE_URL}/link/callback?{query}")
        _page(reply, 400)
    assert _snapshot(table) == before


def test_oauth1_callback_for_another_request_token_leaves_the_pending_link(
    monkeypatch: pytest.MonkeyPatch, sandbox_clean: RunningSandbox, table: str
) -> None:
    _configure(monkeypatch, sandbox_clean, table, "oauth1")
    callback = _callback_url()
    parts = urlsplit(callback)
    params = {k: v[0] for k, v in parse_qs(parts.query).items()}
    forged = callback.replace(f"oauth_token={params['oauth_token']}", "oauth_token=someone-elses-token")
    before = _snapshot(table)
    _page(_get(forged), 400)
    assert _snapshot(table) == before
    assert _get(callback).location.startswith(REDIRECT_URI)  # the real one still completes
    reset_caches()


def test_withings_failure_during_callback_shows_a_page(
    mode: str, sandbox_clean: RunningSandbox, table: str
) -> None:
    callback = _callback_url()
    sandbox_clean.set_fault("http500", path="/account/access_token" if mode == "oauth1" else "/v2/oauth2")
    links_before = [i for i in dump_table(table) if i["sk"]["S"] == "LINK"]
    body = _page(_get(callback), 502)
    assert "Withings" in body
    assert [i for i in dump_table(table) if i["sk"]["S"] == "LINK"] == links_before  # no link created


def test_withings_refusing_the_code_shows_a_page(oauth2: str, sandbox_clean: RunningSandbox) -> None:
    callback = _callback_url()
    forged = callback.replace("code=", "code=dead")  # Withings answers 503 "invalid code"
    body = _page(_get(forged), 502)
    assert "didn't accept" in body.replace("&#x27;", "'")


def test_person_declining_at_withings_goes_back_to_alexa(oauth2: str) -> None:
    first = _get(authorize_url(PUBLIC_BASE_URL, state="alexa-said-this"))
    pending_state = parse_qs(urlsplit(first.location).query)["state"][0]
    reply = _get(f"{PUBLIC_BASE_URL}/link/callback?error=access_denied&state={pending_state}")
    assert reply.status == 302 and reply.location.startswith(REDIRECT_URI)
    params = {k: v[0] for k, v in parse_qs(urlsplit(reply.location).query).items()}
    assert params == {"error": "access_denied", "state": "alexa-said-this"}
