"""The data client: one method per Withings action a voice answer needs.

Each call goes through `auth.prepare` (a signed OAuth1 GET or a Bearer POST, the client does not
care which) and transport.call, under the caller's Deadline. A refusal (AuthError) is answered once
through the `reauthorize` callback the caller passes in (aiowithings-style: credentials in, fresh ones
handed back), and the call is retried; Withings refusing the fresh credentials too is
RefusedAfterRefreshError, a glitch to retry later rather than a refused grant.

List endpoints are paginated through `more`/`offset` (int 0/1 on getmeas, bool on v2) up to
`max_pages`, then merged oldest first: a cap rather than a loop that could spend the app-wide
120/min budget on one user.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from skill.withings import transport, urls
from skill.withings.auth import RequestAuth
from skill.withings.deadline import Deadline
from skill.withings.errors import AuthError, RefusedAfterRefreshError
from skill.withings.models import DailyActivity, Goals, Measurements, SleepSummary, Workout

_log = logging.getLogger(__name__)

DEFAULT_BASE_URL = urls.API_URL

# Every documented data field (withings-api.md §3.3, §3.5, §3.7): Withings returns only what it is
# asked for. The deprecated durationtosleep/durationtowakeup are not requested (their successors are).
ACTIVITY_FIELDS = (
    "steps,distance,elevation,soft,moderate,intense,active,calories,totalcalories,"
    "hr_average,hr_min,hr_max,hr_zone_0,hr_zone_1,hr_zone_2,hr_zone_3"
)
WORKOUT_FIELDS = (
    "calories,intensity,manual_intensity,manual_distance,manual_calories,"
    "hr_average,hr_min,hr_max,hr_zone_0,hr_zone_1,hr_zone_2,hr_zone_3,"
    "pause_duration,algo_pause_duration,spo2_average,steps,distance,elevation,"
    "pool_laps,strokes,pool_length"
)
SLEEP_SUMMARY_FIELDS = (
    "total_timeinbed,total_sleep_time,asleepduration,lightsleepduration,remsleepduration,"
    "deepsleepduration,sleep_efficiency,sleep_latency,wakeup_latency,wakeupduration,wakeupcount,"
    "waso,nb_rem_episodes,out_of_bed_count,night_events,hr_average,hr_min,hr_max,"
    "rr_average,rr_min,rr_max,breathing_quality_assessment,breathing_disturbances_intensity,"
    "apnea_hypopnea_index,withings_index,snoring,snoringepisodecount,sleep_score,"
    "mvt_score_avg,mvt_active_duration,rmssd_start_avg,rmssd_end_avg,"
    "chest_movement_rate_average,chest_movement_rate_min,chest_movement_rate_max,"
    "chest_movement_rate_wellness_average,chest_movement_rate_wellness_min,"
    "chest_movement_rate_wellness_max,breathing_sounds,breathing_sounds_episode_count,"
    "core_body_temperature_min,core_body_temperature_max,core_body_temperature_avg,"
    "core_body_temperature_status"
)

# (the refused credentials, the request's deadline) -> the credentials to retry with
Reauthorize = Callable[[RequestAuth, Deadline], RequestAuth]

_R = TypeVar("_R")
_Timed = TypeVar("_Timed", SleepSummary, Workout)
# A sleep summary or workout with the `data` object Withings sent for it (for the classic facade).
WithData = tuple[_Timed, Mapping[str, Any]]


def _unix(moment: datetime, name: str) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        # A naive datetime would be read in the Lambda's zone (UTC), silently shifting the user's day.
        raise ValueError(f"{name} must be time-zone aware")
    return str(int(moment.timestamp()))


def _ymd_range(start: date, end: date) -> dict[str, str]:
    if end < start:
        raise ValueError("end date is before start date")
    return {"startdateymd": start.isoformat(), "enddateymd": end.isoformat()}


def _next_offset(body: Mapping[str, Any], previous: int | None) -> int | None:
    """The offset of the next page, or None when this was the last (or pagination looks broken)."""
    if not body.get("more"):  # 0/1 on getmeas, false/true on v2: both falsy/truthy
        return None
    offset = body.get("offset")
    if type(offset) is not int or offset < 0 or offset == previous:
        return None  # more=1 without a usable, advancing offset would loop forever
    return offset


def _merged(
    pages: Sequence[Sequence[WithData[_Timed]]], key: Callable[[_Timed], Hashable | None]
) -> tuple[WithData[_Timed], ...]:
    """Oldest first; a record seen on two pages (data changed between calls) is kept once, last copy."""
    by_key: dict[Hashable, WithData[_Timed]] = {}
    loose: list[WithData[_Timed]] = []
    for page in pages:
        for pair in page:
            k = key(pair[0])
            if k is None:
                loose.append(pair)
            else:
                by_key[k] = pair
    merged = list(by_key.values())
    merged.extend(loose)
    merged.sort(key=_start_instant)
    return tuple(merged)


def _start_instant(pair: WithData[_Timed]) -> float:
    return pair[0].start.timestamp()


class WithingsApi:
    """Typed access to getmeas, getactivity, sleep getsummary, getworkouts and getgoals."""

    def __init__(
        self,
        auth: RequestAuth,
        base_url: str = DEFAULT_BASE_URL,
        *,
        max_pages: int = 10,
        reauthorize: Reauthorize | None = None,
        gate: Callable[[Deadline], None] | None = None,
    ) -> None:
        """`reauthorize(refused, deadline)`: credentials to retry with after Withings refused `refused`
        (e.g. a refreshed OAuth2 token). Asked at most once per client: concurrent refusals share the
        one answer; if it raises, every refusal in this client's life raises that again."""
        if max_pages < 1:
            raise ValueError("max_pages must be at least 1")
        self._auth = auth
        self._base = base_url.rstrip("/")
        self._max_pages = max_pages
        self._reauthorize = reauthorize
        self._gate = gate
        self._reauthorized = False
        self._reauthorize_failed: Exception | None = None
        self._lock = threading.Lock()

    def _call(self, path: str, params: Mapping[str, str], deadline: Deadline) -> Mapping[str, Any]:
        """The one request path: every action goes through here, refusals included."""
        auth = self._auth
        try:
            if self._gate is not None:
                self._gate(deadline)
            return transport.call(auth.prepare(f"{self._base}{path}", params), deadline=deadline)
        except AuthError as refusal:
            if self._reauthorize is None:
                raise
            fresh = self._after_refusal(self._reauthorize, auth, refusal, deadline)
        try:
            if self._gate is not None:
                self._gate(deadline)
            return transport.call(fresh.prepare(f"{self._base}{path}", params), deadline=deadline)
        except AuthError as exc:
            raise RefusedAfterRefreshError(exc.status, exc.error) from exc

    def _after_refusal(
        self, reauthorize: Reauthorize, refused: RequestAuth, refusal: AuthError, deadline: Deadline
    ) -> RequestAuth:
        """The credentials to retry a call refused with `refused`, reauthorising once per client."""
        with self._lock:  # the digest's parallel calls: the first refusal asks, the others wait for it
            if self._reauthorize_failed is not None:
                raise self._reauthorize_failed from None  # one attempt per request
            if self._auth is not refused:
                return self._auth  # another call already reauthorised since this one began
            if self._reauthorized:  # refused with the fresh credentials, on a later call
                raise RefusedAfterRefreshError(refusal.status, refusal.error) from refusal
            try:
                self._auth = reauthorize(refused, deadline)
            except Exception as exc:
                self._reauthorize_failed = exc
                raise
            self._reauthorized = True
            return self._auth

    def _pages(
        self,
        path: str,
        params: Mapping[str, str],
        deadline: Deadline,
        parse_page: Callable[[Mapping[str, Any]], _R],
    ) -> list[_R]:
        """Every page's parsed result, following more/offset up to max_pages."""
        results: list[_R] = []
        offset: int | None = None
        for _ in range(self._max_pages):
            page_params = dict(params)
            if offset is not None:
                page_params["offset"] = str(offset)
            body = self._call(path, page_params, deadline)
            results.append(parse_page(body))
            offset = _next_offset(body, offset)
            if offset is None:
                return results
        _log.warning(
            "withings page cap reached", extra={"action": params.get("action"), "pages": self._max_pages}
        )
        return results

    def get_measures(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        types: Sequence[int] | None = None,
        category: int | None = 1,
        lastupdate: datetime | None = None,
        deadline: Deadline,
    ) -> Measurements:
        """getmeas between two instants (or changed since `lastupdate`), all pages, oldest first."""
        from skill.withings import parse  # deferred: only data paths need the parsers

        params = {"action": "getmeas"}
        if lastupdate is not None:
            if start is not None or end is not None:
                raise ValueError("lastupdate cannot be combined with start/end (Withings: one mode)")
            params["lastupdate"] = _unix(lastupdate, "lastupdate")
        if start is not None:
            params["startdate"] = _unix(start, "start")
        if end is not None:
            params["enddate"] = _unix(end, "end")
        if types:
            params["meastypes"] = ",".join(str(int(t)) for t in types)
        if category is not None:
            params["category"] = str(int(category))

        builder = parse.MeasuresBuilder()
        self._pages("/measure", params, deadline, builder.add_page)
        return builder.build()

    def get_activity(self, start: date, end: date, *, deadline: Deadline) -> tuple[DailyActivity, ...]:
        """Daily activity for local dates start..end inclusive, oldest first."""
        from skill.withings import parse  # deferred: only data paths need the parsers

        params = {"action": "getactivity", **_ymd_range(start, end), "data_fields": ACTIVITY_FIELDS}
        pages = self._pages("/v2/measure", params, deadline, parse.parse_activities)
        return tuple(sorted((a for p in pages for a in p), key=lambda a: a.day))

    def get_sleep_summaries(self, start: date, end: date, *, deadline: Deadline) -> tuple[SleepSummary, ...]:
        """Nightly sleep summaries for nights dated start..end inclusive, oldest first."""
        return tuple(s for s, _ in self.get_sleep_summaries_with_data(start, end, deadline=deadline))

    def get_sleep_summaries_with_data(
        self, start: date, end: date, *, deadline: Deadline
    ) -> tuple[WithData[SleepSummary], ...]:
        """get_sleep_summaries, each night with the `data` object Withings sent (the classic rows)."""
        from skill.withings import parse  # deferred: only data paths need the parsers

        params = {"action": "getsummary", **_ymd_range(start, end), "data_fields": SLEEP_SUMMARY_FIELDS}
        pages = self._pages("/v2/sleep", params, deadline, parse.sleep_summaries_with_data)
        # Summaries carry no id; the same night on two pages has the same bounds.
        return _merged(pages, lambda s: (s.start, s.end))

    def get_workouts(self, start: date, end: date, *, deadline: Deadline) -> tuple[Workout, ...]:
        """Workouts on local dates start..end inclusive, oldest first."""
        return tuple(w for w, _ in self.get_workouts_with_data(start, end, deadline=deadline))

    def get_workouts_with_data(
        self, start: date, end: date, *, deadline: Deadline
    ) -> tuple[WithData[Workout], ...]:
        """get_workouts, each with the `data` object Withings sent (the classic facade's rows)."""
        from skill.withings import parse  # deferred: only data paths need the parsers

        params = {"action": "getworkouts", **_ymd_range(start, end), "data_fields": WORKOUT_FIELDS}
        pages = self._pages("/v2/measure", params, deadline, parse.workouts_with_data)
        return _merged(pages, lambda w: w.id)

    def get_goals(self, *, deadline: Deadline) -> Goals:
        """The user's step, sleep and weight goals."""
        from skill.withings import parse  # deferred: only data paths need the parsers

        return parse.parse_goals(self._call("/v2/user", {"action": "getgoals"}, deadline))
