"""Readings added at run time (the /_sandbox/now/* controls) on top of a user's generated history.

Generated users are a pure function of (seed, userid, day); what a test adds lives here per userid, so
it survives the server regenerating a user for a new day and is served by getmeas, getactivity and
getsummary like any other record (SandboxApp.user applies it before cutting the history at "now"):
  a weigh-in   a measure group (category 1, attrib 0) at the moment it was added;
  steps        added to that local day's activity, `modified` moved to the moment (a sync);
  a night      a sleep summary ending at the moment; it replaces the summary of the same date,
               since one night per morning is what the skill's "last night" reads.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sandbox.data import WEIGHT, DemoUser

DEFAULT_NIGHT_HOURS = 7.5
_ID_OFFSET = 90_000  # generated ids are userid*100000 + a few hundred: these never collide


@dataclass
class _Added:
    groups: list[dict[str, Any]] = field(default_factory=list)
    steps: list[tuple[str, int, int]] = field(default_factory=list)  # (local day, steps, when)
    nights: list[dict[str, Any]] = field(default_factory=list)
    next_id: int = 0


def latest_weight(user: DemoUser) -> float | None:
    """The user's last own weigh-in in kg (attrib 0/2, category 1), None when there is none."""
    for group in reversed(user.measuregrps):
        if group["category"] != 1 or group["attrib"] not in (0, 2):
            continue
        for measure in group["measures"]:
            if measure["type"] == WEIGHT:
                return float(measure["value"] * 10.0 ** measure["unit"])
    return None


class Extras:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_user: dict[str, _Added] = {}

    def _id(self, added: _Added, userid: str) -> int:
        added.next_id += 1
        return int(userid) * 100_000 + _ID_OFFSET + added.next_id

    def add_weight(self, user: DemoUser, moment: datetime, kg: float) -> dict[str, Any]:
        """A weigh-in of `kg` at `moment`; returns the measure group."""
        when = int(moment.timestamp())
        last_scale = next((g for g in reversed(user.measuregrps) if g.get("deviceid")), None)
        with self._lock:
            added = self._by_user.setdefault(user.userid, _Added())
            group = {
                "grpid": self._id(added, user.userid),
                "attrib": 0,
                "date": when,
                "created": when,
                "modified": when,
                "category": 1,
                "deviceid": last_scale["deviceid"] if last_scale else None,
                "hash_deviceid": last_scale["hash_deviceid"] if last_scale else None,
                "model": last_scale["model"] if last_scale else None,
                "modelid": last_scale["modelid"] if last_scale else None,
                "comment": None,
                "measures": [{"value": round(kg * 1000), "type": WEIGHT, "unit": -3, "algo": 0, "fm": 3}],
            }
            added.groups.append(group)
        return group

    def add_steps(self, userid: str, day: str, steps: int, moment: datetime) -> None:
        with self._lock:
            self._by_user.setdefault(userid, _Added()).steps.append((day, steps, int(moment.timestamp())))

    def add_night(self, user: DemoUser, moment: datetime, hours: float) -> dict[str, Any]:
        """A night of `hours` in bed ending at `moment`, dated the local day it ended."""
        end = int(moment.timestamp())
        in_bed = int(hours * 3600)
        start = end - in_bed
        template = user.sleep_summaries[-1] if user.sleep_summaries else None
        data = _night_data(in_bed, template["data"] if template else {})
        with self._lock:
            added = self._by_user.setdefault(user.userid, _Added())
            night = {
                "id": self._id(added, user.userid),
                "timezone": user.timezone,
                "model": 32,
                "model_id": 63,
                "hash_deviceid": template["hash_deviceid"] if template else None,
                "startdate": start,
                "enddate": end,
                "date": moment.astimezone(ZoneInfo(user.timezone)).date().isoformat(),
                "created": end,
                "modified": end,
                "completed": True,
                "data": data,
            }
            added.nights.append(night)
        return night

    def apply(self, user: DemoUser) -> DemoUser:
        """`user` (generated, whole days) with what was added for them."""
        with self._lock:
            added = self._by_user.get(user.userid)
            if added is None:
                return user
            groups, steps, nights = list(added.groups), list(added.steps), list(added.nights)
        measuregrps = sorted([*user.measuregrps, *groups], key=lambda g: (g["date"], g["grpid"]))
        return dataclasses.replace(
            user,
            measuregrps=measuregrps,
            activities=_with_steps(user.activities, steps),
            sleep_summaries=_with_nights(user.sleep_summaries, nights),
        )

    def clear(self, userid: str | None = None) -> None:
        with self._lock:
            if userid is None:
                self._by_user.clear()
            else:
                self._by_user.pop(userid, None)


def _with_steps(activities: list[dict[str, Any]], steps: list[tuple[str, int, int]]) -> list[dict[str, Any]]:
    by_day = {a["date"]: i for i, a in enumerate(activities)}
    out = list(activities)
    for day, more, when in steps:
        index = by_day.get(day)
        if index is None:
            continue  # outside the generated history: nothing to add to
        record = dict(out[index])
        # Not synced yet when the steps came (today before noon): the sync brings only these.
        before = record["steps"] if record["modified"] <= when else 0
        ratio = record["distance"] / record["steps"] if record["steps"] else 0.75
        record["steps"] = before + more
        record["distance"] = round(record["steps"] * ratio, 2)
        record["modified"] = max(record["modified"], when) if before else when
        out[index] = record
    return out


def _with_nights(summaries: list[dict[str, Any]], nights: list[dict[str, Any]]) -> list[dict[str, Any]]:
    replaced = {n["date"] for n in nights}
    latest = {n["date"]: n for n in nights}  # a later night of the same date wins
    kept = [s for s in summaries if s["date"] not in replaced]
    return sorted([*kept, *latest.values()], key=lambda s: s["startdate"])


def _night_data(in_bed: int, template: dict[str, Any]) -> dict[str, Any]:
    """Durations in fixed shares of the time in bed; heart, breathing and snoring from the last night."""
    latency, wakeup_latency, waso = in_bed // 30, in_bed // 45, in_bed // 25
    asleep = in_bed - latency - wakeup_latency - waso
    deep, rem = asleep * 20 // 100, asleep * 22 // 100
    kept = ("hr_average", "hr_min", "hr_max", "rr_average", "rr_min", "rr_max")
    data: dict[str, Any] = {k: template[k] for k in kept if k in template}
    data.update(
        {
            "total_timeinbed": in_bed,
            "total_sleep_time": asleep,
            "asleepduration": asleep,
            "lightsleepduration": asleep - deep - rem,
            "deepsleepduration": deep,
            "remsleepduration": rem,
            "wakeupduration": latency + waso + wakeup_latency,
            "wakeupcount": 2,
            "sleep_latency": latency,
            "durationtosleep": latency,
            "wakeup_latency": wakeup_latency,
            "durationtowakeup": wakeup_latency,
            "waso": waso,
            "sleep_efficiency": round(asleep / in_bed, 2) if in_bed else 0,
            "nb_rem_episodes": 4,
            "sleep_score": 80,
            "out_of_bed_count": 1,
            "breathing_disturbances_intensity": 10,
            "snoring": 600,
            "snoringepisodecount": 3,
            "mvt_score_avg": 30,
        }
    )
    return data


def local_midnight(moment: datetime, timezone: str) -> datetime:
    """The start of `moment`'s local day (the window a day's activity notification covers)."""
    zone = ZoneInfo(timezone)
    return datetime.combine(moment.astimezone(zone).date(), time(0, 0), tzinfo=zone)
