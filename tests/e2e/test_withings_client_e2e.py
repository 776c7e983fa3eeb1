"""The bundled Withings client against the sandbox over real HTTP on loopback.

GIVEN the sandbox's generated user, WHEN the classic facade (OAuth1) or the typed client (OAuth2) asks
for it, THEN the figures match the raw Withings JSON the sandbox serves — computed here from that raw
JSON, independently of the client's parsing.
"""

from __future__ import annotations

import urllib.parse
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests

from sandbox.server import RunningSandbox
from skill.withings import oauth2
from skill.withings.api import WithingsApi
from skill.withings.auth import BearerAuth
from skill.withings.compat import WithingsClient
from skill.withings.deadline import Deadline
from skill.withings.errors import AuthError, RateLimitedError, WithingsTimeoutError
from tests.clock import NOW

pytestmark = pytest.mark.e2e
USER = "10001"
NAMES = {
    1: ("Weight", "kg"),
    9: ("Diastolic blood pressure", "mmHg"),
    10: ("Systolic blood pressure", "mmHg"),
}


def _follow_to(url: str, prefix: str) -> dict[str, str]:
    """The browser: follow redirects until `prefix`, return that URL's query."""
    for _ in range(5):
        if url.startswith(prefix):
            return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
        resp = requests.get(url, allow_redirects=False, timeout=5)
        assert resp.status_code in (302, 303), resp.text
        url = resp.headers["Location"]
    raise AssertionError("no redirect to the callback")


@pytest.fixture
def linked_facade(sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch) -> WithingsClient:
    monkeypatch.setenv("WITHINGS_API_URL", sandbox.url)
    monkeypatch.setenv("WITHINGS_OAUTH1_URL", f"{sandbox.url}/account")
    callback = "http://127.0.0.1:9/withings-callback"  # never contacted: the browser stops there
    client = WithingsClient("", "", "", callback, sandbox.config.consumer_key, sandbox.config.consumer_secret)
    query = _follow_to(client.get_authorize_url(), callback)
    client.complete_authorization(query["oauth_verifier"], query["userid"])
    assert client.userid == USER
    return client


def _range(sandbox: RunningSandbox, days: int) -> tuple[date, date]:
    today = NOW.astimezone(ZoneInfo(sandbox.user(USER).timezone)).date()  # the sandbox serves as of NOW
    return today - timedelta(days=days), today


def test_facade_body_measures_match_the_sandbox_over_oauth1(
    linked_facade: WithingsClient, sandbox: RunningSandbox
):
    first, last = _range(sandbox, 40)  # > 1 page of getmeas groups
    linked_facade.make_dates(first.isoformat(), last.isoformat())
    status, rows = linked_facade.body_measures()
    assert status == "Operation was successful"

    user = sandbox.user(USER)
    tz = ZoneInfo(user.timezone)
    expected = []
    for grp in user.measuregrps:
        taken = datetime.fromtimestamp(grp["date"], tz)
        if grp["category"] != 1 or not first <= taken.date() <= last:
            continue
        for m in grp["measures"]:
            if m["type"] in NAMES:
                value = float(Decimal(m["value"]).scaleb(m["unit"]))
                expected.append(
                    [taken.strftime("%Y-%m-%d %H:%M:%S"), *NAMES[m["type"]][:1], value, NAMES[m["type"]][1]]
                )
    got = [r for r in rows if r[1] in {n for n, _ in NAMES.values()}]
    assert len(expected) > 40
    assert sorted(got, key=str) == sorted(expected, key=str)


def test_facade_activity_sleep_and_workouts_match_the_sandbox(
    linked_facade: WithingsClient, sandbox: RunningSandbox
):
    first, last = _range(sandbox, 45)  # more than one 30-record page of the v2 endpoints
    linked_facade.make_dates(first.isoformat(), last.isoformat())
    user = sandbox.user(USER)

    status, activity = linked_facade.activity()
    assert status == "Operation was successful"
    want_steps: dict[str, int] = {}
    for a in user.activities:
        if first.isoformat() <= a["date"] <= last.isoformat():
            want_steps[a["date"]] = max(want_steps.get(a["date"], 0), a.get("steps") or 0)
    assert activity == [[d, n] for d, n in sorted(want_steps.items())]

    status, sleep = linked_facade.sleep()
    assert status == "Operation was successful"
    nights = {
        s["date"]: s["data"]
        for s in user.sleep_summaries
        if first.isoformat() <= s["date"] <= last.isoformat()
    }
    assert [row[0] for row in sleep] == sorted(nights)
    for night, data in sleep:
        for key in ("wakeupduration", "deepsleepduration", "lightsleepduration", "wakeupcount"):
            assert data[key] == nights[night][key]
        assert data["durationtosleep"] == nights[night].get(
            "sleep_latency", nights[night].get("durationtosleep")
        )

    status, workouts = linked_facade.workout()
    assert status == "Operation was successful"
    want = [w for w in user.workouts if first.isoformat() <= w["date"] <= last.isoformat()]
    assert [row[0] for row in workouts] == [w["date"] for w in sorted(want, key=lambda w: w["startdate"])]
    assert all(isinstance(row[1], str) and row[1] for row in workouts)
    assert any(row[1] in {"Walk", "Run", "Bicycling", "Swimming", "Yoga", "Lift weights"} for row in workouts)


