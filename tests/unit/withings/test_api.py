"""WithingsApi over mocked HTTP: request parameters, pagination, merging, errors mid-way."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit
from zoneinfo import ZoneInfo

import pytest
import responses

from skill.withings import api as api_module
from skill.withings.api import WithingsApi
from skill.withings.auth import BearerAuth, PreparedRequest
from skill.withings.deadline import Deadline
from skill.withings.errors import RateLimitedError, WithingsTimeoutError
from skill.withings.models import Goals
from skill.withings.workout_categories import WorkoutCategory

FIXTURES = Path(__file__).parents[2] / "fixtures" / "withings"
BASE = "https://wbsapi.test"
BERLIN = ZoneInfo("Europe/Berlin")


def envelope(name: str):
    return json.loads((FIXTURES / name).read_text())


def page(body: Mapping[str, object], **changes: object):
    return {"status": 0, "body": {**body, **changes}}


@dataclass(frozen=True)
class QueryAuth:
    """Stands in for OAuth1: everything in a GET query string (signature faked)."""

    def prepare(self, url: str, params: Mapping[str, str]) -> PreparedRequest:
        return PreparedRequest("GET", f"{url}?{urlencode({**params, 'oauth_signature': 'fake'})}")


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rs:
        yield rs


@pytest.fixture
def client():
    return WithingsApi(BearerAuth("fake-token"), BASE + "/")


def form(call) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(call.request.body).items()}


def query(call) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(call.request.url).query).items()}


def deadline() -> Deadline:
    return Deadline.after(5)


# --- getmeas -----------------------------------------------------------------------------------


def test_get_measures_follows_int_more_and_merges_pages_oldest_first(mocked, client):
    mocked.post(f"{BASE}/measure", json=envelope("getmeas_page1.json"))
    mocked.post(f"{BASE}/measure", json=envelope("getmeas_page2.json"))
    start = datetime(2026, 11, 1, tzinfo=BERLIN)
    end = datetime(2026, 11, 21, tzinfo=BERLIN)

    m = client.get_measures(start=start, end=end, types=[1, 6, 9], deadline=deadline())

    first, second = (form(c) for c in mocked.calls)
    assert first == {
        "action": "getmeas",
        "startdate": str(int(start.timestamp())),
        "enddate": str(int(end.timestamp())),
        "meastypes": "1,6,9",
        "category": "1",
    }
    assert second == {**first, "offset": "2"}
    assert [g.grpid for g in m.groups] == [4999, 5000, 5001, 5002, 5003]
    assert m.timezone == "Europe/Berlin"
    assert all(g.taken_at.tzinfo == BERLIN for g in m.groups)
    assert m.latest(1)[1] == 65.75


def test_get_measures_lastupdate_mode(mocked, client):
    mocked.post(f"{BASE}/measure", json=envelope("getmeas_page2.json"))
    since = datetime(2026, 11, 1, 12, tzinfo=UTC)

    client.get_measures(lastupdate=since, category=None, deadline=deadline())

    assert form(mocked.calls[0]) == {"action": "getmeas", "lastupdate": str(int(since.timestamp()))}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"lastupdate": datetime(2026, 11, 1, tzinfo=UTC), "start": datetime(2026, 10, 1, tzinfo=UTC)},
        {"lastupdate": datetime(2026, 11, 1, tzinfo=UTC), "end": datetime(2026, 12, 1, tzinfo=UTC)},
        {"start": datetime(2026, 11, 1)},  # naive: would be read in the Lambda's zone
    ],
)
def test_get_measures_rejects_bad_arguments_before_any_request(mocked, client, kwargs):
    with pytest.raises(ValueError):
        client.get_measures(deadline=deadline(), **kwargs)
    assert len(mocked.calls) == 0


def test_oauth1_style_signed_get_is_sent_as_prepared(mocked):
    mocked.get(f"{BASE}/measure", json=envelope("getmeas_page2.json"))
    m = WithingsApi(QueryAuth(), BASE).get_measures(types=[1], deadline=deadline())

    sent = query(mocked.calls[0])
    assert sent == {"action": "getmeas", "meastypes": "1", "category": "1", "oauth_signature": "fake"}
    assert mocked.calls[0].request.method == "GET"
    assert len(m.groups) == 3


def test_page_cap_stops_and_returns_what_was_fetched(mocked):
    page1 = envelope("getmeas_page1.json")["body"]
    page2 = envelope("getmeas_page2.json")["body"]
    mocked.post(f"{BASE}/measure", json=page(page1, more=1, offset=2))
    mocked.post(f"{BASE}/measure", json=page(page2, more=1, offset=5))  # Withings says there is more

    m = WithingsApi(BearerAuth("fake-token"), BASE, max_pages=2).get_measures(deadline=deadline())

    assert len(mocked.calls) == 2
    assert [g.grpid for g in m.groups] == [4999, 5000, 5001, 5002, 5003]


@pytest.mark.parametrize("offset", [None, "2", -1, 0])
def test_more_without_a_usable_advancing_offset_stops(mocked, client, offset):
    body = envelope("getmeas_page2.json")["body"]
    mocked.post(f"{BASE}/measure", json=page(body, more=1, offset=offset))
    if offset == 0:  # first page sent no offset; 0 would be the same page again
        mocked.post(f"{BASE}/measure", json=page(body, more=1, offset=0))

    client.get_measures(deadline=deadline())

    assert len(mocked.calls) == (2 if offset == 0 else 1)


def test_error_on_second_page_propagates(mocked, client):
    mocked.post(f"{BASE}/measure", json=envelope("getmeas_page1.json"))
    mocked.post(f"{BASE}/measure", json=json.loads((FIXTURES / "status_errors.json").read_text())["601"])

    with pytest.raises(RateLimitedError) as info:
        client.get_measures(deadline=deadline())
    assert info.value.wait_seconds == 188


def test_expired_deadline_sends_nothing():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rs:
        rs.post(f"{BASE}/measure", json=envelope("getmeas_page2.json"))
        with pytest.raises(WithingsTimeoutError):
            WithingsApi(BearerAuth("fake-token"), BASE).get_measures(deadline=Deadline.after(0))
        assert len(rs.calls) == 0


# --- getactivity -------------------------------------------------------------------------------


def test_get_activity_follows_bool_more(mocked, client):
    mocked.post(f"{BASE}/v2/measure", json=envelope("getactivity_page1.json"))
    mocked.post(f"{BASE}/v2/measure", json=envelope("getactivity_page2.json"))

    days = client.get_activity(date(2026, 11, 18), date(2026, 11, 20), deadline=deadline())

    first, second = (form(c) for c in mocked.calls)
    assert first["action"] == "getactivity"
    assert (first["startdateymd"], first["enddateymd"]) == ("2026-11-18", "2026-11-20")
    assert set(first["data_fields"].split(",")) >= {
        "steps", "distance", "elevation", "soft", "moderate", "intense", "active", "calories",
        "totalcalories", "hr_average", "hr_min", "hr_max", "hr_zone_0", "hr_zone_3",
    }  # fmt: skip
    assert "offset" not in first and second["offset"] == "2"
    assert [d.day for d in days] == [date(2026, 11, 18), date(2026, 11, 19), date(2026, 11, 20)]
    assert [d.brand for d in days] == [1, 18, 1]


def test_get_activity_rejects_backwards_range(client):
    with pytest.raises(ValueError):
        client.get_activity(date(2026, 11, 20), date(2026, 11, 18), deadline=deadline())


# --- sleep -------------------------------------------------------------------------------------


def test_get_sleep_summaries_requests_every_documented_field(mocked, client):
    mocked.post(f"{BASE}/v2/sleep", json=envelope("sleep_getsummary.json"))

    nights = client.get_sleep_summaries(date(2026, 11, 17), date(2026, 11, 20), deadline=deadline())

    sent = form(mocked.calls[0])
    assert sent["action"] == "getsummary"
    fields = set(sent["data_fields"].split(","))
    assert {
        "total_timeinbed", "total_sleep_time", "asleepduration", "lightsleepduration",
        "remsleepduration", "deepsleepduration", "sleep_efficiency", "sleep_latency",
        "wakeup_latency", "wakeupduration", "wakeupcount", "waso", "hr_average", "rr_average",
        "snoring", "sleep_score", "apnea_hypopnea_index", "core_body_temperature_avg",
        "chest_movement_rate_wellness_max", "breathing_sounds_episode_count",
    } <= fields  # fmt: skip
    assert not fields & {"durationtosleep", "durationtowakeup"}  # deprecated
    assert [n.night for n in nights] == [date(2026, 11, 18), date(2026, 11, 19), date(2026, 11, 20)]


def test_sleep_night_repeated_on_two_pages_is_kept_once(mocked, client):
    body = envelope("sleep_getsummary.json")["body"]
    mocked.post(f"{BASE}/v2/sleep", json=page(body, more=True, offset=3))
    mocked.post(f"{BASE}/v2/sleep", json=page(body, series=body["series"][:1], more=False))

    nights = client.get_sleep_summaries(date(2026, 11, 17), date(2026, 11, 20), deadline=deadline())
    assert len(nights) == 3


# --- workouts ----------------------------------------------------------------------------------


def test_get_workouts_pages_and_orders(mocked, client):
    mocked.post(f"{BASE}/v2/measure", json=envelope("getworkouts_page1.json"))
    mocked.post(f"{BASE}/v2/measure", json=envelope("getworkouts_page2.json"))

    workouts = client.get_workouts(date(2026, 11, 18), date(2026, 11, 20), deadline=deadline())

    first = form(mocked.calls[0])
    assert first["action"] == "getworkouts"
    assert {"calories", "intensity", "hr_average", "steps", "distance", "pool_laps"} <= set(
        first["data_fields"].split(",")
    )
    assert [w.id for w in workouts] == [31001, 31002, 31003]
    assert [w.category for w in workouts] == [
        WorkoutCategory.WALK,
        WorkoutCategory.SWIMMING,
        WorkoutCategory.UNKNOWN,
    ]
    assert [w.category_code for w in workouts] == [1, 7, 9999]


def test_workouts_with_data_pair_each_workout_with_the_data_object_sent_for_it(mocked, client):
    mocked.post(f"{BASE}/v2/measure", json=envelope("getworkouts_page1.json"))
    mocked.post(f"{BASE}/v2/measure", json=envelope("getworkouts_page2.json"))

    pairs = client.get_workouts_with_data(date(2026, 11, 18), date(2026, 11, 20), deadline=deadline())

    sent = {w["id"]: w["data"] for name in ("getworkouts_page1.json", "getworkouts_page2.json")
            for w in envelope(name)["body"]["series"]}  # fmt: skip
    assert sent[31003] is None  # a data that is not an object reads as an empty one
    assert [(w.id, data) for w, data in pairs] == [(31001, sent[31001]), (31002, sent[31002]), (31003, {})]


# --- goals -------------------------------------------------------------------------------------


def test_get_goals(mocked, client):
    mocked.post(f"{BASE}/v2/user", json=envelope("getgoals.json"))
    assert client.get_goals(deadline=deadline()) == Goals(steps=10000, sleep_s=28800, weight_kg=70.5)
    assert form(mocked.calls[0]) == {"action": "getgoals"}


def test_max_pages_must_be_positive():
    with pytest.raises(ValueError):
        WithingsApi(BearerAuth("fake-token"), max_pages=0)


def test_default_base_url_is_withings():
    assert api_module.DEFAULT_BASE_URL == "https://wbsapi.withings.net"
