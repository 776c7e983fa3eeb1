"""Faults switched on at run time: each mode, count, path, and hangs that block nothing."""

from __future__ import annotations

import threading

import pytest
import requests

from sandbox.server import SandboxConfig, start
from tests.unit.sandbox.helpers import TIMEOUT, bearer_post, oauth2_link, refresh

USERID = "10301"


@pytest.fixture(scope="module")
def token(sandbox) -> str:
    return str(oauth2_link(sandbox.url, USERID)["access_token"])


def post_goals(base: str, token: str) -> requests.Response:
    return requests.post(
        f"{base}/v2/user",
        data={"action": "getgoals"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )


def test_http500(sandbox_clean, token) -> None:
    sandbox_clean.set_fault("http500", count=1)
    assert post_goals(sandbox_clean.url, token).status_code == 500
    assert post_goals(sandbox_clean.url, token).json()["status"] == 0  # count=1: gone
    assert sandbox_clean.stats()["faults_served"] == {"http500": 1}


def test_badjson_is_http_200_html(sandbox_clean, token) -> None:
    sandbox_clean.set_fault("badjson")
    r = post_goals(sandbox_clean.url, token)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    with pytest.raises(ValueError):
        r.json()


def test_rate_limit_auth_not_implemented(sandbox_clean, token) -> None:
    base = sandbox_clean.url
    sandbox_clean.set_fault("rate_limit", count=1, wait_seconds=42)
    assert post_goals(base, token).json() == {
        "status": 601,
        "body": {"wait_seconds": 42},
        "error": "Too many requests",
    }
    sandbox_clean.set_fault("auth", count=1)
    assert post_goals(base, token).json()["status"] == 401
    sandbox_clean.set_fault("not_implemented", count=1)
    assert post_goals(base, token).json()["status"] == 2554
    assert post_goals(base, token).json()["status"] == 0


def test_faults_apply_to_token_endpoints_too(sandbox_clean) -> None:
    tokens = oauth2_link(sandbox_clean.url, "10302")
    sandbox_clean.set_fault("rate_limit", count=1)
    assert refresh(sandbox_clean.url, tokens["refresh_token"])["status"] == 601
    assert sandbox_clean.stats()["oauth2_refresh"] == 0  # the fault answered, no refresh happened
    assert refresh(sandbox_clean.url, tokens["refresh_token"])["status"] == 0


def test_path_limits_the_fault(sandbox_clean, token) -> None:
    base = sandbox_clean.url
    sandbox_clean.set_fault("http500", path="/measure")
    assert bearer_post(base, "/v2/user", token, action="getgoals")["status"] == 0
    assert (
        requests.post(
            f"{base}/measure",
            data={"action": "getmeas"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        ).status_code
        == 500
    )
    sandbox_clean.clear_faults()
    assert bearer_post(base, "/measure", token, action="getmeas")["status"] == 0


def test_until_cleared_and_controls_are_never_faulted(sandbox_clean, token) -> None:
    sandbox_clean.set_fault("http500")
    for _ in range(3):
        assert post_goals(sandbox_clean.url, token).status_code == 500
    assert requests.get(f"{sandbox_clean.url}/_sandbox/stats", timeout=TIMEOUT).status_code == 200
    sandbox_clean.clear_faults()
    assert post_goals(sandbox_clean.url, token).status_code == 200


def test_hang_does_not_block_other_requests(sandbox_clean, token) -> None:
    base = sandbox_clean.url
    sandbox_clean.set_fault("hang", path="/measure", count=1, hang_seconds=3)
    with pytest.raises(requests.Timeout):
        requests.post(
            f"{base}/measure",
            data={"action": "getmeas"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=0.5,
        )
    # while that handler is still asleep, another request is answered
    assert bearer_post(base, "/v2/user", token, action="getgoals")["status"] == 0
    assert sandbox_clean.stats()["faults_served"] == {"hang": 1}


def test_hang_then_answers_normally(sandbox_clean, token) -> None:
    sandbox_clean.set_fault("hang", count=1, hang_seconds=0.3)
    assert post_goals(sandbox_clean.url, token).json()["status"] == 0


def test_stop_does_not_wait_for_hanging_handlers() -> None:
    running = start(SandboxConfig())
    tokens = oauth2_link(running.url, "10303")
    running.set_fault("hang", hang_seconds=60)
    outcome: list[object] = []

    def hanging_call() -> None:
        try:
            outcome.append(post_goals(running.url, tokens["access_token"]).status_code)
        except requests.RequestException as exc:
            outcome.append(exc)

    caller = threading.Thread(target=hanging_call)
    caller.start()
    for _ in range(500):  # until the handler is asleep in the fault (bounded: ~10 s)
        if running.stats()["faults_served"].get("hang") == 1:
            break
        threading.Event().wait(0.02)
    running.stop()
    caller.join(timeout=30)
    assert not caller.is_alive()
    # the connection was closed with no answer: stop() did not let the handler finish its 60 s
    assert len(outcome) == 1 and isinstance(outcome[0], requests.ConnectionError)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{running.url}/_sandbox/health", timeout=2)


def test_bad_fault_requests_are_refused(sandbox_clean) -> None:
    with pytest.raises(ValueError):
        sandbox_clean.set_fault("meltdown")
    with pytest.raises(ValueError):
        sandbox_clean.set_fault("http500", count=0)
    r = requests.post(f"{sandbox_clean.url}/_sandbox/fault", json={"mode": "nope"}, timeout=TIMEOUT)
    assert r.status_code == 400
    r = requests.post(f"{sandbox_clean.url}/_sandbox/fault", json=["http500"], timeout=TIMEOUT)
    assert r.status_code == 400
    assert sandbox_clean.stats()["faults_active"] == []
