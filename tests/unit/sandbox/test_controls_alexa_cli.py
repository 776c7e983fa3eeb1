"""The HTTP controls (for subprocess users), the Alexa API stand-in, and `python -m sandbox`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import requests

from skill.clock import PINNED_NOW_ENV
from tests.unit.sandbox.helpers import (
    TIMEOUT,
    authorize_code,
    bearer_post,
    exchange,
    oauth1_link,
    oauth2_link,
)

ROOT = Path(__file__).resolve().parents[3]


def test_http_controls(sandbox_clean) -> None:
    base = sandbox_clean.url
    tokens = oauth2_link(base, "10401")
    assert requests.post(
        f"{base}/_sandbox/fault", json={"mode": "http500", "count": 1}, timeout=5
    ).json() == {"ok": True}
    r = requests.post(
        f"{base}/v2/user",
        data={"action": "getgoals"},
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
        timeout=TIMEOUT,
    )
    assert r.status_code == 500
    requests.post(f"{base}/_sandbox/fault", json={"mode": "rate_limit"}, timeout=5)
    assert requests.delete(f"{base}/_sandbox/fault", timeout=5).status_code == 200
    assert bearer_post(base, "/v2/user", tokens["access_token"], action="getgoals")["status"] == 0

    stats = requests.get(f"{base}/_sandbox/stats", timeout=5).json()
    assert stats["requests"]["/v2/user"] == 2
    assert stats["data_calls_by_user"] == {"10401": 1}  # the faulted call never reached authentication
    assert stats["oauth2_code_exchange"] == 1
    assert requests.post(f"{base}/_sandbox/reset-stats", timeout=5).status_code == 200
    assert requests.get(f"{base}/_sandbox/stats", timeout=5).json()["requests"] == {}

    assert requests.post(f"{base}/_sandbox/expire-tokens", json={"userid": "10401"}, timeout=5).ok
    assert bearer_post(base, "/v2/user", tokens["access_token"], action="getgoals")["status"] == 401
    fresh = oauth2_link(base, "10401")
    assert requests.post(f"{base}/_sandbox/revoke", json={"userid": "10401"}, timeout=5).ok
    assert bearer_post(base, "/v2/user", fresh["access_token"], action="getgoals")["status"] == 401
    assert requests.post(f"{base}/_sandbox/revoke", json={}, timeout=5).status_code == 400
    assert requests.post(f"{base}/_sandbox/revoke", data=b"{not json", timeout=5).status_code == 400

    user = requests.get(f"{base}/_sandbox/users/10401", timeout=5).json()
    assert user["userid"] == "10401"
    assert user["measuregrps"] == sandbox_clean.user("10401").measuregrps
    assert requests.get(f"{base}/_sandbox/users/42", timeout=5).status_code == 404
    assert requests.get(f"{base}/_sandbox/nothing", timeout=5).status_code == 404


def test_alexa_timezone(sandbox_clean) -> None:
    url = f"{sandbox_clean.url}/v2/devices/amzn1.ask.device.AAAA/settings/System.timeZone"
    r = requests.get(url, headers={"Authorization": "Bearer api-access-token"}, timeout=TIMEOUT)
    assert r.status_code == 200
    assert r.json() == "Europe/Paris"
    assert requests.get(url, timeout=TIMEOUT).status_code == 403
    assert sandbox_clean.stats()["alexa_timezone"] == 1


def test_alexa_progressive_response(sandbox_clean) -> None:
    url = f"{sandbox_clean.url}/v1/directives"
    directive = {
        "header": {"requestId": "amzn1.echo-api.request.1"},
        "directive": {"type": "VoicePlayer.Speak", "speech": "One moment while I check Withings."},
    }
    auth = {"Authorization": "Bearer api-access-token"}
    r = requests.post(url, json=directive, headers=auth, timeout=TIMEOUT)
    assert r.status_code == 204
    assert requests.post(url, json=directive, timeout=TIMEOUT).status_code == 403
    assert requests.post(url, json={"header": {}}, headers=auth, timeout=TIMEOUT).status_code == 400
    stats = sandbox_clean.stats()
    assert stats["alexa_directives"] == 1
    assert stats["alexa_directive_bodies"] == [directive]


def test_alexa_routes_faulted_only_when_named(sandbox_clean) -> None:
    url = f"{sandbox_clean.url}/v2/devices/d1/settings/System.timeZone"
    auth = {"Authorization": "Bearer t"}
    sandbox_clean.set_fault("http500")
    assert requests.get(url, headers=auth, timeout=TIMEOUT).status_code == 200
    sandbox_clean.set_fault("http500", path="/v2/devices/")
    assert requests.get(url, headers=auth, timeout=TIMEOUT).status_code == 500


def test_unknown_path_and_method(sandbox) -> None:
    assert requests.get(f"{sandbox.url}/nothing-here", timeout=TIMEOUT).status_code == 404
    assert requests.put(f"{sandbox.url}/measure", timeout=TIMEOUT).status_code == 405


def test_start_refuses_non_loopback_bad_zone_and_bad_pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    from sandbox.server import SandboxConfig, start

    with pytest.raises(ValueError):
        start(SandboxConfig(host="0.0.0.0"))
    with pytest.raises(Exception):
        start(SandboxConfig(timezone="Mars/Olympus_Mons"))
    monkeypatch.setenv(PINNED_NOW_ENV, "2026-11-25T14:30")  # no offset: which 14:30?
    with pytest.raises(ValueError, match="offset"):
        start(SandboxConfig())


def test_python_m_sandbox_serves_until_sigterm() -> None:
    pinned = datetime.fromisoformat("2027-03-28T01:30:00+01:00")  # 09:30 in Tokyo
    env = {
        **os.environ,
        "SANDBOX_CLIENT_ID": "cli-client",
        "SANDBOX_CLIENT_SECRET": "cli-secret",
        PINNED_NOW_ENV: pinned.isoformat(),
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sandbox",
            "--port",
            "0",
            "--seed",
            "3",
            "--timezone",
            "Asia/Tokyo",
            "--days",
            "10",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        assert requests.get(f"{url}/_sandbox/health", timeout=TIMEOUT).json() == {"ok": True}
        tz = requests.get(
            f"{url}/v2/devices/d/settings/System.timeZone", headers={"Authorization": "Bearer x"}, timeout=5
        )
        assert tz.json() == "Asia/Tokyo"
        user = requests.get(f"{url}/_sandbox/users/10001", timeout=TIMEOUT).json()
        assert user["as_of"] == int(pinned.timestamp())  # PINNED_NOW reached the process
        assert user["activities"][-1]["date"] == "2027-03-27"  # Tokyo's 28th has not synced by 09:30
        assert len(user["activities"]) == 9 and user["sleep_summaries"][-1]["date"] == "2027-03-28"
        # the client credentials came from the environment
        r = requests.get(
            f"{url}/oauth2_user/authorize2",
            params={
                "response_type": "code",
                "client_id": "cli-client",
                "state": "s",
                "scope": "user.metrics",
                "redirect_uri": "http://127.0.0.1:9/cb",
            },
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        assert r.status_code == 302
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)


def test_python_m_sandbox_rejects_bad_arguments() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sandbox", "--timezone", "Nowhere/Land"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "unknown time zone" in result.stderr


def test_next_approver_picks_who_approves_links_that_name_no_user(sandbox_clean) -> None:
    """A test links a household's second person through a flow it does not drive itself."""
    base = sandbox_clean.url
    try:
        for userid in ("10002", "10003"):
            assert requests.post(f"{base}/_sandbox/next-approver", json={"userid": userid}, timeout=5).ok
        assert requests.get(f"{base}/_sandbox/stats", timeout=5).json()["next_approvers"] == [
            "10002",
            "10003",
        ]
        # In order, one link each (OAuth2, then OAuth1), then the default user again.
        assert str(exchange(base, authorize_code(base, userid=""))["body"]["userid"]) == "10002"
        assert oauth1_link(base, userid="")[2] == "10003"
        assert str(exchange(base, authorize_code(base, userid=""))["body"]["userid"]) == "10001"
        # A `user` the browser sends wins and leaves the queue alone.
        sandbox_clean.approve_next("10004")
        assert str(exchange(base, authorize_code(base, userid="10005"))["body"]["userid"]) == "10005"
        assert requests.delete(f"{base}/_sandbox/next-approver", timeout=5).ok
        assert requests.get(f"{base}/_sandbox/stats", timeout=5).json()["next_approvers"] == []
        refused = requests.post(f"{base}/_sandbox/next-approver", json={"userid": "42"}, timeout=5)
        assert refused.status_code == 400
    finally:
        requests.delete(f"{base}/_sandbox/next-approver", timeout=5)


def test_a_households_people_differ_in_every_headline_figure(sandbox_clean) -> None:
    """So that an answer with the other person's data can never pass for the right one."""
    from tests.e2e import expectations as want
    from tests.e2e.expectations_nights import last_night_sleep

    a, b = (
        requests.get(f"{sandbox_clean.url}/_sandbox/users/{u}", timeout=5).json() for u in ("10001", "10002")
    )
    assert want.latest_weight(a).text != want.latest_weight(b).text
    assert last_night_sleep(a).text != last_night_sleep(b).text
    assert want.steps_today(a).text != want.steps_today(b).text
    assert abs(want.latest_weight_kg(a) - want.latest_weight_kg(b)) > 5
