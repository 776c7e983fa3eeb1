"""The data services over HTTP: shapes, filters, in-body errors and real pagination."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sandbox.endpoints import MEASURE_PAGE
from tests.clock import NOW, TODAY
from tests.unit.sandbox.helpers import bearer_post, oauth2_link

USERID = "10201"


@pytest.fixture(scope="module")
def token(sandbox) -> str:
    return str(oauth2_link(sandbox.url, USERID)["access_token"])


@pytest.fixture(scope="module")
def today() -> date:
    return TODAY  # the suite's pinned "now" (tests.clock), which the sandbox serves its data as of


def call(sandbox, token: str, path: str, **params: str) -> dict:
    return bearer_post(sandbox.url, path, token, **params)


def all_pages(sandbox, token: str, path: str, key: str, **params: str) -> tuple[list[dict], int]:
    """Follow more/offset to the end; returns the records and the number of calls."""
    records: list[dict] = []
    offset, calls = 0, 0
    while True:
        reply = call(sandbox, token, path, **params, offset=str(offset))
        assert reply["status"] == 0, reply
        calls += 1
        body = reply["body"]
        records.extend(body[key])
        if not body["more"]:
            return records, calls
        assert body["offset"] > offset
        offset = body["offset"]


def test_getmeas_pages_cover_every_group_exactly_once(sandbox_clean, token) -> None:
    groups, calls = all_pages(sandbox_clean, token, "/measure", "measuregrps", action="getmeas")
    expected = [g["grpid"] for g in sandbox_clean.user(USERID).measuregrps]
    got = [g["grpid"] for g in groups]
    assert len(got) == len(set(got))
    assert sorted(got) == sorted(expected)
    assert calls == -(-len(expected) // MEASURE_PAGE) >= 2
    assert sandbox_clean.stats()["actions"]["getmeas"] == calls
    # newest first, across pages too
    dates = [g["date"] for g in groups]
    assert dates == sorted(dates, reverse=True)


def test_getmeas_more_is_an_int_and_v2_more_is_a_bool(sandbox, token, today) -> None:
    meas = call(sandbox, token, "/measure", action="getmeas")["body"]
    assert meas["more"] == 1 and type(meas["more"]) is int
    assert meas["timezone"] == "Europe/Paris"
    assert meas["updatetime"] == int(NOW.timestamp())  # the server's "now": the pinned one
    start = (today - timedelta(days=100)).isoformat()
    act = call(
        sandbox, token, "/v2/measure", action="getactivity", startdateymd=start, enddateymd=today.isoformat()
    )
    assert act["body"]["more"] is True
    last = call(
        sandbox,
        token,
        "/v2/measure",
        action="getactivity",
        startdateymd=today.isoformat(),
        enddateymd=today.isoformat(),
    )
    assert last["body"]["more"] is False


def test_getmeas_filters_by_type_category_and_dates(sandbox, token) -> None:
    user = sandbox.user(USERID)
    start = user.measuregrps[len(user.measuregrps) // 2]["date"]
    end = start + 14 * 86400
    groups, _ = all_pages(
        sandbox,
        token,
        "/measure",
        "measuregrps",
        action="getmeas",
        meastypes="9,10",
        category="1",
        startdate=str(start),
        enddate=str(end),
    )
    expected = [
        g["grpid"]
        for g in user.measuregrps
        if g["category"] == 1
        and start <= g["date"] <= end
        and any(m["type"] in (9, 10) for m in g["measures"])
    ]
    assert groups
    assert sorted(g["grpid"] for g in groups) == sorted(expected)
    assert all({m["type"] for m in g["measures"]} <= {9, 10} for g in groups)


def test_getmeas_category_2_is_the_objective(sandbox, token) -> None:
    groups = call(sandbox, token, "/measure", action="getmeas", category="2")["body"]["measuregrps"]
    assert len(groups) == 1
    assert groups[0]["measures"][0]["type"] == 1


def test_getmeas_lastupdate(sandbox, token) -> None:
    user = sandbox.user(USERID)
    since = user.measuregrps[-5]["modified"]
    groups = call(sandbox, token, "/measure", action="getmeas", lastupdate=str(since))["body"]["measuregrps"]
    assert sorted(g["grpid"] for g in groups) == sorted(
        g["grpid"] for g in user.measuregrps if g["modified"] >= since
    )


def test_getactivity_pages_and_data_fields(sandbox, token, today) -> None:
    start = today - timedelta(days=89)
    records, calls = all_pages(
        sandbox,
        token,
        "/v2/measure",
        "activities",
        action="getactivity",
        startdateymd=start.isoformat(),
        enddateymd=today.isoformat(),
        data_fields="steps,distance",
    )
    assert calls == 3  # 90 days, 30 per page
    assert [r["date"] for r in records] == [(start + timedelta(days=i)).isoformat() for i in range(90)]
    assert all("steps" in r and "distance" in r and "calories" not in r for r in records)
    assert all(r["timezone"] == "Europe/Paris" for r in records)
    # today's steps are there (a partial day)
    assert records[-1]["date"] == today.isoformat() and records[-1]["steps"] > 0


def test_getactivity_without_data_fields_returns_all(sandbox, token, today) -> None:
    reply = call(
        sandbox,
        token,
        "/v2/measure",
        action="getactivity",
        startdateymd=today.isoformat(),
        enddateymd=today.isoformat(),
    )
    (record,) = reply["body"]["activities"]
    assert {
        "steps",
        "distance",
        "calories",
        "totalcalories",
        "active",
        "hr_average",
        "brand",
        "is_tracker",
    } <= set(record)


def test_getsummary_last_night_and_fields(sandbox, token, today) -> None:
    # The night ending this morning: at the pinned afternoon it has ended.
    yesterday = today - timedelta(days=1)
    reply = call(
        sandbox,
        token,
        "/v2/sleep",
        action="getsummary",
        startdateymd=(today - timedelta(days=2)).isoformat(),
        enddateymd=today.isoformat(),
        data_fields="total_sleep_time,total_timeinbed,sleep_latency,sleep_score",
    )
    series = reply["body"]["series"]
    assert series[-1]["date"] == today.isoformat() and series[-1]["enddate"] <= NOW.timestamp()
    assert set(series[-1]["data"]) == {"total_sleep_time", "total_timeinbed", "sleep_latency", "sleep_score"}
    tz = ZoneInfo("Europe/Paris")
    started = datetime.fromtimestamp(series[-1]["startdate"], tz)
    ended = datetime.fromtimestamp(series[-1]["enddate"], tz)
    assert started.date() in (yesterday, today) and ended.date() == today
    assert series[-1]["data"]["total_timeinbed"] == series[-1]["enddate"] - series[-1]["startdate"]


def test_getsummary_without_data_fields_gives_only_legacy_fields(sandbox, token, today) -> None:
    reply = call(
        sandbox,
        token,
        "/v2/sleep",
        action="getsummary",
        startdateymd=(today - timedelta(days=1)).isoformat(),
        enddateymd=today.isoformat(),
    )
    data = reply["body"]["series"][-1]["data"]
    assert "deepsleepduration" in data and "durationtosleep" in data
    assert "total_sleep_time" not in data


def test_getworkouts_and_getgoals(sandbox, token, today) -> None:
    start = today - timedelta(days=179)
    workouts, _ = all_pages(
        sandbox,
        token,
        "/v2/measure",
        "series",
        action="getworkouts",
        startdateymd=start.isoformat(),
        enddateymd=today.isoformat(),
    )
    assert [w["id"] for w in workouts] == [w["id"] for w in sandbox.user(USERID).workouts]
    assert all(w["enddate"] > w["startdate"] and "calories" in w["data"] for w in workouts)
    goals = call(sandbox, token, "/v2/user", action="getgoals")["body"]["goals"]
    assert set(goals) == {"steps", "sleep", "weight"}
    assert goals["weight"]["unit"] == -3


def test_lastupdate_mode_for_v2(sandbox, token) -> None:
    user = sandbox.user(USERID)
    since = user.activities[-3]["modified"]
    reply = call(sandbox, token, "/v2/measure", action="getactivity", lastupdate=str(since))
    assert [a["date"] for a in reply["body"]["activities"]] == [a["date"] for a in user.activities[-3:]]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/v2/measure", {"action": "getactivity", "startdateymd": "2026-13-01", "enddateymd": "2026-12-01"}),
        ("/v2/measure", {"action": "getactivity", "startdateymd": "yesterday", "enddateymd": "2026-01-01"}),
        ("/v2/measure", {"action": "getactivity", "startdateymd": "2026-01-01"}),
        ("/v2/measure", {"action": "getactivity"}),
        ("/v2/sleep", {"action": "getsummary", "startdateymd": "2026-02-01", "enddateymd": "2026-01-01"}),
        ("/measure", {"action": "getmeas", "startdate": "last week"}),
        ("/measure", {"action": "getmeas", "meastypes": "1;2"}),
        ("/measure", {"action": "getmeas", "offset": "-1"}),
    ],
)
def test_bad_params_are_status_503(sandbox, token, path, params) -> None:
    reply = call(sandbox, token, path, **params)
    assert reply["status"] == 503
    assert reply["error"].startswith("Invalid Params")


@pytest.mark.parametrize(
    ("path", "action"), [("/measure", "getactivity"), ("/v2/sleep", "get"), ("/v2/user", "")]
)
def test_unknown_action_is_2554(sandbox, token, path, action) -> None:
    assert call(sandbox, token, path, action=action)["status"] == 2554