def test_facade_reports_failures_as_status_with_no_rows(
    linked_facade: WithingsClient, sandbox_clean: RunningSandbox
):
    first, last = _range(sandbox_clean, 3)
    linked_facade.make_dates(first.isoformat(), last.isoformat())
    sandbox_clean.set_fault("auth")
    status, rows = linked_facade.body_measures()
    assert (status, rows) == ("Authentication failed", [])
    sandbox_clean.set_fault("http500")
    status, rows = linked_facade.activity()
    assert rows == [] and status != "Operation was successful"


def test_a_tampered_secret_is_refused_by_the_sandbox(linked_facade: WithingsClient, sandbox: RunningSandbox):
    first, last = _range(sandbox, 3)
    forged = WithingsClient(
        linked_facade.userid,
        linked_facade.oauth_token,
        linked_facade.access_token_secret + "x",
        "",
        sandbox.config.consumer_key,
        sandbox.config.consumer_secret,
    )
    forged.make_dates(first.isoformat(), last.isoformat())
    status, rows = forged.activity()
    assert rows == [] and status == "Authentication failed"


def _oauth2_tokens(sandbox: RunningSandbox) -> Any:
    client = oauth2.OAuth2Client(
        sandbox.config.client_id,
        sandbox.config.client_secret,
        f"{sandbox.url}/oauth2_user/authorize2",
        f"{sandbox.url}/v2/oauth2",
    )
    redirect = "https://example.org/cb"
    query = _follow_to(oauth2.authorize_url(client, redirect, "st4te"), redirect)
    assert query["state"] == "st4te"
    return client, oauth2.exchange_code(client, query["code"], redirect, deadline=Deadline.after(5))


def test_oauth2_path_reads_the_latest_weight_and_refreshes(sandbox: RunningSandbox):
    client, tokens = _oauth2_tokens(sandbox)
    assert tokens.userid == USER
    api = WithingsApi(BearerAuth(tokens.access_token), sandbox.url)
    got = api.get_measures(start=NOW - timedelta(days=30), end=NOW, types=[1], deadline=Deadline.after(5))
    latest = got.latest(1)
    assert latest is not None
    raw = [
        (g["date"], m)
        for g in sandbox.user(USER).measuregrps
        if g["category"] == 1 and g["attrib"] not in (1, 4)
        for m in g["measures"]
        if m["type"] == 1
    ]
    when, m = max(raw, key=lambda item: item[0])
    assert latest[0].taken_at.timestamp() == when
    assert latest[1] == pytest.approx(m["value"] * 10 ** m["unit"])

    rotated = oauth2.refresh(client, tokens.refresh_token, deadline=Deadline.after(5))
    assert rotated.access_token != tokens.access_token
    WithingsApi(BearerAuth(rotated.access_token), sandbox.url).get_goals(deadline=Deadline.after(5))
    with pytest.raises(RateLimitedError):  # Withings' guard: the same refresh again within 10 s
        oauth2.refresh(client, tokens.refresh_token, deadline=Deadline.after(5))


def test_oauth2_faults_surface_as_typed_errors_in_time(sandbox_clean: RunningSandbox):
    _, tokens = _oauth2_tokens(sandbox_clean)
    api = WithingsApi(BearerAuth(tokens.access_token), sandbox_clean.url)
    sandbox_clean.set_fault("hang", hang_seconds=5)
    with pytest.raises(WithingsTimeoutError):
        api.get_goals(deadline=Deadline.after(1.0))
    sandbox_clean.clear_faults()
    sandbox_clean.revoke_user(USER)
    with pytest.raises(AuthError):
        api.get_goals(deadline=Deadline.after(5))
