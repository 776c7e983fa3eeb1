"""The sandbox's notify service: subscribe (HEAD probe, 293), list, get, revoke, both auth modes."""

from __future__ import annotations

import time
import urllib.parse

import pytest
import requests

from sandbox import subscriptions as subscriptions_module
from sandbox.server import RunningSandbox
from tests.unit.sandbox.callback_server import dead_url
from tests.unit.sandbox.helpers import TIMEOUT, bearer_post, oauth1_link, oauth2_link, sign

USERID = "10501"


@pytest.fixture
def token(box: RunningSandbox) -> str:
    return str(oauth2_link(box.url, USERID)["access_token"])


def notify(box: RunningSandbox, token: str, **params: str) -> dict:
    return bearer_post(box.url, "/notify", token, **params)


def control_subscriptions(box: RunningSandbox, userid: str) -> list[dict]:
    r = requests.get(f"{box.url}/_sandbox/subscriptions", params={"userid": userid}, timeout=TIMEOUT)
    assert r.status_code == 200, r.text
    return list(r.json()["subscriptions"])


def test_subscribe_probes_then_list_get_revoke(box, token, callback):
    reply = notify(box, token, action="subscribe", callbackurl=callback.url, appli="1", comment="mine")

    assert reply["status"] == 0, reply
    (probe,) = callback.of("HEAD")
    assert probe.path == "/withings/notify?s=abc"  # the URL as registered, query and all
    assert control_subscriptions(box, USERID) == [{"appli": 1, "callbackurl": callback.url}]

    listed = notify(box, token, action="list")
    assert listed == {
        "status": 0,
        "body": {
            "profiles": [{"appli": 1, "callbackurl": callback.url, "expires": 2147483647, "comment": "mine"}]
        },
    }
    got = notify(box, token, action="get", callbackurl=callback.url, appli="1")
    assert got["status"] == 0
    assert got["body"] == {"appli": 1, "callbackurl": callback.url, "comment": "mine"}

    assert notify(box, token, action="revoke", callbackurl=callback.url, appli="1")["status"] == 0
    assert notify(box, token, action="revoke", callbackurl=callback.url, appli="1")["status"] == 294
    assert notify(box, token, action="get", callbackurl=callback.url, appli="1")["status"] == 286
    assert notify(box, token, action="list")["body"] == {"profiles": []}


def test_a_repeated_subscribe_is_fine_and_not_a_duplicate(box, token, callback):
    for _ in range(2):
        assert notify(box, token, action="subscribe", callbackurl=callback.url, appli="44")["status"] == 0

    assert len(callback.of("HEAD")) == 2  # probed each time, as Withings does
    assert len(notify(box, token, action="list")["body"]["profiles"]) == 1


def test_list_of_one_appli_and_revoke_without_appli_removes_every_appli_of_the_url(box, token, callback):
    for appli in ("1", "16", "44"):
        assert notify(box, token, action="subscribe", callbackurl=callback.url, appli=appli)["status"] == 0

    only = notify(box, token, action="list", appli="16")["body"]["profiles"]
    assert [p["appli"] for p in only] == [16]
    assert notify(box, token, action="revoke", callbackurl=callback.url)["status"] == 0
    assert control_subscriptions(box, USERID) == []


@pytest.mark.parametrize("head_status", [404, 500])
def test_a_probe_answered_with_an_error_is_293_and_nothing_is_stored(box, token, callback, head_status):
    callback.head_status = head_status

    reply = notify(box, token, action="subscribe", callbackurl=callback.url, appli="1")

    assert reply["status"] == 293
    assert len(callback.of("HEAD")) == 1
    assert control_subscriptions(box, USERID) == []


def test_a_callback_nothing_listens_on_is_293(box, token):
    assert notify(box, token, action="subscribe", callbackurl=dead_url(), appli="1")["status"] == 293


@pytest.mark.parametrize(
    "url", ["", "not a url", "ftp://127.0.0.1/cb", "https://callback.example.invalid/withings/notify"]
)
def test_absent_bad_or_off_machine_urls_are_293_at_once(box, token, url):
    started = time.monotonic()

    reply = notify(box, token, action="subscribe", callbackurl=url, appli="1")

    assert reply["status"] == 293
    assert time.monotonic() - started < 0.9  # refused without a network attempt (loopback only)


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"action": "subscribe"}, 293),
        ({"action": "subscribe", "appli": "3"}, 503),
        ({"action": "subscribe", "appli": "weight"}, 503),
        ({"action": "subscribe", "appli": ""}, 503),
        ({"action": "update", "appli": "1"}, 2554),
        ({"action": "list", "appli": "x"}, 503),
        ({"action": "get"}, 293),
        ({"action": "revoke"}, 293),
        ({}, 2554),
    ],
)
def test_bad_parameters_get_withings_statuses(box, token, callback, params, status):
    if params.get("action") == "subscribe" and "appli" in params:
        params = {**params, "callbackurl": callback.url}
    assert notify(box, token, **params)["status"] == status


