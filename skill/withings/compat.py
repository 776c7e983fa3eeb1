"""The classic `WithingsClient` facade (Liam Goudge's 2017 Alexa/Lambda client), kept call for call.

    client = WithingsClient(userid, oauth_token, access_token_secret, oauth_callback,
                            oauth_consumer_key, oauth_consumer_secret)
    client.make_dates("2017-03-01", "2017-03-23")
    status, rows = client.body_measures()   # ['2017-03-21 07:11:46', 'Weight', 81.013, 'kg']
    status, rows = client.activity()        # ['2017-03-17', 6410]
    status, rows = client.sleep()           # ['2017-03-18', {'wakeupduration': 600, ...}]
    status, rows = client.workout()         # ['2017-03-17', 'Walk', {...}]

Underneath it is the typed client: OAuth1-signed GETs (userid signed along), every page followed, every
call bounded by a Deadline. The facade builds its rows itself from what it fetches: the typed records
(so rows come out the same whatever page or order Withings sent them in), plus, for sleep and workouts,
the `data` objects Withings sent, which are those rows' dicts.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from skill.withings import statuses, urls
from skill.withings.api import WithingsApi
from skill.withings.auth import OAuth1Credentials
from skill.withings.deadline import Deadline
from skill.withings.errors import WithingsError, WithingsTimeoutError
from skill.withings.measure_types import measure_info
from skill.withings.models import SleepSummary
from skill.withings.oauth1 import OAuth1Auth, RequestToken, authorize_url, get_access_token, get_request_token
from skill.withings.workout_categories import workout_name

# The status strings a facade call can return besides Withings' own family messages.
TIMEOUT = "Timeout"
ERROR_OCCURRED = "An error occurred"
NOT_AUTHORISED = "Not authorised: call get_authorize_url() and complete_authorization() first"
NO_DATES = "No date range: call make_dates(start, end) first"

Row = list[Any]

_YMD = re.compile(r"\d{4}-\d{2}-\d{2}")
_SLEEP_KEYS = ("wakeupduration", "deepsleepduration", "lightsleepduration", "durationtosleep", "wakeupcount")


def _parse_ymd(value: object, which: str) -> date:
    if not isinstance(value, str) or not _YMD.fullmatch(value):
        raise ValueError(f"{which} date must be a yyyy-mm-dd string, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{which} date {value!r} is not a real calendar date") from None


def make_dates(start: str, end: str) -> tuple[date, date]:
    """Parse an inclusive yyyy-mm-dd range. Raises ValueError with a clear message for bad input."""
    first, last = _parse_ymd(start, "start"), _parse_ymd(end, "end")
    if last < first:
        raise ValueError(f"end date {end} is before start date {start}")
    return first, last


def failure_status(exc: WithingsError) -> str:
    """The status string for a failed call: Withings' family message, or Timeout for network trouble."""
    if exc.status is not None:
        return statuses.message(exc.status)
    if isinstance(exc, WithingsTimeoutError):
        return TIMEOUT
    return ERROR_OCCURRED


