"""Client-side helpers for the sandbox tests: oauthlib as the independent OAuth1 signer, plain requests."""

from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import requests
from oauthlib.oauth1 import SIGNATURE_TYPE_QUERY, Client

from sandbox.server import SandboxConfig

CFG = SandboxConfig()
CALLBACK = "http://127.0.0.1:9/link/callback?session=abc"
REDIRECT = "http://127.0.0.1:9/alexa/redirect"
TIMEOUT = 5


@dataclass
class FakeClock:
    """The sandbox's OAuth clock (Unix time), moved by the test: lifetimes without real sleeps."""

    now: float = field(default_factory=time.time)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def sign(
    url: str,
    *,
    token: str | None = None,
    token_secret: str | None = None,
    callback: str | None = None,
    verifier: str | None = None,
    consumer_key: str = CFG.consumer_key,
    consumer_secret: str = CFG.consumer_secret,
    timestamp: str | None = None,
    nonce: str | None = None,
) -> str:
    """The URL signed the way the legacy Withings clients did: every oauth_* parameter in the query."""
    client = Client(
        consumer_key,
        client_secret=consumer_secret,
        resource_owner_key=token,
        resource_owner_secret=token_secret,
        callback_uri=callback,
        verifier=verifier,
        signature_type=SIGNATURE_TYPE_QUERY,
        timestamp=timestamp,
        nonce=nonce,
    )
    signed, _, _ = client.sign(url)
    return str(signed)


def query_of(url: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query, keep_blank_values=True))


def oauth1_link(base: str, userid: str = "10001") -> tuple[str, str, str]:
    """The whole OAuth1 dance; returns (access token, token secret, userid)."""
    r = requests.get(sign(f"{base}/account/request_token", callback=CALLBACK), timeout=TIMEOUT)
    assert r.status_code == 200, r.text
    request_token = dict(urllib.parse.parse_qsl(r.text))
    r = requests.get(
        f"{base}/account/authorize",
        params={"oauth_token": request_token["oauth_token"], "user": userid},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert r.status_code == 302, r.text
    back = query_of(r.headers["Location"])
    r = requests.get(
        sign(
            f"{base}/account/access_token",
            token=request_token["oauth_token"],
            token_secret=request_token["oauth_token_secret"],
            verifier=back["oauth_verifier"],
        ),
        timeout=TIMEOUT,
    )
    assert r.status_code == 200, r.text
    access = dict(urllib.parse.parse_qsl(r.text))
    return access["oauth_token"], access["oauth_token_secret"], access["userid"]


def oauth1_get(base: str, path: str, token: str, secret: str, **params: str) -> dict[str, Any]:
    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    response = requests.get(sign(url, token=token, token_secret=secret), timeout=TIMEOUT)
    assert response.status_code == 200
    return dict(response.json())


def authorize_code(
    base: str, userid: str = "10001", redirect_uri: str = REDIRECT, scope: str = "user.metrics,user.activity"
) -> str:
    r = requests.get(
        f"{base}/oauth2_user/authorize2",
        params={
            "response_type": "code",
            "client_id": CFG.client_id,
            "state": "st-1",
            "scope": scope,
            "redirect_uri": redirect_uri,
            "user": userid,
        },
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert r.status_code == 302, r.text
    back = query_of(r.headers["Location"])
    assert back["state"] == "st-1"
    return back["code"]


def requesttoken(base: str, **form: str) -> dict[str, Any]:
    data = {"action": "requesttoken", "client_id": CFG.client_id, "client_secret": CFG.client_secret, **form}
    r = requests.post(f"{base}/v2/oauth2", data=data, timeout=TIMEOUT)
    assert r.status_code == 200
    return dict(r.json())


def exchange(base: str, code: str, redirect_uri: str = REDIRECT) -> dict[str, Any]:
    return requesttoken(base, grant_type="authorization_code", code=code, redirect_uri=redirect_uri)


def refresh(base: str, refresh_token: str) -> dict[str, Any]:
    return requesttoken(base, grant_type="refresh_token", refresh_token=refresh_token)


def oauth2_link(base: str, userid: str = "10001") -> dict[str, Any]:
    reply = exchange(base, authorize_code(base, userid))
    assert reply["status"] == 0, reply
    return dict(reply["body"])


def bearer_post(base: str, path: str, token: str, **params: str) -> dict[str, Any]:
    r = requests.post(
        f"{base}{path}", data=params, headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT
    )
    assert r.status_code == 200
    return dict(r.json())
