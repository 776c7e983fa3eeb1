"""Helpers for end-to-end tests: what a browser or a partner app does against the sandbox."""

from __future__ import annotations

import urllib.parse

import requests

from sandbox.server import RunningSandbox

REDIRECT = "https://example.org/withings-callback"


def sandbox_bearer_token(sandbox: RunningSandbox, userid: str = "10001") -> str:
    """A real OAuth2 access token for a sandbox user: authorize2 → code → requesttoken."""
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": sandbox.config.client_id,
            "state": "e2e",
            "scope": "user.metrics,user.activity",
            "redirect_uri": REDIRECT,
            "user": userid,
        }
    )
    resp = requests.get(f"{sandbox.url}/oauth2_user/authorize2?{query}", allow_redirects=False, timeout=5)
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(resp.headers["Location"]).query)["code"][0]
    token = requests.post(
        f"{sandbox.url}/v2/oauth2",
        data={
            "action": "requesttoken",
            "grant_type": "authorization_code",
            "client_id": sandbox.config.client_id,
            "client_secret": sandbox.config.client_secret,
            "code": code,
            "redirect_uri": REDIRECT,
        },
        timeout=5,
    ).json()
    assert token["status"] == 0, token
    return str(token["body"]["access_token"])