def test_a_too_long_comment_is_304(box, token, callback):
    reply = notify(box, token, action="subscribe", callbackurl=callback.url, appli="1", comment="x" * 300)
    assert reply["status"] == 304


def test_too_many_subscriptions_is_305(box, token, callback, monkeypatch):
    monkeypatch.setattr(subscriptions_module, "MAX_PER_USER", 2)
    for appli in ("1", "2"):
        assert notify(box, token, action="subscribe", callbackurl=callback.url, appli=appli)["status"] == 0

    assert notify(box, token, action="subscribe", callbackurl=callback.url, appli="4")["status"] == 305
    assert notify(box, token, action="subscribe", callbackurl=callback.url, appli="1")["status"] == 0


def test_subscriptions_are_per_user_and_oauth1_signed_gets_work(box, token, callback):
    assert notify(box, token, action="subscribe", callbackurl=callback.url, appli="1")["status"] == 0
    key, secret, userid = oauth1_link(box.url, "10502")
    params = {"action": "subscribe", "callbackurl": callback.url, "appli": "4", "userid": userid}
    url = sign(f"{box.url}/notify?{urllib.parse.urlencode(params)}", token=key, token_secret=secret)

    reply = requests.get(url, timeout=TIMEOUT).json()

    assert reply["status"] == 0, reply
    assert control_subscriptions(box, "10502") == [{"appli": 4, "callbackurl": callback.url}]
    assert control_subscriptions(box, USERID) == [{"appli": 1, "callbackurl": callback.url}]


def test_a_tampered_oauth1_notify_call_is_refused(box, callback):
    key, secret, userid = oauth1_link(box.url, "10503")
    params = {"action": "subscribe", "callbackurl": callback.url, "appli": "1", "userid": userid}
    url = sign(f"{box.url}/notify?{urllib.parse.urlencode(params)}", token=key, token_secret=secret)

    reply = requests.get(url.replace("appli=1", "appli=4"), timeout=TIMEOUT).json()

    assert reply["status"] == 342
    assert callback.of("HEAD") == []


def test_no_credentials_no_subscription(box, callback):
    r = requests.post(
        f"{box.url}/notify",
        data={"action": "subscribe", "callbackurl": callback.url, "appli": "1"},
        timeout=5,
    )
    assert r.json()["status"] == 401
    assert notify(box, "not-a-token", action="list")["status"] == 401
    assert callback.of("HEAD") == []


def test_notify_calls_are_counted_apart_from_data_calls(box, token, callback):
    box.reset_stats()
    notify(box, token, action="subscribe", callbackurl=callback.url, appli="1")
    notify(box, token, action="list")
    bearer_post(box.url, "/v2/user", token, action="getgoals")

    r = requests.get(f"{box.url}/_sandbox/calls", params={"userid": USERID}, timeout=TIMEOUT)
    assert r.json() == {"data": 1, "notify": 2}
    assert box.calls("10999") == {"data": 0, "notify": 0}
    assert requests.post(f"{box.url}/_sandbox/reset-stats", timeout=TIMEOUT).ok
    assert box.calls(USERID) == {"data": 0, "notify": 0}
    bad = requests.get(f"{box.url}/_sandbox/calls", params={"userid": "42"}, timeout=TIMEOUT)
    assert bad.status_code == 400


def test_faults_apply_to_notify_like_any_withings_route(box, token, callback):
    box.set_fault("rate_limit", count=1)

    assert notify(box, token, action="list")["status"] == 601
    assert notify(box, token, action="list")["status"] == 0


def test_dropping_subscriptions_silently_as_withings_does(box, token, callback):
    notify(box, token, action="subscribe", callbackurl=callback.url, appli="1")

    r = requests.delete(f"{box.url}/_sandbox/subscriptions", params={"userid": USERID}, timeout=TIMEOUT)

    assert r.json() == {"ok": True}
    assert notify(box, token, action="list")["body"]["profiles"] == []
