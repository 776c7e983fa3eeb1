"""What the Alexa app and Alexa's token service do during account linking, over real HTTP.

The app's browser opens the authorization URI and follows redirects (through Withings' authorize
page and back to our callback) until it lands on Alexa's redirect URL, which is not followed: the
code and state are read from it, as Alexa does. Alexa's token service then exchanges the code with
the client credentials (HTTP Basic, the scheme the deploy guide configures).
"""

from __future__ import annotations

import secrets
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

import requests


class LinkingFailed(Exception):
    pass


@dataclass(frozen=True)
class AlexaTokens:
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_in: int


def _with_param(url: str, name: str, value: str) -> str:
    parts = urllib.parse.urlsplit(url)
    query = [*urllib.parse.parse_qsl(parts.query, keep_blank_values=True), (name, value)]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def authorization_code(
    skill_url: str,
    *,
    client_id: str,
    redirect_uri: str,
    withings_user: str | None = None,
    timeout: float = 10.0,
    on_url: Callable[[str], None] | None = None,
) -> str:
    """The Alexa app's browser: follow the redirects to Alexa's redirect URL and read the code there.

    `on_url` sees every URL the browser visits (tests record the codes and states in them).
    """
    state = secrets.token_urlsafe(16)
    url = f"{skill_url}/link/authorize?" + urllib.parse.urlencode(
        {
            "client_id": client_id,
            "response_type": "code",
            "state": state,
            "redirect_uri": redirect_uri,
            "scope": "health",
        }
    )
    with requests.Session() as browser:
        for _ in range(10):
            if on_url is not None:
                on_url(url)
            if url.startswith(redirect_uri):
                break
            if withings_user and "/authorize" in url and not url.startswith(skill_url):
                url = _with_param(url, "user", withings_user)
            resp = browser.get(url, allow_redirects=False, timeout=timeout)
            if resp.status_code not in (301, 302, 303, 307):
                raise LinkingFailed(
                    f"linking stopped at HTTP {resp.status_code} on {urllib.parse.urlsplit(url).path}"
                )
            url = urllib.parse.urljoin(url, resp.headers["Location"])
        else:
            raise LinkingFailed("too many redirects")
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
    if "error" in query:
        raise LinkingFailed(f"authorization refused: {query['error']}")
    if query.get("state") != state:
        raise LinkingFailed("state was not returned untouched")
    if "code" not in query:
        raise LinkingFailed("no code in the redirect")
    return query["code"]


def link_account(
    skill_url: str,
    *,
    client_id: str,
    client_secret: str,
    redirect_uri: str,
    withings_user: str | None = None,
    timeout: float = 10.0,
) -> AlexaTokens:
    """Run the whole link flow; `withings_user` picks the sandbox user on its authorize page."""
    code = authorization_code(
        skill_url,
        client_id=client_id,
        redirect_uri=redirect_uri,
        withings_user=withings_user,
        timeout=timeout,
    )
    resp = requests.post(
        f"{skill_url}/link/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri},
        auth=(client_id, client_secret),
        timeout=timeout,
    )
    if resp.status_code != 200:
        raise LinkingFailed(f"token exchange failed: HTTP {resp.status_code} {resp.json().get('error')}")
    body = resp.json()
    return AlexaTokens(body["access_token"], body["refresh_token"], int(body["expires_in"]))