class WithingsClient:
    """The classic facade. All arguments are strings; "" for a token or secret means "not authorised yet".

    Not authorised yet: `get_authorize_url()` (gets a request token, returns the page to send the user
    to), then `complete_authorization(oauth_verifier, userid)` with what the callback URL brought back;
    it sets `userid`, `oauth_token` and `access_token_secret`. Those two raise WithingsError on failure.

    Data calls (`body_measures`, `activity`, `sleep`, `workout`) never raise for Withings trouble: each
    returns `(status, rows)`. On success status is "Operation was successful" and rows cover every page.
    On failure rows are [] and status is Withings' message for the status family (statuses.message,
    e.g. "Authentication failed", "Too many requests"), "Timeout" for network errors, timeouts and an
    exhausted deadline, "An error occurred" for HTTP 5xx or a garbled reply. Without credentials or
    without a date range they return NOT_AUTHORISED or NO_DATES and [] without calling Withings.
    Each call has `timeout_seconds` in all, pages included.

    Base URLs come from WITHINGS_API_URL and WITHINGS_OAUTH1_URL, read when the client is created.
    """

    timeout_seconds: float = 20.0

    def __init__(  # noqa: PLR0917 - the classic signature, kept exactly
        self,
        userid: str,
        oauth_token: str,
        access_token_secret: str,
        oauth_callback: str,
        oauth_consumer_key: str,
        oauth_consumer_secret: str,
    ) -> None:
        self.userid = userid
        self.oauth_token = oauth_token
        self.access_token_secret = access_token_secret
        self.oauth_callback = oauth_callback
        self.oauth_consumer_key = oauth_consumer_key
        self.oauth_consumer_secret = oauth_consumer_secret
        self.api_url = (os.environ.get("WITHINGS_API_URL") or urls.API_URL).rstrip("/")
        self.oauth1_url = (os.environ.get("WITHINGS_OAUTH1_URL") or urls.OAUTH1_URL).rstrip("/")
        self.start_date: date | None = None
        self.end_date: date | None = None
        self._request_token: RequestToken | None = None

    def __repr__(self) -> str:
        # Never the token, the secrets or the callback's contents.
        return f"WithingsClient(userid={self.userid!r}, authorised={self.authorised})"

    @property
    def authorised(self) -> bool:
        return bool(self.userid and self.oauth_token and self.access_token_secret)

    # --- authorisation -------------------------------------------------------------------------

    def get_authorize_url(self) -> str:
        """Get a request token (oauth_callback = the callback given) and return Withings' authorize URL."""
        deadline = Deadline.after(self.timeout_seconds)
        self._request_token = get_request_token(
            self.oauth_consumer_key,
            self.oauth_consumer_secret,
            self.oauth1_url,
            self.oauth_callback,
            deadline=deadline,
        )
        return authorize_url(
            self.oauth_consumer_key, self.oauth_consumer_secret, self.oauth1_url, self._request_token
        )

    def complete_authorization(self, oauth_verifier: str, userid: str | None = None) -> None:
        """Exchange the request token and the callback's verifier for the user's access token."""
        if self._request_token is None:
            raise RuntimeError("call get_authorize_url() before complete_authorization()")
        access = get_access_token(
            self.oauth_consumer_key,
            self.oauth_consumer_secret,
            self.oauth1_url,
            self._request_token,
            oauth_verifier,
            deadline=Deadline.after(self.timeout_seconds),
            userid=userid or self.userid or None,
        )
        self.userid, self.oauth_token, self.access_token_secret = access.userid, access.token, access.secret
        self._request_token = None  # single use

    # --- date range ----------------------------------------------------------------------------

    def make_dates(self, start: str, end: str) -> None:
        """Set the inclusive yyyy-mm-dd range for the data calls (ValueError for bad input)."""
        self.start_date, self.end_date = make_dates(start, end)

    # --- data ----------------------------------------------------------------------------------

    def body_measures(self) -> tuple[str, list[Row]]:
        """One row per measure: ['2017-03-21 07:11:46', 'Weight', 81.013, 'kg'], oldest first.

        The time is in the measurement's own time zone (the getmeas body's). getmeas takes Unix times,
        so it is asked for the range widened by a day each side (any time zone fits) and the rows are
        then kept by their local date. Real measures only (category 1), objectives left out.
        """

        def fetch(api: WithingsApi, first: date, last: date, deadline: Deadline) -> list[Row]:
            measurements = api.get_measures(
                start=datetime.combine(first - timedelta(days=1), time(0), tzinfo=UTC),
                end=datetime.combine(last + timedelta(days=2), time(0), tzinfo=UTC),
                category=1,
                deadline=deadline,
            )
            rows: list[Row] = []
            for group in measurements.groups:
                if not first <= group.taken_at.date() <= last:
                    continue
                stamp = group.taken_at.strftime("%Y-%m-%d %H:%M:%S")
                for m in group.measures:
                    name, unit = measure_info(m.type_code)
                    rows.append([stamp, name, _number(m.value, m.raw_value, m.raw_unit), unit])
            return rows

        return self._run(fetch)

    def activity(self) -> tuple[str, list[Row]]:
        """One row per day: ['2017-03-17', 6410] (date, steps; 0 when the day has no step count).

        When Withings has several records for a day (a tracker and a phone), the larger count is kept:
        both counted the same walking, so adding them would double it.
        """

        def fetch(api: WithingsApi, first: date, last: date, deadline: Deadline) -> list[Row]:
            steps: dict[date, int] = {}
            for day in api.get_activity(first, last, deadline=deadline):
                steps[day.day] = max(steps.get(day.day, 0), day.steps or 0)
            return [[d.isoformat(), n] for d, n in sorted(steps.items())]

        return self._run(fetch)

    def sleep(self) -> tuple[str, list[Row]]:
        """One row per night: ['2017-03-18', {'wakeupduration': 600, 'deepsleepduration': 7920, ...}].

        The dict is the summary's data as Withings sent it, with the classic five keys always present (0
        when Withings gave none). Several summaries for one night (a nap, two devices): the longest in
        bed is kept.
        """

        def fetch(api: WithingsApi, first: date, last: date, deadline: Deadline) -> list[Row]:
            nights: dict[date, tuple[SleepSummary, Mapping[str, Any]]] = {}
            for s, sent in api.get_sleep_summaries_with_data(first, last, deadline=deadline):
                kept = nights.get(s.night)
                if kept is None or (s.time_in_bed_s or 0) > (kept[0].time_in_bed_s or 0):
                    nights[s.night] = (s, sent)
            rows: list[Row] = []
            for night, (s, sent) in sorted(nights.items()):
                data = dict(sent)
                classic = (s.awake_s, s.deep_s, s.light_s, s.sleep_latency_s, s.wakeup_count)
                for key, value in zip(_SLEEP_KEYS, classic, strict=True):
                    data[key] = value if value is not None else 0
                rows.append([night.isoformat(), data])
            return rows

        return self._run(fetch)

    def workout(self) -> tuple[str, list[Row]]:
        """One row per workout: ['2017-03-17', 'Walk', {...the workout's data...}], in start order."""

        def fetch(api: WithingsApi, first: date, last: date, deadline: Deadline) -> list[Row]:
            return [
                [w.day.isoformat(), workout_name(w.category_code), dict(sent)]
                for w, sent in api.get_workouts_with_data(first, last, deadline=deadline)
            ]

        return self._run(fetch)

    def _run(self, fetch: Callable[[WithingsApi, date, date, Deadline], list[Row]]) -> tuple[str, list[Row]]:
        if not self.authorised:
            return NOT_AUTHORISED, []
        if self.start_date is None or self.end_date is None:
            return NO_DATES, []
        credentials = OAuth1Credentials(
            consumer_key=self.oauth_consumer_key,
            consumer_secret=self.oauth_consumer_secret,
            token=self.oauth_token,
            token_secret=self.access_token_secret,
            userid=self.userid,
        )
        api = WithingsApi(OAuth1Auth(credentials), self.api_url)
        try:
            rows = fetch(api, self.start_date, self.end_date, Deadline.after(self.timeout_seconds))
        except WithingsError as exc:
            return failure_status(exc), []
        return statuses.message(0), rows


def _number(value: float, raw_value: int, raw_unit: int) -> int | float:
    # The classic client computed value * 10**unit in Python 2: an int when unit >= 0 (85 bpm).
    return raw_value * 10**raw_unit if raw_unit >= 0 else value
