"""Generated demo users: deterministic, realistic, and covering today and last night."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sandbox.data import DEMO_USERIDS, as_of, generate_user, is_demo_userid, served_at
from skill.clock import PINNED_NOW_ENV
from tests.clock import NOW

TODAY = date(2026, 3, 30)  # the history spans Europe's spring DST change (2026-03-29)
TZ = "Europe/Paris"


def test_same_seed_same_data_other_seed_or_user_other_data() -> None:
    a = generate_user(7, "10001", TZ, TODAY, 120)
    b = generate_user(7, "10001", TZ, TODAY, 120)
    assert json.dumps(a.__dict__, sort_keys=True) == json.dumps(b.__dict__, sort_keys=True)
    assert generate_user(8, "10001", TZ, TODAY, 120).measuregrps != a.measuregrps
    assert generate_user(7, "10002", TZ, TODAY, 120).measuregrps != a.measuregrps


def test_server_serves_the_generated_user_as_of_the_pinned_now(sandbox) -> None:
    today = NOW.astimezone(ZoneInfo(TZ)).date()
    whole_day = generate_user(7, "10003", TZ, today, 180)
    served = sandbox.user("10003")
    assert served == served_at(7, "10003", TZ, NOW, 180) == as_of(whole_day, NOW.timestamp())
    assert served.as_of == int(NOW.timestamp()) and served.goals == whole_day.goals
    now = NOW.timestamp()
    for kind, stamp in (
        ("measuregrps", "date"),
        ("sleep_summaries", "enddate"),
        ("workouts", "enddate"),
        ("activities", "modified"),
    ):
        got, generated = getattr(served, kind), getattr(whole_day, kind)
        assert got == [r for r in generated if r[stamp] <= now], kind  # nothing from later today
        assert got, kind


def test_just_after_midnight_today_has_no_steps_night_or_weigh_in_yet() -> None:
    tz = ZoneInfo(TZ)
    moment = datetime(2026, 12, 1, 0, 30, tzinfo=tz)  # UTC is still on November 30
    user = served_at(7, "10001", TZ, moment, 180)
    today, yesterday = date(2026, 12, 1), date(2026, 11, 30)
    assert [a["date"] for a in user.activities][-1] == yesterday.isoformat()
    assert user.sleep_summaries[-1]["date"] == yesterday.isoformat()
    assert all(datetime.fromtimestamp(g["date"], tz).date() < today for g in user.measuregrps)
    # at noon the day's first sync has happened, the night and the weigh-in are there
    noon = served_at(7, "10001", TZ, moment.replace(hour=12, minute=1), 180)
    assert noon.activities[-1]["date"] == noon.sleep_summaries[-1]["date"] == today.isoformat()
    assert datetime.fromtimestamp(noon.measuregrps[-1]["date"], tz).date() == today


def test_the_sandbox_follows_pinned_now(sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    moment = datetime(2028, 2, 29, 21, 0, tzinfo=ZoneInfo(TZ))
    monkeypatch.setenv(PINNED_NOW_ENV, moment.isoformat())
    served = sandbox.user("10003")
    assert served.as_of == int(moment.timestamp())
    assert served.activities[-1]["date"] == "2028-02-29"
    assert served == served_at(7, "10003", TZ, moment, 180)


def test_userids() -> None:
    assert DEMO_USERIDS[0] == "10001" and DEMO_USERIDS[-1] == "19999" and len(DEMO_USERIDS) == 9999
    assert "12345" in DEMO_USERIDS
    for bad in ("9999", "20000", "010001", " 10001", "1e4", "", None, 10001):
        assert not is_demo_userid(bad)
    with pytest.raises(ValueError):
        generate_user(7, "42", TZ, TODAY, 30)


def value(measure: dict) -> float:
    return float(measure["value"] * 10 ** measure["unit"])


@pytest.mark.parametrize("userid", [str(10001 + i) for i in range(0, 50, 7)])
def test_values_are_realistic(userid: str) -> None:
    user = generate_user(7, userid, TZ, TODAY, 180)
    weights = [
        value(m)
        for g in user.measuregrps
        if g["category"] == 1 and g["attrib"] == 0
        for m in g["measures"]
        if m["type"] == 1
    ]
    assert len(weights) > 120  # near-daily
    assert all(55 <= w <= 100 for w in weights)
    assert max(weights) - min(weights) < 12
    for g in user.measuregrps:
        types = {m["type"]: value(m) for m in g["measures"] if "position" not in m}
        if 10 in types:
            assert 90 <= types[10] <= 160 and 55 <= types[9] <= 100 and types[9] < types[10]
        if 6 in types and g["attrib"] == 0:
            assert 5 <= types[6] <= 45
            assert types[5] + types[8] == pytest.approx(types[1], abs=0.01)
    assert all(2000 <= a["steps"] <= 16000 for a in user.activities[:-1])
    assert all(a["active"] == a["moderate"] + a["intense"] for a in user.activities)
    for s in user.sleep_summaries:
        d = s["data"]
        assert (
            d["total_sleep_time"] == d["lightsleepduration"] + d["deepsleepduration"] + d["remsleepduration"]
        )
        assert d["total_timeinbed"] == s["enddate"] - s["startdate"]
        assert 0 < d["sleep_efficiency"] <= 1
    weeks = 179 / 7
    assert 2 * weeks * 0.8 <= len(user.workouts) <= 4 * weeks * 1.2


def test_kinds_of_groups_clients_must_handle() -> None:
    user = generate_user(7, "10001", TZ, TODAY, 180)
    attribs = [g["attrib"] for g in user.measuregrps]
    assert 1 in attribs and 2 in attribs
    assert [g["category"] for g in user.measuregrps].count(2) == 1
    types = {m["type"] for g in user.measuregrps for m in g["measures"]}
    assert {1, 4, 5, 6, 8, 9, 10, 11, 54, 71, 76, 77, 88} <= types
    assert [g["date"] for g in user.measuregrps] == sorted(g["date"] for g in user.measuregrps)


def test_history_ends_today_in_the_users_time_zone() -> None:
    tz = ZoneInfo(TZ)
    user = generate_user(7, "10001", TZ, TODAY, 180)
    assert user.activities[0]["date"] == (TODAY - timedelta(days=179)).isoformat()
    assert user.activities[-1]["date"] == TODAY.isoformat()
    last_night = user.sleep_summaries[-1]
    assert last_night["date"] == TODAY.isoformat()
    assert datetime.fromtimestamp(last_night["enddate"], tz).date() == TODAY
    assert datetime.fromtimestamp(last_night["startdate"], tz).hour in (21, 22, 23, 0)
    this_morning = [
        g
        for g in user.measuregrps
        if datetime.fromtimestamp(g["date"], tz).date() == TODAY and g["attrib"] == 0
    ]
    assert any(m["type"] == 1 for g in this_morning for m in g["measures"])
    assert {a["timezone"] for a in user.activities} == {TZ}


def test_other_time_zone() -> None:
    user = generate_user(7, "10001", "America/Los_Angeles", TODAY, 30)
    tz = ZoneInfo("America/Los_Angeles")
    weigh_ins = [g for g in user.measuregrps if g["attrib"] == 0 and g["measures"][0]["type"] == 1]
    assert all(6 <= datetime.fromtimestamp(g["date"], tz).hour <= 8 for g in weigh_ins)
    assert user.sleep_summaries[-1]["timezone"] == "America/Los_Angeles"
