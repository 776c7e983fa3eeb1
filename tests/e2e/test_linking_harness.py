"""Shared helpers for the linking end-to-end tests (and a check of the helpers themselves).

The Alexa app's part is played here: it opens /link/authorize in a browser, the browser follows
redirects to the Withings sandbox and back to /link/callback, and stops at Alexa's redirect_uri with
code and state; then Alexa's servers POST the code to /link/token. Through lambda_handler, our own URLs
become HTTP API v2 events; through the local server, everything is real HTTP over loopback.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import boto3
import pytest
import requests

from devtools.stack import LOCAL_CALLS_PER_MINUTE

CLIENT_ID = "alexa-client-for-tests"
CLIENT_SECRET = "alexa-secret-for-tests"  # obviously fake
VENDOR = "M2TESTVENDOR"
REDIRECT_URI = f"https://pitangui.amazon.com/api/skill/link/{VENDOR}"
REDIRECT_URIS = (
    REDIRECT_URI,
    f"https://layla.amazon.com/api/skill/link/{VENDOR}",
    f"https://alexa.amazon.co.jp/api/skill/link/{VENDOR}",
)
PUBLIC_BASE_URL = "https://skill.example.test"
TOKEN_KEY_B64 = base64.b64encode(bytes(range(100, 132))).decode()  # obviously fake
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
WITHINGS_CREDENTIALS = {
    "oauth1": ("sandbox-consumer-key", "sandbox-consumer-secret"),
    "oauth2": ("sandbox-client-id", "sandbox-client-secret"),
}


# -- environment -------------------------------------------------------------------------------


def create_test_table(prefix: str) -> str:
    from skill.store.dynamodb.schema import create_table

    name = f"{prefix}-{uuid.uuid4().hex[:10]}"
    create_table(name)
    return name


def drop_test_table(name: str) -> None:
    from skill.store.dynamodb.schema import delete_table

    delete_table(name)


def reset_caches() -> None:
    """Every per-container cache the skill keeps (the composition root's reset hook)."""
    from skill import composition

    composition.reset()


def accounts() -> Any:
    """The container's Accounts, as lambda_handler's requests use them (skill.accounts.Accounts)."""
    from skill.composition import container

    return container().accounts


def configure(
    monkeypatch: pytest.MonkeyPatch,
    *,
    sandbox_url: str,
    table: str,
    mode: str,
    public_base_url: str = PUBLIC_BASE_URL,
) -> None:
    key, secret = WITHINGS_CREDENTIALS[mode]
    env = {
        "WITHINGS_AUTH": mode,
        "WITHINGS_CONSUMER_KEY": key,
        "WITHINGS_CONSUMER_SECRET": secret,
        "WITHINGS_API_URL": sandbox_url,
        "WITHINGS_OAUTH1_URL": f"{sandbox_url}/account",
        "WITHINGS_OAUTH2_AUTHORIZE_URL": f"{sandbox_url}/oauth2_user/authorize2",
        "WITHINGS_OAUTH2_TOKEN_URL": f"{sandbox_url}/v2/oauth2",
        "TABLE_NAME": table,
        "SKILL_ID": SKILL_ID,
        "LINK_CLIENT_ID": CLIENT_ID,
        "LINK_CLIENT_SECRET": CLIENT_SECRET,
        "LINK_REDIRECT_URIS": ",".join(REDIRECT_URIS),
        "PUBLIC_BASE_URL": public_base_url,
        "TOKEN_KEY": TOKEN_KEY_B64,
        "WITHINGS_CALLS_PER_MINUTE": str(LOCAL_CALLS_PER_MINUTE),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for name in ("WITHINGS_CONSUMER_SECRET_PARAM", "LINK_CLIENT_SECRET_PARAM", "TOKEN_KEY_PARAM"):
        monkeypatch.delenv(name, raising=False)
    reset_caches()


# -- HTTP, both ways -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Mapping[str, str]  # names lower-cased
    body: str = ""

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def json(self) -> Any:
        return json.loads(self.body)


Fetch = Callable[[str, str, Mapping[str, str], bytes], Reply]  # (method, url, headers, body)


def http_fetch(method: str, url: str, headers: Mapping[str, str], body: bytes) -> Reply:
    response = requests.request(
        method, url, headers=dict(headers), data=body or None, allow_redirects=False, timeout=10
    )
    return Reply(response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.text)


def lambda_fetch(public_base_url: str = PUBLIC_BASE_URL) -> Fetch:
    """Our URLs go through lambda_handler as HTTP API v2 events; anything else (the sandbox) over HTTP."""

    def fetch(method: str, url: str, headers: Mapping[str, str], body: bytes) -> Reply:
        if not url.startswith(public_base_url):
            return http_fetch(method, url, headers, body)
        from lambda_function import lambda_handler
        from skill.local_server import http_api_event

        parts = urlsplit(url)
        result = lambda_handler(http_api_event(method, parts.path, parts.query, headers, body), None)
        raw = result.get("body") or ""
        if result.get("isBase64Encoded"):
            raw = base64.b64decode(raw).decode()
        return Reply(result["statusCode"], {k.lower(): v for k, v in result["headers"].items()}, raw)

    return fetch


def authorize_url(
    base_url: str,
    *,
    state: str = "alexa-state-123",
    redirect_uri: str = REDIRECT_URI,
    client_id: str = CLIENT_ID,
    **extra: str,
) -> str:
    params = {
        "client_id": client_id,
        "response_type": "code",
        "state": state,
        "redirect_uri": redirect_uri,
        "scope": "withings",
        **extra,
    }
    return f"{base_url}/link/authorize?{urlencode(params)}"


@dataclass
class BrowserRun:
    """Where the browser ended: at Alexa's redirect_uri (code/state or error) or on a page."""

    final: Reply
    hops: list[str] = field(default_factory=list)

    @property
    def at_alexa(self) -> bool:
        return self.final.status in (301, 302, 303) and self.final.location.startswith(REDIRECT_URI)

    @property
    def params(self) -> dict[str, str]:
        query = urlsplit(self.final.location).query
        return {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}


def browse(fetch: Fetch, url: str, *, withings_user: str | None = None, max_hops: int = 6) -> BrowserRun:
    """Follow redirects like the Alexa app's browser, stopping at Alexa's redirect_uri (never fetched)."""
    run = BrowserRun(final=Reply(0, {}))
    for _ in range(max_hops):
        if withings_user and ("/oauth2_user/authorize2" in url or "/account/authorize" in url):
            url = f"{url}&{urlencode({'user': withings_user})}"
        run.hops.append(urlsplit(url).path)
        reply = fetch("GET", url, {"user-agent": "AlexaAppBrowser/1.0 (tests)"}, b"")
        run.final = reply
        if reply.status not in (301, 302, 303) or run.at_alexa:
            return run
        url = reply.location
    raise AssertionError(f"too many redirects: {run.hops}")


def token_request(
    fetch: Fetch,
    base_url: str,
    form: Mapping[str, str],
    *,
    basic: tuple[str, str] | None = None,
    body_credentials: tuple[str, str] | None = None,
    content_type: str = "application/x-www-form-urlencoded",
) -> Reply:
    """What Alexa's servers send to the access token URI."""
    fields = dict(form)
    headers = {"content-type": content_type, "user-agent": "Apache-HttpClient/4.5.x (Java/1.8)"}
    if basic is not None:
        headers["authorization"] = "Basic " + base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode()
    if body_credentials is not None:
        fields.update({"client_id": body_credentials[0], "client_secret": body_credentials[1]})
    return fetch("POST", f"{base_url}/link/token", headers, urlencode(fields).encode())


def link_account(
    fetch: Fetch,
    base_url: str,
    *,
    withings_user: str | None = None,
    basic: bool = True,
    **authorize_extra: str,
) -> dict[str, Any]:
    """The whole linking flow; returns the token response (and the code, for replay tests)."""
    run = browse(fetch, authorize_url(base_url, **authorize_extra), withings_user=withings_user)
    assert run.at_alexa, (run.hops, run.final.status)
    assert "code" in run.params, run.params
    credentials = (CLIENT_ID, CLIENT_SECRET)
    form = {"grant_type": "authorization_code", "code": run.params["code"], "redirect_uri": REDIRECT_URI}
    verifier = authorize_extra.get("_verifier")
    if verifier:
        form["code_verifier"] = verifier
    reply = token_request(
        fetch,
        base_url,
        form,
        basic=credentials if basic else None,
        body_credentials=None if basic else credentials,
    )
    assert reply.status == 200, reply.body
    return {**reply.json(), "_code": run.params["code"], "_state": run.params.get("state")}


# -- the table and the logs ------------------------------------------------------------------------


def dump_table(table: str) -> list[dict[str, Any]]:
    """Every item (a scan: fine in a test, never on a request path)."""
    client = boto3.client("dynamodb")
    items: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {"TableName": table, "ConsistentRead": True}
    while True:
        out = client.scan(**kwargs)
        items.extend(out["Items"])
        if "LastEvaluatedKey" not in out:
            return items
        kwargs["ExclusiveStartKey"] = out["LastEvaluatedKey"]


def table_text(table: str) -> str:
    """The table as text, binary attributes included in base64 and raw form, for needle searches."""
    parts: list[str] = []
    for item in dump_table(table):
        for attr in item.values():
            for kind, value in attr.items():
                if kind == "B":
                    parts.append(base64.b64encode(value).decode())
                    parts.append(value.decode("latin-1"))
                else:
                    parts.append(str(value))
    return "\n".join(parts)


@contextlib.contextmanager
def skill_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Capture the `skill` logger (it does not propagate to the root logger that caplog watches)."""
    from skill.observability import log_event

    log_event("log_capture_started")  # lets observability configure the logger (level INFO) first
    logger = logging.getLogger("skill")
    logger.addHandler(caplog.handler)
    caplog.handler.setLevel(logging.DEBUG)
    try:
        yield caplog
    finally:
        logger.removeHandler(caplog.handler)


def assert_not_in_logs(text: str, values: list[str]) -> None:
    for value in values:
        assert value and value not in text, "a token, code or secret reached the logs"


# -- checks of the helpers themselves --------------------------------------------------------------


def test_http_api_event_has_the_v2_shape() -> None:
    from skill.local_server import http_api_event

    event = http_api_event(
        "POST", "/link/token", "a=1&a=2", {"Content-Type": "x", "X-Multi": "1"}, b"\xff\x00"
    )
    assert event["version"] == "2.0"
    assert event["requestContext"]["http"]["method"] == "POST"
    assert event["rawPath"] == "/link/token" and event["rawQueryString"] == "a=1&a=2"
    assert event["queryStringParameters"] == {"a": "1,2"}
    assert event["headers"] == {"content-type": "x", "x-multi": "1"}
    assert event["isBase64Encoded"] is True and base64.b64decode(event["body"]) == b"\xff\x00"


def test_browser_stops_at_alexa_without_fetching_it() -> None:
    calls: list[str] = []

    def fetch(method: str, url: str, headers: Mapping[str, str], body: bytes) -> Reply:
        calls.append(url)
        return Reply(302, {"location": f"{REDIRECT_URI}?code=c&state=s"})

    run = browse(fetch, "https://skill.example.test/link/authorize")
    assert run.at_alexa and run.params == {"code": "c", "state": "s"}
    assert calls == ["https://skill.example.test/link/authorize"]
