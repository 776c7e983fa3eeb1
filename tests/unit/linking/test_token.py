"""POST /link/token's RFC 6749 checks (§3.2, §4.1.3, §5.2, §6; RFC 7636 §4.6) over the in-memory store.

A refused request changes nothing stored: the code (or refresh token) still works afterwards for the
right request. The same rules run end to end against DynamoDB Local in tests/e2e/test_linking_*.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest

from skill.linking.context import LinkingContext
from skill.linking.http import handle_http_event
from skill.store import clock, policy
from skill.store.ids import new_link_id
from skill.store.memory import MemoryStore
from skill.store.records import CodeGrant
from skill.withings.auth import OAuth2Tokens

from .conftest import CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, basic, http_event

Contexts = Callable[[str], LinkingContext]
VERIFIER = "v" * 50
CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=").decode()


def _code(store: MemoryStore, *, client_id: str = CLIENT_ID, challenge: str | None = None) -> tuple[str, str]:
    link_id = new_link_id()
    code = f"code-{link_id}"
    tokens = OAuth2Tokens("w-access", "w-refresh", clock.utcnow(), "10001")
    store.create_link(link_id, tokens, code, CodeGrant(link_id, client_id, REDIRECT_URI, challenge), None)
    return link_id, code


def _post(contexts: Contexts, form: dict[str, str], authorization: str | None = None) -> tuple[int, Any]:
    headers = {"content-type": "application/x-www-form-urlencoded"}
    if authorization is not None:
        headers["authorization"] = authorization
    result = handle_http_event(
        http_event("POST", "/link/token", body=urlencode(form), headers=headers), None, contexts
    )
    return int(result["statusCode"]), json.loads(result["body"])


def _exchange(contexts: Contexts, code: str, **extra: str) -> tuple[int, Any]:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI, **extra}
    return _post(contexts, form, basic())


def test_a_code_is_exchanged_once_for_bearer_tokens(store: MemoryStore, contexts: Contexts) -> None:
    link_id, code = _code(store)
    status, body = _exchange(contexts, code)
    assert status == 200
    assert body["token_type"] == "Bearer" and body["expires_in"] == policy.ACCESS_TOKEN_SECONDS
    assert store.access_link_id(body["access_token"], None) == link_id
    status, body = _exchange(contexts, code)
    assert (status, body["error"]) == (400, "invalid_grant")


def test_body_credentials_work_like_basic(store: MemoryStore, contexts: Contexts) -> None:
    _, code = _code(store)
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT_URI,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
    }
    assert _post(contexts, form)[0] == 200


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"redirect_uri": "https://layla.amazon.com/api/skill/link/VENDOR"}, "invalid_grant"),
        ({"code_verifier": VERIFIER}, "invalid_grant"),  # no challenge was sent for this code
        ({"code_verifier": "short"}, "invalid_request"),
        ({"redirect_uri": ""}, "invalid_request"),
    ],
)
def test_a_refused_exchange_leaves_the_code_usable(
    store: MemoryStore, contexts: Contexts, extra: dict[str, str], error: str
) -> None:
    _, code = _code(store)
    status, body = _exchange(contexts, code, **extra)
    assert (status, body["error"]) == (400, error)
    assert _exchange(contexts, code)[0] == 200


def test_a_code_of_another_client_is_refused(store: MemoryStore, contexts: Contexts) -> None:
    _, code = _code(store, client_id="someone-else")
    status, body = _exchange(contexts, code)
    assert (status, body["error"]) == (400, "invalid_grant")


def test_pkce_needs_the_matching_verifier(store: MemoryStore, contexts: Contexts) -> None:
    _, code = _code(store, challenge=CHALLENGE)
    assert _exchange(contexts, code)[1]["error"] == "invalid_grant"
    assert _exchange(contexts, code, code_verifier="w" * 50)[1]["error"] == "invalid_grant"
    assert _exchange(contexts, code, code_verifier=VERIFIER)[0] == 200


def test_an_expired_code_is_refused(
    store: MemoryStore, contexts: Contexts, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, code = _code(store)
    monkeypatch.setattr(clock, "now", lambda: time.time() + policy.CODE_SECONDS + 1)
    assert _exchange(contexts, code)[1]["error"] == "invalid_grant"


@pytest.mark.parametrize(
    ("authorization", "status"),
    [(None, 401), (basic(secret="wrong"), 401), (basic(client_id="intruder"), 401), ("Bearer x", 401)],
)
def test_client_authentication(
    store: MemoryStore, contexts: Contexts, authorization: str | None, status: int
) -> None:
    _, code = _code(store)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
    got, body = _post(contexts, form, authorization)
    assert (got, body["error"]) == (status, "invalid_client")
    assert _exchange(contexts, code)[0] == 200  # still unused


@pytest.mark.parametrize(
    ("grant_type", "error"),
    [("password", "unauthorized_client"), ("urn:custom", "unsupported_grant_type"), ("", "invalid_request")],
)
def test_grant_types_we_do_not_serve(contexts: Contexts, grant_type: str, error: str) -> None:
    assert _post(contexts, {"grant_type": grant_type}, basic())[1]["error"] == error


def test_a_refresh_token_rotates_with_a_short_grace(
    store: MemoryStore, contexts: Contexts, monkeypatch: pytest.MonkeyPatch
) -> None:
    link_id, code = _code(store)
    first = _exchange(contexts, code)[1]
    status, second = _post(
        contexts, {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}, basic()
    )
    assert status == 200 and second["refresh_token"] != first["refresh_token"]
    assert store.access_link_id(second["access_token"], None) == link_id
    monkeypatch.setattr(clock, "now", lambda: time.time() + policy.REFRESH_GRACE_SECONDS + 1)
    status, body = _post(
        contexts, {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}, basic()
    )
    assert (status, body["error"]) == (400, "invalid_grant")


def test_a_dead_link_gets_no_refresh(store: MemoryStore, contexts: Contexts) -> None:
    link_id, code = _code(store)
    tokens = _exchange(contexts, code)[1]
    store.mark_dead(link_id, None)
    status, body = _post(
        contexts, {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}, basic()
    )
    assert (status, body["error"]) == (400, "invalid_grant")
