"""Deliveries and the now/* controls: data added at the sandbox's "now", served, and notified."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
import requests

from sandbox.data import generate_user
from sandbox.delivery import Deliveries
from sandbox.extras import Extras, latest_weight
from sandbox.server import RunningSandbox
from tests.clock import NOW, SANDBOX_TZ, TODAY
from tests.unit.sandbox.callback_server import running_callback
from tests.unit.sandbox.helpers import TIMEOUT, bearer_post, oauth2_link

USERID = "10601"
NOW_TS = int(NOW.timestamp())
MIDNIGHT_TS = int(NOW.astimezone(SANDBOX_TZ).replace(hour=0, minute=0, second=0, microsecond=0).timestamp())


@pytest.fixture
def token(box: RunningSandbox) -> str:
    return str(oauth2_link(box.url, USERID)["access_token"])


def subscribe(box: RunningSandbox, token: str, url: str, *applis: str) -> None:
    for appli in applis:
        reply = bearer_post(box.url, "/notify", token, action="subscribe", callbackurl=url, appli=appli)
        assert reply["status"] == 0, reply


def control(box: RunningSandbox, path: str, payload: dict) -> requests.Response:
    return requests.post(f"{box.url}/_sandbox/{path}", json=payload, timeout=TIMEOUT)


def deliveries(box: RunningSandbox, wait: int = 0) -> list[dict]:
    r = requests.get(f"{box.url}/_sandbox/deliveries", params={"wait": str(wait)}, timeout=10)
    assert r.status_code == 200, r.text
    return list(r.json()["deliveries"])


def test_a_weigh_in_now_is_served_and_notified(box, token, callback):
    subscribe(box, token, callback.url, "1")

    r = control(box, "now/weight", {"userid": USERID, "kg": 74.2})

    assert r.status_code == 200, r.text
    assert r.json()["notified"] == 1
    (done,) = deliveries(box, wait=1)
    assert done == {
        "userid": USERID,
        "appli": 1,
        "callbackurl": callback.url,
        "startdate": NOW_TS,
        "enddate": NOW_TS,
        "status": 200,
        "error": None,
        "done": True,
    }
    (post,) = callback.of("POST")
    assert post.content_type == "application/x-www-form-urlencoded"
    assert post.path == "/withings/notify?s=abc"
    assert post.form == {"userid": USERID, "appli": "1", "startdate": str(NOW_TS), "enddate": str(NOW_TS)}

    body = bearer_post(box.url, "/measure", token, action="getmeas", meastypes="1", category="1")["body"]
    latest = body["measuregrps"][0]  # newest first
    assert latest["date"] == NOW_TS
    assert latest["measures"] == [{"value": 74200, "type": 1, "unit": -3, "algo": 0, "fm": 3}]
    changed = bearer_post(box.url, "/measure", token, action="getmeas", lastupdate=str(NOW_TS))["body"]
    assert [g["grpid"] for g in changed["measuregrps"]] == [latest["grpid"]]


def test_a_weigh_in_without_kg_repeats_the_last_weight(box, token):
    before = latest_weight(box.user(USERID))
    assert before is not None

    r = control(box, "now/weight", {"userid": USERID})

    assert r.json()["kg"] == round(before, 1)
    assert r.json()["notified"] == 0  # nobody subscribed: nothing to deliver


def test_steps_now_add_to_today_and_notify_only_activity_subscribers(box, token, callback):
    with running_callback() as sleep_only:
        subscribe(box, token, callback.url, "16")
        subscribe(box, token, sleep_only.url, "44")
        day = TODAY.isoformat()

        def steps_today() -> int:
            body = bearer_post(
                box.url, "/v2/measure", token, action="getactivity", startdateymd=day, enddateymd=day
            )["body"]
            return int(body["activities"][0]["steps"])

        before = steps_today()
        r = control(box, "now/steps", {"userid": USERID, "steps": 1234})
        assert r.json() == {"ok": True, "notified": 1, "startdate": MIDNIGHT_TS, "enddate": NOW_TS}
        deliveries(box, wait=1)

        assert steps_today() == before + 1234
        assert [p.form["appli"] for p in callback.of("POST")] == ["16"]
        assert sleep_only.of("POST") == []


def test_a_night_ending_now_replaces_the_night_of_that_date(box, token, callback):
    subscribe(box, token, callback.url, "44")
    day = TODAY.isoformat()

    r = control(box, "now/night", {"userid": USERID, "hours": 8})

    assert r.json()["startdate"] == NOW_TS - 8 * 3600
    assert r.json()["date"] == day
    body = bearer_post(
        box.url, "/v2/sleep", token, action="getsummary", startdateymd=day, enddateymd=day,
        data_fields="total_timeinbed,total_sleep_time",
    )["body"]  # fmt: skip
    (night,) = body["series"]
    assert (night["startdate"], night["enddate"]) == (NOW_TS - 8 * 3600, NOW_TS)
    assert night["data"]["total_timeinbed"] == 8 * 3600
    assert 0 < night["data"]["total_sleep_time"] < 8 * 3600
    (done,) = deliveries(box, wait=1)
    assert (done["appli"], done["startdate"], done["enddate"]) == (44, NOW_TS - 8 * 3600, NOW_TS)


def test_notify_sends_without_changing_data(box, token, callback):
    subscribe(box, token, callback.url, "4")
    before = box.user(USERID)

    r = control(box, "notify", {"userid": USERID, "appli": 4, "startdate": 1795500000, "enddate": 1795586400})

    assert r.json()["notified"] == 1
    deliveries(box, wait=1)
    assert callback.of("POST")[0].form == {
        "userid": USERID,
        "appli": "4",
        "startdate": "1795500000",
        "enddate": "1795586400",
    }
    assert box.user(USERID) == before


def test_notify_defaults_to_now(box, token, callback):
    subscribe(box, token, callback.url, "1")

    assert control(box, "notify", {"userid": USERID, "appli": 1}).json()["startdate"] == NOW_TS


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("now/weight", {}),
        ("now/weight", {"userid": "42"}),
        ("now/weight", {"userid": USERID, "kg": "heavy"}),
        ("now/weight", {"userid": USERID, "kg": 5000}),
        ("now/weight", {"userid": USERID, "kg": True}),
        ("now/steps", {"userid": USERID}),
        ("now/steps", {"userid": USERID, "steps": 12.5}),
        ("now/steps", {"userid": USERID, "steps": -3}),
        ("now/night", {"userid": USERID, "hours": 30}),
        ("notify", {"userid": USERID}),
        ("notify", {"userid": USERID, "appli": 3}),
        ("notify", {"userid": USERID, "appli": "1"}),
        ("notify", {"userid": USERID, "appli": 1, "startdate": 20, "enddate": 10}),
    ],
)
def test_bad_controls_are_400_with_a_reason(box, path, payload):
    r = control(box, path, payload)

    assert r.status_code == 400
    assert r.json()["error"]


def test_failing_and_dead_callbacks_are_recorded_not_retried(box, token, callback):
    callback.post_status = 500
    subscribe(box, token, callback.url, "1")
    with running_callback("/gone") as gone:
        subscribe(box, token, gone.url, "1")
    dead = gone.url  # it passed the probe, then went away: Withings keeps the subscription

    control(box, "now/weight", {"userid": USERID, "kg": 70})

    by_url = {d["callbackurl"]: d for d in deliveries(box, wait=2)}
    assert by_url[callback.url]["status"] == 500
    assert by_url[dead]["status"] is None
    assert by_url[dead]["error"]
    assert by_url[dead]["done"] is True
    assert len(callback.of("POST")) == 1
    assert gone.of("POST") == []


def test_a_slow_callback_does_not_hold_up_the_control(box, token, callback):
    callback.post_delay = 1.5
    subscribe(box, token, callback.url, "1")

    started = time.monotonic()
    control(box, "now/weight", {"userid": USERID, "kg": 70})
    answered = time.monotonic() - started

    assert answered < 1.0
    assert deliveries(box)[0]["status"] is None  # still under way
    assert deliveries(box, wait=1)[0]["status"] == 200


def test_reset_stats_and_delete_clear_the_delivery_log(box, token, callback):
    subscribe(box, token, callback.url, "1")
    control(box, "notify", {"userid": USERID, "appli": 1})
    assert len(deliveries(box, wait=1)) == 1

    assert requests.post(f"{box.url}/_sandbox/reset-stats", timeout=TIMEOUT).ok
    assert deliveries(box) == []
    control(box, "notify", {"userid": USERID, "appli": 1})
    deliveries(box, wait=1)
    assert requests.delete(f"{box.url}/_sandbox/deliveries", timeout=TIMEOUT).ok
    assert deliveries(box) == []


def test_the_python_helpers_match_the_controls(box, token, callback):
    subscribe(box, token, callback.url, "1", "16", "44")

    assert box.add_weight(USERID, 71.5)["notified"] == 1
    assert box.add_steps(USERID, 100)["notified"] == 1
    assert box.add_night(USERID)["notified"] == 1
    assert box.send_notification(USERID, 1)["notified"] == 1

    assert [d["appli"] for d in box.deliveries(wait=4)] == [1, 16, 44, 1]
    assert box.subscriptions(USERID) == [
        {"appli": a, "callbackurl": callback.url} for a in (1, 16, 44)
    ]  # fmt: skip


def test_bad_wait_is_400(box):
    r = requests.get(f"{box.url}/_sandbox/deliveries", params={"wait": "soon"}, timeout=TIMEOUT)
    assert r.status_code == 400


# --- the parts, without HTTP ---------------------------------------------------------------------


def test_waiting_for_deliveries_that_never_finish_gives_up():
    stuck = Deliveries(send=lambda method, url, body, timeout: (None, "never"))

    started = time.monotonic()
    assert stuck.snapshot(wait_for=1, timeout=0.05) == []
    assert time.monotonic() - started < 1


def test_steps_before_todays_first_sync_are_the_only_steps():
    morning = NOW.replace(hour=7)  # 08:00 in Paris: today's generated activity syncs at noon
    user = generate_user(7, USERID, "Europe/Paris", TODAY, 10)
    extras = Extras()

    extras.add_steps(USERID, TODAY.isoformat(), 500, morning)
    extras.add_steps(USERID, TODAY.isoformat(), 250, morning + timedelta(minutes=5))
    today = extras.apply(user).activities[-1]

    assert today["date"] == TODAY.isoformat()
    assert today["steps"] == 750
    assert today["modified"] == int((morning + timedelta(minutes=5)).timestamp())


def test_what_was_added_outlives_a_new_day():
    extras = Extras()
    user = generate_user(7, USERID, "Europe/Paris", TODAY, 10)
    group = extras.add_weight(user, NOW, 80.0)

    tomorrow = generate_user(7, USERID, "Europe/Paris", TODAY + timedelta(days=1), 10)

    assert group in extras.apply(tomorrow).measuregrps
    assert group not in tomorrow.measuregrps


def test_the_e2e_http_helper_drives_the_same_controls(box, token, callback):
    from tests.e2e.sandbox_notify import SandboxNotify

    remote = SandboxNotify(box.url)
    subscribe(box, token, callback.url, "1", "44")
    remote.reset_stats()

    assert remote.add_weight(USERID, 70.1)["notified"] == 1
    assert remote.add_night(USERID, 6)["notified"] == 1
    assert remote.add_steps(USERID, 10)["notified"] == 0
    assert remote.send(USERID, 44, NOW_TS - 60, NOW_TS)["notified"] == 1
    assert [(d["appli"], d["status"]) for d in remote.deliveries(wait=3)] == [(1, 200), (44, 200), (44, 200)]
    assert remote.subscriptions(USERID) == [
        {"appli": 1, "callbackurl": callback.url},
        {"appli": 44, "callbackurl": callback.url},
    ]
    assert remote.calls(USERID) == {"data": 0, "notify": 0}
    remote.drop_subscriptions(USERID)
    assert remote.subscriptions(USERID) == []
