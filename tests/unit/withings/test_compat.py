"""The classic WithingsClient facade over mocked HTTP: exact row shapes, pages, failures, authorisation.

A small fake Withings (responses callbacks) serves the legacy endpoints: it checks each data call's
OAuth1 signature with oauthlib's verifier, answers by action and offset, and records the parameters.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

import pytest
import requests
import responses

from skill.withings import compat
from skill.withings.compat import WithingsClient, make_dates

API = "https://wbsapi.example.test"
OAUTH1 = "https://oauth.example.test/account"
CONSUMER_KEY = "fake-consumer-key"
CONSUMER_SECRET = "fake-consumer-secret"
TOKEN = "fake-access-token"
TOKEN_SECRET = "fake-access-secret"
USERID = "1234567"
PARIS = ZoneInfo("Europe/Paris")


def _ts(year: int, month: int, day: int, hour: int, minute: int, second: int = 0, tz: Any = PARIS) -> int:
    return int(datetime(year, month, day, hour, minute, second, tzinfo=tz).timestamp())


def _verifies(url: str, token_secret: str) -> bool:
    from oauthlib.common import Request
    from oauthlib.oauth1.rfc5849 import signature

    pairs = parse_qsl(urlsplit(url).query, keep_blank_values=True)
    request = Request(url, http_method="GET")
    request.params = [(k, v) for k, v in pairs if k != "oauth_signature"]
    request.signature = dict(pairs)["oauth_signature"]
    return bool(signature.verify_hmac_sha1(request, CONSUMER_SECRET, token_secret))


@dataclass
class FakeWithings:
    """Pages per action (keyed by offset), or a raw reply (status code, body) to send instead."""

    pages: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    replies: dict[str, tuple[int, str]] = field(default_factory=dict)
    seen: list[dict[str, str]] = field(default_factory=list)

    def handle(self, request: Any) -> tuple[int, dict[str, str], str]:
        assert request.method == "GET"
        query = dict(parse_qsl(urlsplit(request.url).query, keep_blank_values=True))
        self.seen.append(query)
        if not _verifies(request.url, TOKEN_SECRET):
            return 200, {}, json.dumps({"status": 342, "body": {}, "error": "signature invalid"})
        action = query["action"]
        if action in self.replies:
            status, text = self.replies[action]
            return status, {}, text
        body = self.pages[action][int(query.get("offset", "0"))]
        return 200, {"Content-Type": "application/json"}, json.dumps({"status": 0, "body": body})


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WITHINGS_API_URL", API + "/")
    monkeypatch.setenv("WITHINGS_OAUTH1_URL", OAUTH1)


@pytest.fixture
def fake(env: None) -> Iterator[FakeWithings]:
    server = FakeWithings()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        for path in ("/measure", "/v2/measure", "/v2/sleep"):
            mock.add_callback(responses.GET, f"{API}{path}", callback=server.handle)
        yield server


def _client() -> WithingsClient:
    client = WithingsClient(
        USERID, TOKEN, TOKEN_SECRET, "https://cb.example.test/", CONSUMER_KEY, CONSUMER_SECRET
    )
    client.make_dates("2017-03-01", "2017-03-23")
    return client


def _group(grpid: int, when: int, *measures: tuple[int, int, int], category: int = 1) -> dict[str, Any]:
    return {
        "grpid": grpid,
        "attrib": 0,
        "date": when,
        "created": when,
        "category": category,
        "measures": [{"type": t, "value": v, "unit": u} for t, v, u in measures],
    }


# --- body measures ---------------------------------------------------------------------------------


def test_body_measures_rows_in_the_measurements_time_zone(fake: FakeWithings) -> None:
    fake.pages["getmeas"] = {
        0: {
            "updatetime": _ts(2017, 3, 23, 12, 0),
            "timezone": "Europe/Paris",
            "more": 0,
            "offset": 0,
            "measuregrps": [
                _group(1, _ts(2017, 3, 21, 7, 11, 46), (11, 85, 0), (1, 81013, -3), (8, 15444, -3)),
                # 00:30 in Paris on 1 March is still 28 February in UTC: in range locally.
                _group(2, _ts(2017, 3, 1, 0, 30), (9, 80, 0), (10, 120, 0)),
                # 00:30 in Paris on 24 March is 23 March in UTC: out of range locally.
                _group(3, _ts(2017, 3, 24, 0, 30), (1, 80500, -3)),
            ],
        }
    }
    status, rows = _client().body_measures()
    assert status == "Operation was successful"
    assert rows == [
        ["2017-03-01 00:30:00", "Diastolic blood pressure", 80, "mmHg"],
        ["2017-03-01 00:30:00", "Systolic blood pressure", 120, "mmHg"],
        ["2017-03-21 07:11:46", "Heart rate", 85, "bpm"],
        ["2017-03-21 07:11:46", "Weight", 81.013, "kg"],
        ["2017-03-21 07:11:46", "Fat mass weight", 15.444, "kg"],
    ]
    assert type(rows[2][2]) is int
    (query,) = fake.seen
    # Widened by a day each side, in Unix seconds, real measures only, signed with userid.
    assert query["startdate"] == str(_ts(2017, 2, 28, 0, 0, tz=UTC))
    assert query["enddate"] == str(_ts(2017, 3, 25, 0, 0, tz=UTC))
    assert query["category"] == "1"
    assert query["userid"] == USERID
    assert query["oauth_token"] == TOKEN
    assert query["oauth_consumer_key"] == CONSUMER_KEY


def test_body_measures_name_unknown_codes_by_their_code(fake: FakeWithings) -> None:
    fake.pages["getmeas"] = {
        0: {
            "updatetime": 0,
            "timezone": "Europe/Paris",
            "more": 0,
            "offset": 0,
            "measuregrps": [_group(1, _ts(2017, 3, 5, 8, 0), (9999, 4321, -1), (123, 45, 0), (1, 82000, -3))],
        }
    }
    status, rows = _client().body_measures()
    assert status == "Operation was successful"
    assert rows == [
        ["2017-03-05 08:00:00", "Measure type 9999", 432.1, ""],
        ["2017-03-05 08:00:00", "VO2 max", 45, "ml/min/kg"],
        ["2017-03-05 08:00:00", "Weight", 82.0, "kg"],
    ]


def test_body_measures_follows_every_page(fake: FakeWithings) -> None:
    base = {"updatetime": 0, "timezone": "Europe/Paris"}
    fake.pages["getmeas"] = {
        0: {
            **base,
            "more": 1,
            "offset": 1,
            "measuregrps": [_group(1, _ts(2017, 3, 5, 8, 0), (1, 82000, -3))],
        },
        1: {
            **base,
            "more": 0,
            "offset": 0,
            "measuregrps": [_group(2, _ts(2017, 3, 6, 8, 0), (1, 81500, -3))],
        },
    }
    status, rows = _client().body_measures()
    assert status == "Operation was successful"
    assert rows == [
        ["2017-03-05 08:00:00", "Weight", 82.0, "kg"],
        ["2017-03-06 08:00:00", "Weight", 81.5, "kg"],
    ]
    assert [q.get("offset") for q in fake.seen] == [None, "1"]


# --- activity, sleep, workout ----------------------------------------------------------------------


def _activity(day: str, steps: int | None, brand: int = 1) -> dict[str, Any]:
    record: dict[str, Any] = {
        "date": day,
        "timezone": "Europe/Paris",
        "brand": brand,
        "is_tracker": brand == 1,
    }
    if steps is not None:
        record["steps"] = steps
    return record


def test_activity_one_row_per_day_across_pages(fake: FakeWithings) -> None:
    fake.pages["getactivity"] = {
        0: {
            "more": True,
            "offset": 2,
            "activities": [_activity("2017-03-17", 6410), _activity("2017-03-18", 6909)],
        },
        2: {
            "more": False,
            "offset": 0,
            "activities": [
                _activity("2017-03-19", None),
                _activity("2017-03-18", 5000, brand=18),  # the phone counted the same walking
            ],
        },
    }
    status, rows = _client().activity()
    assert status == "Operation was successful"
    assert rows == [["2017-03-17", 6410], ["2017-03-18", 6909], ["2017-03-19", 0]]
    first, second = fake.seen
    assert (first["startdateymd"], first["enddateymd"]) == ("2017-03-01", "2017-03-23")
    assert second["offset"] == "2"


def _night(day: str, start: int, end: int, **data: Any) -> dict[str, Any]:
    return {
        "date": day,
        "timezone": "Europe/Paris",
        "startdate": start,
        "enddate": end,
        "model": 32,
        "data": data,
    }


def test_sleep_one_row_per_night_with_the_classic_keys(fake: FakeWithings) -> None:
    fake.pages["getsummary"] = {
        0: {
            "more": False,
            "offset": 0,
            "series": [
                _night(
                    "2017-03-18",
                    _ts(2017, 3, 17, 23, 0),
                    _ts(2017, 3, 18, 7, 0),
                    wakeupduration=600,
                    deepsleepduration=7920,
                    lightsleepduration=15720,
                    sleep_latency=360,
                    wakeupcount=1,
                    sleep_score=81,
                ),
                # A short nap dated the same night: the longer time in bed wins.
                _night(
                    "2017-03-18", _ts(2017, 3, 18, 14, 0), _ts(2017, 3, 18, 14, 30), lightsleepduration=1500
                ),
                # An external source: no stages at all.
                _night("2017-03-19", _ts(2017, 3, 18, 23, 0), _ts(2017, 3, 19, 6, 0), asleepduration=21000),
            ],
        }
    }
    status, rows = _client().sleep()
    assert status == "Operation was successful"
    assert [r[0] for r in rows] == ["2017-03-18", "2017-03-19"]
    classic = ("wakeupduration", "deepsleepduration", "lightsleepduration", "durationtosleep", "wakeupcount")
    assert {k: rows[0][1][k] for k in classic} == {
        "wakeupduration": 600,
        "deepsleepduration": 7920,
        "lightsleepduration": 15720,
        "durationtosleep": 360,
        "wakeupcount": 1,
    }
    assert rows[0][1] == {  # the longest night's own data, as sent, with the classic keys added
        "wakeupduration": 600,
        "deepsleepduration": 7920,
        "lightsleepduration": 15720,
        "sleep_latency": 360,
        "durationtosleep": 360,
        "wakeupcount": 1,
        "sleep_score": 81,
    }
    assert {k: rows[1][1][k] for k in classic} == dict.fromkeys(classic, 0)
    assert rows[1][1] == {**dict.fromkeys(classic, 0), "asleepduration": 21000}


def test_workout_rows(fake: FakeWithings) -> None:
    walk = {"calories": 83.57224, "distance": 2291.37, "steps": 2597, "intensity": 9, "hr_average": 0}
    fake.pages["getworkouts"] = {
        0: {
            "more": False,
            "offset": 0,
            "series": [
                {
                    "id": 1,
                    "category": 1,
                    "timezone": "Europe/Paris",
                    "date": "2017-03-17",
                    "startdate": _ts(2017, 3, 17, 12, 0),
                    "enddate": _ts(2017, 3, 17, 12, 28),
                    "data": walk,
                },
                {
                    "id": 2,
                    "category": 2,
                    "timezone": "Europe/Paris",
                    "date": "2017-03-18",
                    "startdate": _ts(2017, 3, 18, 8, 0),
                    "enddate": _ts(2017, 3, 18, 8, 40),
                    "data": {"distance": 7000},
                },
                {  # a category Withings added after this table, and no data object at all
                    "id": 3,
                    "category": 9999,
                    "timezone": "Europe/Paris",
                    "date": "2017-03-19",
                    "startdate": _ts(2017, 3, 19, 8, 0),
                    "enddate": _ts(2017, 3, 19, 8, 40),
                },
            ],
        }
    }
    status, rows = _client().workout()
    assert status == "Operation was successful"
    assert rows == [
        ["2017-03-17", "Walk", walk],
        ["2017-03-18", "Run", {"distance": 7000}],
        ["2017-03-19", "Workout", {}],
    ]


# --- failures --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        ((200, json.dumps({"status": 401, "body": {}, "error": "invalid_token"})), "Authentication failed"),
        ((200, json.dumps({"status": 601, "body": {"wait_seconds": 30}})), "Too many requests"),
        ((200, json.dumps({"status": 503, "body": {}})), "Invalid params"),
        ((200, json.dumps({"status": 522, "body": {}})), "Timeout"),
        ((200, json.dumps({"status": 2554, "body": {}})), "Not implemented"),
        ((500, "oops"), "An error occurred"),
        ((200, "<html>not json</html>"), "An error occurred"),
    ],
)
def test_a_failed_call_returns_the_status_message_and_no_rows(
    fake: FakeWithings, reply: tuple[int, str], status: str
) -> None:
    fake.replies["getactivity"] = reply
    assert _client().activity() == (status, [])


def test_a_failure_on_a_later_page_returns_no_partial_rows(fake: FakeWithings) -> None:
    first_page = {
        "more": True,
        "offset": 1,
        "series": [{"id": 1, "category": 1, "startdate": 1, "enddate": 2}],
    }
    fake.pages["getworkouts"] = {0: first_page}

    def rate_limited_on_page_two(request: Any) -> tuple[int, dict[str, str], str]:
        if dict(parse_qsl(urlsplit(request.url).query)).get("offset") == "1":
            return 200, {}, json.dumps({"status": 601, "body": {}})
        return fake.handle(request)

    with responses.RequestsMock() as mock:
        mock.add_callback(responses.GET, f"{API}/v2/measure", callback=rate_limited_on_page_two)
        assert _client().workout() == ("Too many requests", [])
        assert len(mock.calls) == 2


def test_network_errors_become_timeout(env: None) -> None:
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, f"{API}/v2/sleep", body=requests.exceptions.ConnectionError("refused"))
        assert _client().sleep() == ("Timeout", [])


def test_wrong_credentials_are_reported_by_withings_status(fake: FakeWithings) -> None:
    client = WithingsClient(USERID, TOKEN, "wrong-secret", "", CONSUMER_KEY, CONSUMER_SECRET)
    client.make_dates("2017-03-01", "2017-03-02")
    assert client.activity() == ("Authentication failed", [])  # 342 is an OAuth1 refusal


def test_no_date_range_or_no_credentials_answer_without_calling_withings(fake: FakeWithings) -> None:
    client = WithingsClient(USERID, TOKEN, TOKEN_SECRET, "", CONSUMER_KEY, CONSUMER_SECRET)
    assert client.body_measures() == (compat.NO_DATES, [])
    unlinked = WithingsClient("", "", "", "https://cb.example.test/", CONSUMER_KEY, CONSUMER_SECRET)
    unlinked.make_dates("2017-03-01", "2017-03-02")
    assert unlinked.activity() == (compat.NOT_AUTHORISED, [])
    assert fake.seen == []


# --- the not-authorised flow -----------------------------------------------------------------------


def test_authorisation_flow_then_data(fake: FakeWithings) -> None:
    client = WithingsClient("", "", "", "https://cb.example.test/withings?x=1", CONSUMER_KEY, CONSUMER_SECRET)
    with responses.RequestsMock() as oauth:
        oauth.add(
            responses.GET,
            f"{OAUTH1}/request_token",
            body="oauth_token=fake-request-token&oauth_token_secret=fake-rt-secret",
        )
        url = client.get_authorize_url()
        (call,) = oauth.calls
        sent_url = call.request.url
        assert sent_url is not None
        sent = dict(parse_qsl(urlsplit(sent_url).query))
        assert sent["oauth_callback"] == "https://cb.example.test/withings?x=1"
        assert _verifies(sent_url, "")

    assert url.startswith(f"{OAUTH1}/authorize?")
    assert dict(parse_qsl(urlsplit(url).query))["oauth_token"] == "fake-request-token"
    assert "fake-rt-secret" not in url

    with responses.RequestsMock() as oauth:
        oauth.add(
            responses.GET,
            f"{OAUTH1}/access_token",
            body=f"oauth_token={TOKEN}&oauth_token_secret={TOKEN_SECRET}&userid={USERID}",
        )
        client.complete_authorization("fake-verifier", USERID)
        (call,) = oauth.calls
        sent_url = call.request.url
        assert sent_url is not None
        sent = dict(parse_qsl(urlsplit(sent_url).query))
        assert sent["oauth_verifier"] == "fake-verifier"
        assert sent["oauth_token"] == "fake-request-token"
        assert _verifies(sent_url, "fake-rt-secret")

    assert (client.userid, client.oauth_token, client.access_token_secret) == (USERID, TOKEN, TOKEN_SECRET)
    assert TOKEN_SECRET not in repr(client)
    assert CONSUMER_SECRET not in repr(client)

    fake.pages["getactivity"] = {0: {"more": False, "offset": 0, "activities": [_activity("2017-03-01", 42)]}}
    client.make_dates("2017-03-01", "2017-03-01")
    assert client.activity() == ("Operation was successful", [["2017-03-01", 42]])
    assert fake.seen[-1]["userid"] == USERID


def test_complete_authorization_needs_a_request_token_first(env: None) -> None:
    client = WithingsClient("", "", "", "https://cb.example.test/", CONSUMER_KEY, CONSUMER_SECRET)
    with pytest.raises(RuntimeError, match="get_authorize_url"):
        client.complete_authorization("v")


# --- dates and configuration -----------------------------------------------------------------------


def test_make_dates_module_helper() -> None:
    assert make_dates("2017-03-01", "2017-03-23") == (date(2017, 3, 1), date(2017, 3, 23))
    assert make_dates("2016-02-29", "2016-02-29") == (date(2016, 2, 29), date(2016, 2, 29))


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2017-3-1", "2017-03-23", "yyyy-mm-dd"),
        ("20170301", "2017-03-23", "yyyy-mm-dd"),
        ("yesterday", "2017-03-23", "yyyy-mm-dd"),
        ("2017-02-30", "2017-03-23", "not a real calendar date"),
        ("2017-03-01", "2017-13-01", "not a real calendar date"),
        ("2017-03-23", "2017-03-01", "before start"),
        (None, "2017-03-01", "yyyy-mm-dd"),
    ],
)
def test_make_dates_rejects_bad_input_clearly(start: Any, end: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_dates(start, end)
    client = WithingsClient("", "", "", "", CONSUMER_KEY, CONSUMER_SECRET)
    with pytest.raises(ValueError, match=message):
        client.make_dates(start, end)


def test_base_urls_are_read_at_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WITHINGS_API_URL", raising=False)
    monkeypatch.delenv("WITHINGS_OAUTH1_URL", raising=False)
    default = WithingsClient("", "", "", "", "k", "s")
    assert (default.api_url, default.oauth1_url) == (
        "https://wbsapi.withings.net",
        "https://oauth.withings.com/account",
    )
    monkeypatch.setenv("WITHINGS_API_URL", "http://127.0.0.1:9999/")
    configured = WithingsClient("", "", "", "", "k", "s")
    assert configured.api_url == "http://127.0.0.1:9999"
    assert default.api_url == "https://wbsapi.withings.net"
