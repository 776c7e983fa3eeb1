"""Generated demo users: realistic Withings data, deterministic from (seed, userid).

Every record is already in the JSON shape Withings sends (measures as value + power-of-ten unit, Unix
times, local `YYYY-MM-DD` days with an IANA time zone), so the server only filters and pages. The
history is `days` long and ends *today* in the user's time zone, including this morning's weigh-in,
last night's sleep and today's partial steps. A day is generated whole; `served_at` then cuts it at
an instant (`as_of`): a weigh-in, night or workout later today, and today's steps before their first
sync at noon, do not exist yet. The server and the tests' expectations both call `served_at`, so the
data a test expects is the data the sandbox serves at that moment.

Each user gets their own `random.Random` seeded with a string (hashed with SHA-512 by `random`, so
the data is the same across processes and PYTHONHASHSEED values). Generating a user is a pure
function of its arguments; the server caches one per (userid, local day).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, overload
from zoneinfo import ZoneInfo

DEFAULT_USERID = "10001"
_FIRST_USERID = 10001
_LAST_USERID = 19999


class _DemoUserIds(Sequence[str]):
    """ "10001".."19999": the default user first, the rest generated on demand when first used."""

    def __len__(self) -> int:
        return _LAST_USERID - _FIRST_USERID + 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return str(_FIRST_USERID + index)

    def __contains__(self, value: object) -> bool:
        return is_demo_userid(value)

    def __iter__(self) -> Iterator[str]:
        return (str(n) for n in range(_FIRST_USERID, _LAST_USERID + 1))


DEMO_USERIDS: Sequence[str] = _DemoUserIds()


def is_demo_userid(value: object) -> bool:
    """Only the canonical spelling counts ("10001", not "010001" or " 10001")."""
    return (
        isinstance(value, str)
        and value.isascii()
        and value.isdigit()
        and str(int(value)) == value
        and _FIRST_USERID <= int(value) <= _LAST_USERID
    )


@dataclass(frozen=True)
class DemoUser:
    userid: str
    timezone: str
    measuregrps: list[dict[str, Any]]  # getmeas shape, oldest first
    activities: list[dict[str, Any]]  # getactivity shape, oldest first
    sleep_summaries: list[dict[str, Any]]  # getsummary series shape, oldest first
    workouts: list[dict[str, Any]]  # getworkouts series shape, oldest first
    goals: dict[str, Any]  # getgoals body["goals"]
    as_of: int  # Unix time the history is cut at: nothing after it has happened yet


# Measure type codes (withings-api.md §3.2).
WEIGHT, HEIGHT, FAT_FREE, FAT_RATIO, FAT_MASS = 1, 4, 5, 6, 8
DIASTOLIC, SYSTOLIC, PULSE, SPO2, BODY_TEMP = 9, 10, 11, 54, 71
MUSCLE, HYDRATION, BONE, VISCERAL_FAT, BMR = 76, 77, 88, 170, 226
SEG_FAT_FREE, SEG_FAT_MASS, SEG_MUSCLE = 173, 174, 175

# Legacy sleep fields Withings returns when no data_fields is asked for; newer ones only on request.
SLEEP_DEFAULT_FIELDS = (
    "breathing_disturbances_intensity",
    "deepsleepduration",
    "durationtosleep",
    "durationtowakeup",
    "hr_average",
    "hr_max",
    "hr_min",
    "lightsleepduration",
    "remsleepduration",
    "rr_average",
    "rr_max",
    "rr_min",
    "sleep_score",
    "snoring",
    "snoringepisodecount",
    "wakeupcount",
    "wakeupduration",
)

ACTIVITY_FIELDS = (
    "steps",
    "distance",
    "elevation",
    "soft",
    "moderate",
    "intense",
    "active",
    "calories",
    "totalcalories",
    "hr_average",
    "hr_min",
    "hr_max",
    "hr_zone_0",
    "hr_zone_1",
    "hr_zone_2",
    "hr_zone_3",
)

# (category code, typical minutes, has distance, has steps, kcal per minute)
_SPORTS: dict[str, tuple[int, int, bool, bool, float]] = {
    "walk": (1, 45, True, True, 4.5),
    "run": (2, 35, True, True, 11.0),
    "hiking": (3, 110, True, True, 6.5),
    "bicycling": (6, 55, True, False, 8.0),
    "swimming": (7, 40, True, False, 9.0),
    "lift_weights": (16, 50, False, False, 5.5),
    "yoga": (28, 45, False, False, 3.0),
    "rowing": (187, 30, True, False, 8.5),
    "hiit": (550, 25, False, False, 10.0),  # a newer code: clients must pass it through
}


def _hex(rng: random.Random, bits: int) -> str:
    return f"{rng.getrandbits(bits):0{bits // 4}x}"


def _measure(mtype: int, value: float, unit: int, position: int | None = None) -> dict[str, Any]:
    encoded: dict[str, Any] = {
        "value": round(value / 10**unit),
        "type": mtype,
        "unit": unit,
        "algo": 0,
        "fm": 3,
    }
    if position is not None:
        encoded["position"] = position
    return encoded


def _at(day: date, tz: ZoneInfo, hour: int, minute: int, second: int = 0) -> int:
    return int(datetime.combine(day, time(hour, minute, second), tzinfo=tz).timestamp())


@dataclass(frozen=True)
class _Profile:
    height_m: float
    weight_kg: float
    drift_kg_per_day: float
    fat_ratio: float
    step_mean: int
    rhr: int
    systolic: int
    diastolic: int
    stride_m: float
    bmr_kcal: int
    sleep_need_h: float
    sports: tuple[str, ...]
    workouts_per_week: int
    scale_model: tuple[str, int]  # (model, model_id)
    segmental: bool


def _profile(rng: random.Random) -> _Profile:
    height = rng.uniform(1.55, 1.95)
    weight = min(95.0, max(60.0, rng.gauss(22.0 + 5 * (height - 1.55), 3.0) * height * height))
    segmental = rng.random() < 0.35
    return _Profile(
        height_m=round(height, 2),
        weight_kg=weight,
        drift_kg_per_day=rng.uniform(-0.03, 0.02),
        fat_ratio=rng.uniform(0.15, 0.33),
        step_mean=rng.randint(5000, 11000),
        rhr=rng.randint(55, 72),
        systolic=rng.randint(112, 134),
        diastolic=rng.randint(70, 84),
        stride_m=rng.uniform(0.68, 0.82),
        bmr_kcal=rng.randint(1450, 2050),
        sleep_need_h=rng.uniform(6.6, 8.2),
        sports=tuple(rng.sample(sorted(_SPORTS), k=rng.randint(2, 4))),
        workouts_per_week=rng.randint(2, 4),
        scale_model=("Body Scan", 10) if segmental else rng.choice([("Body+", 5), ("Body Cardio", 6)]),
        segmental=segmental,
    )


def generate_user(seed: int, userid: str, timezone: str, today: date, days: int) -> DemoUser:
    """The user's `days` of history ending on `today` (a local date in `timezone`)."""
    if not is_demo_userid(userid):
        raise ValueError(f"not a demo userid: {userid!r}")
    if days < 2:
        raise ValueError("days must be at least 2 (last night's sleep needs yesterday evening)")
    tz = ZoneInfo(timezone)
    rng = random.Random(f"withings-sandbox:{seed}:{userid}")
    prof = _profile(rng)
    first = today - timedelta(days=days - 1)
    day_list = [first + timedelta(days=i) for i in range(days)]
    ids = _Ids(int(userid))
    devices = {
        "scale": _hex(rng, 160),
        "bpm": _hex(rng, 160),
        "watch": _hex(rng, 160),
        "sleep": _hex(rng, 160),
        "thermo": _hex(rng, 160),
    }
    measuregrps = _measure_groups(rng, prof, tz, day_list, ids, devices)
    activities = _activities(rng, prof, tz, day_list, devices, timezone)
    sleep = _sleep(rng, prof, tz, day_list, ids, devices, timezone)
    workouts = _workouts(rng, prof, tz, day_list, ids, devices, timezone)
    goal_weight = round(prof.weight_kg * rng.uniform(0.9, 0.97), 1)
    _add_objective(measuregrps, rng, tz, day_list, ids, goal_weight)
    measuregrps.sort(key=lambda g: (g["date"], g["grpid"]))
    goals = {
        "steps": rng.choice([6000, 8000, 10000, 12000]),
        "sleep": rng.choice([25200, 27000, 28800]),
        "weight": {"value": round(goal_weight * 1000), "unit": -3},
    }
    as_of = _at(today + timedelta(days=1), tz, 0, 0)  # the whole of today
    return DemoUser(userid, timezone, measuregrps, activities, sleep, workouts, goals, as_of)


def as_of(user: DemoUser, moment: float) -> DemoUser:
    """The history without what happens after `moment` (a Unix time): a day is generated whole.

    A weigh-in counts from when it was taken, a night or a workout from when it ended, a day's
    activity from its first sync (`modified`: noon for today, so this morning has no steps yet).
    """
    return DemoUser(
        user.userid,
        user.timezone,
        measuregrps=[g for g in user.measuregrps if g["date"] <= moment],
        activities=[a for a in user.activities if a["modified"] <= moment],
        sleep_summaries=[s for s in user.sleep_summaries if s["enddate"] <= moment],
        workouts=[w for w in user.workouts if w["enddate"] <= moment],
        goals=user.goals,
        as_of=int(moment),
    )


def local_today(moment: datetime, timezone: str) -> date:
    """The day it is at `moment` (an aware instant) where the user lives."""
    return moment.astimezone(ZoneInfo(timezone)).date()


def served_at(seed: int, userid: str, timezone: str, moment: datetime, days: int) -> DemoUser:
    """What the sandbox serves at `moment`: `days` of history ending that local day, cut at `moment`."""
    whole = generate_user(seed, userid, timezone, local_today(moment, timezone), days)
    return as_of(whole, moment.timestamp())


class _Ids:
    """Record ids unique per user and stable for a given history."""

    def __init__(self, user_number: int) -> None:
        self._next = user_number * 100_000

    def __call__(self) -> int:
        self._next += 1
        return self._next


def _group(
    ids: _Ids,
    when: int,
    measures: list[dict[str, Any]],
    *,
    attrib: int = 0,
    category: int = 1,
    device: str | None = None,
    model: tuple[str, int] | None = None,
    lag: int = 30,
) -> dict[str, Any]:
    return {
        "grpid": ids(),
        "attrib": attrib,
        "date": when,
        "created": when + lag,
        "modified": when + lag,
        "category": category,
        "deviceid": device,
        "hash_deviceid": device,
        "model": model[0] if model else None,
        "modelid": model[1] if model else None,
        "comment": None,
        "measures": measures,
    }


def _scale_measures(rng: random.Random, prof: _Profile, weight: float) -> list[dict[str, Any]]:
    fat_ratio = min(0.45, max(0.08, prof.fat_ratio + rng.gauss(0, 0.006)))
    fat_mass = weight * fat_ratio
    fat_free = weight - fat_mass
    bone = fat_free * rng.uniform(0.045, 0.05)
    muscle = fat_free - bone
    hydration = fat_free * rng.uniform(0.71, 0.74)
    out = [
        _measure(WEIGHT, weight, -3),
        _measure(FAT_FREE, fat_free, -3),
        _measure(FAT_RATIO, fat_ratio * 100, -3),
        _measure(FAT_MASS, fat_mass, -3),
        _measure(MUSCLE, muscle, -2),
        _measure(HYDRATION, hydration, -2),
        _measure(BONE, bone, -2),
        _measure(PULSE, prof.rhr + rng.randint(-3, 8), 0),
    ]
    if prof.segmental:
        # Body Scan extras: segment-level measures carry a `position` and must not be read as whole-body.
        for position, share in ((2, 0.05), (3, 0.05), (10, 0.18), (11, 0.18), (12, 0.46)):
            out.append(_measure(SEG_FAT_FREE, fat_free * share, -2, position))
            out.append(_measure(SEG_MUSCLE, muscle * share, -2, position))
            out.append(_measure(SEG_FAT_MASS, fat_mass * share, -2, position))
        out.append(_measure(VISCERAL_FAT, 4 + 10 * fat_ratio + rng.uniform(-0.5, 0.5), -1))
        out.append(_measure(BMR, prof.bmr_kcal + rng.randint(-20, 20), 0))
    return out


def _measure_groups(
    rng: random.Random,
    prof: _Profile,
    tz: ZoneInfo,
    day_list: list[date],
    ids: _Ids,
    devices: dict[str, str],
) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    first, today = day_list[0], day_list[-1]
    # Height, typed in by hand when the account was created.
    groups.append(_group(ids, _at(first, tz, 9, 2), [_measure(HEIGHT, prof.height_m, -2)], attrib=2, lag=5))
    manual_days = set(rng.sample(day_list[: len(day_list) // 2], k=min(2, len(day_list) // 2)))
    partner_day = today - timedelta(days=rng.randint(0, min(6, len(day_list) - 1)))
    bp_weekdays = set(rng.sample(range(7), k=3))
    for index, day in enumerate(day_list):
        recent = day >= today - timedelta(days=1)
        weekend = 0.3 if day.weekday() in (5, 6) else 0.0
        weight = prof.weight_kg + prof.drift_kg_per_day * index + weekend + rng.gauss(0, 0.25)
        weigh_time = _at(day, tz, rng.randint(6, 8), rng.randint(0, 59), rng.randint(0, 59))
        if recent or rng.random() < 0.85:
            if day in manual_days:
                groups.append(
                    _group(ids, weigh_time, [_measure(WEIGHT, round(weight, 1), -1)], attrib=2, lag=300)
                )
            else:
                groups.append(
                    _group(
                        ids,
                        weigh_time,
                        _scale_measures(rng, prof, weight),
                        device=devices["scale"],
                        model=prof.scale_model,
                    )
                )
        if day == partner_day:
            # Someone else stepped on the scale just after: attrib 1, a clearly different weight.
            other = weight + rng.choice([-1, 1]) * rng.uniform(12, 20)
            groups.append(
                _group(
                    ids,
                    weigh_time + rng.randint(120, 900),
                    [_measure(WEIGHT, other, -3), _measure(FAT_RATIO, rng.uniform(15, 30), -3)],
                    attrib=1,
                    device=devices["scale"],
                    model=prof.scale_model,
                )
            )
        if day.weekday() in bp_weekdays or (day == today - timedelta(days=1)):
            when = _at(day, tz, rng.randint(19, 21), rng.randint(0, 59))
            measures = [
                _measure(DIASTOLIC, prof.diastolic + rng.randint(-6, 6), 0),
                _measure(SYSTOLIC, prof.systolic + rng.randint(-9, 9), 0),
                _measure(PULSE, prof.rhr + rng.randint(0, 12), 0),
            ]
            groups.append(_group(ids, when, measures, device=devices["bpm"], model=("BPM Connect", 45)))
        if index % 17 == 5:
            when = _at(day, tz, rng.randint(8, 21), rng.randint(0, 59))
            temp = _measure(BODY_TEMP, rng.uniform(36.3, 37.3), -2)
            groups.append(_group(ids, when, [temp], device=devices["thermo"], model=("Thermo", 42)))
        if index % 7 == 3:
            when = _at(day, tz, rng.randint(10, 20), rng.randint(0, 59))
            spo2 = _measure(SPO2, rng.randint(95, 99), 0)
            groups.append(_group(ids, when, [spo2], device=devices["watch"], model=("ScanWatch", 93)))
    return groups


def _add_objective(
    groups: list[dict[str, Any]],
    rng: random.Random,
    tz: ZoneInfo,
    day_list: list[date],
    ids: _Ids,
    goal_weight: float,
) -> None:
    """One weight objective (category 2), set by hand: not a measurement, clients must skip it."""
    day = day_list[max(0, len(day_list) - 60)]
    when = _at(day, tz, 21, rng.randint(0, 59))
    groups.append(_group(ids, when, [_measure(WEIGHT, goal_weight, -3)], attrib=2, category=2, lag=2))


def _activities(
    rng: random.Random,
    prof: _Profile,
    tz: ZoneInfo,
    day_list: list[date],
    devices: dict[str, str],
    timezone: str,
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    today = day_list[-1]
    for day in day_list:
        weekend = day.weekday() in (5, 6)
        steps = int(min(16000, max(2000, rng.gauss(prof.step_mean * (1.1 if weekend else 1.0), 2200))))
        if day == today:
            steps = int(steps * rng.uniform(0.3, 0.55))  # the day is not over
        moving = steps / 6000
        soft = int(rng.uniform(2400, 4800) * moving)
        moderate = int(rng.uniform(600, 1800) * moving)
        intense = int(rng.uniform(0, 900) * moving)
        calories = round(steps * 0.045 + intense * 0.12 + rng.uniform(0, 60), 2)
        passive = prof.bmr_kcal if day != today else prof.bmr_kcal * 0.5
        hr_zone = [int(x * moving) for x in (rng.uniform(20000, 30000), 1800, 700, 60)]
        modified = _at(day, tz, 23, 50) if day != today else _at(day, tz, 12, 0)
        out.append(
            {
                "date": day.isoformat(),
                "timezone": timezone,
                "deviceid": devices["watch"],
                "hash_deviceid": devices["watch"],
                "brand": 1,
                "is_tracker": True,
                "modified": modified,
                "model": "ScanWatch",
                "model_id": 93,
                "steps": steps,
                "distance": round(steps * prof.stride_m, 2),
                "elevation": round(rng.uniform(0, 16) * moving, 2),
                "soft": soft,
                "moderate": moderate,
                "intense": intense,
                "active": moderate + intense,
                "calories": calories,
                "totalcalories": round(calories + passive, 2),
                "hr_average": prof.rhr + rng.randint(8, 18),
                "hr_min": prof.rhr - rng.randint(5, 10),
                "hr_max": rng.randint(115, 170),
                "hr_zone_0": hr_zone[0],
                "hr_zone_1": hr_zone[1],
                "hr_zone_2": hr_zone[2],
                "hr_zone_3": hr_zone[3],
            }
        )
    return out


def _sleep(
    rng: random.Random,
    prof: _Profile,
    tz: ZoneInfo,
    day_list: list[date],
    ids: _Ids,
    devices: dict[str, str],
    timezone: str,
) -> list[dict[str, Any]]:
    """One summary per night; `date` is the morning it ended, `startdate` the evening before."""
    out: list[dict[str, Any]] = []
    for day in day_list[1:]:
        last_night = day == day_list[-1]
        if not last_night and rng.random() < 0.05:
            continue  # the sleep analyser did not record that night
        bed_minutes = rng.randint(-75, 45)  # relative to 23:00 the evening before
        start = _at(day - timedelta(days=1), tz, 23, 0) + bed_minutes * 60 + rng.randint(0, 59)
        in_bed_s = int((prof.sleep_need_h + rng.gauss(0.4, 0.6)) * 3600)
        in_bed_s = min(11 * 3600, max(4 * 3600, in_bed_s))
        end = start + in_bed_s
        latency = rng.randint(300, 1800)
        wakeup_latency = rng.randint(60, 900)
        wakeup_count = rng.randint(0, 4)
        waso = wakeup_count * rng.randint(120, 600)
        awake = latency + waso + wakeup_latency
        asleep = in_bed_s - awake
        deep = int(asleep * rng.uniform(0.14, 0.24))
        rem = int(asleep * rng.uniform(0.18, 0.25))
        light = asleep - deep - rem
        efficiency = round(asleep / in_bed_s, 2)
        hours_ratio = min(1.0, asleep / (prof.sleep_need_h * 3600))
        score = int(max(35, min(97, 100 * (0.55 * hours_ratio + 0.45 * efficiency) - wakeup_count * 2)))
        hr_avg = prof.rhr - rng.randint(3, 9)
        data = {
            "total_timeinbed": in_bed_s,
            "total_sleep_time": asleep,
            "asleepduration": asleep,
            "lightsleepduration": light,
            "deepsleepduration": deep,
            "remsleepduration": rem,
            "wakeupduration": awake,
            "wakeupcount": wakeup_count,
            "sleep_latency": latency,
            "durationtosleep": latency,
            "wakeup_latency": wakeup_latency,
            "durationtowakeup": wakeup_latency,
            "waso": waso,
            "sleep_efficiency": efficiency,
            "nb_rem_episodes": rng.randint(3, 6),
            "sleep_score": score,
            "out_of_bed_count": rng.randint(0, 2),
            "hr_average": hr_avg,
            "hr_min": hr_avg - rng.randint(4, 9),
            "hr_max": hr_avg + rng.randint(12, 30),
            "rr_average": rng.randint(12, 16),
            "rr_min": rng.randint(9, 11),
            "rr_max": rng.randint(17, 22),
            "breathing_disturbances_intensity": rng.randint(0, 35),
            "snoring": rng.randint(0, 2400),
            "snoringepisodecount": rng.randint(0, 12),
            "mvt_score_avg": rng.randint(10, 60),
        }
        out.append(
            {
                "id": ids(),
                "timezone": timezone,
                "model": 32,
                "model_id": 63,
                "hash_deviceid": devices["sleep"],
                "startdate": start,
                "enddate": end,
                "date": day.isoformat(),
                "created": end + 600,
                "modified": end + 600,
                "completed": True,
                "data": data,
            }
        )
    return out


def _workouts(
    rng: random.Random,
    prof: _Profile,
    tz: ZoneInfo,
    day_list: list[date],
    ids: _Ids,
    devices: dict[str, str],
    timezone: str,
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    past = day_list[:-1]  # today's workout, if any, is not synced yet
    chosen: list[date] = []
    for week in range(0, len(past), 7):
        days = past[week : week + 7]
        per_week = min(4, max(2, prof.workouts_per_week + rng.choice([-1, 0, 0, 1])))
        chosen.extend(sorted(rng.sample(days, k=min(len(days), round(per_week * len(days) / 7)))))
    for day in chosen:
        sport = rng.choice(prof.sports)
        category, minutes, has_distance, has_steps, kcal_per_min = _SPORTS[sport]
        duration_s = int(minutes * rng.uniform(0.7, 1.4) * 60)
        start = _at(day, tz, rng.choice([7, 12, 18]), rng.randint(0, 50))
        hr_avg = rng.randint(105, 155) if sport not in ("yoga", "walk") else rng.randint(85, 110)
        distance = 0.0
        if has_distance:
            speed = {"walk": 1.4, "run": 2.8, "hiking": 1.2, "bicycling": 6.0, "swimming": 0.6, "rowing": 3.0}
            distance = round(duration_s * speed[sport] * rng.uniform(0.85, 1.15), 1)
        data: dict[str, Any] = {
            "calories": round(duration_s / 60 * kcal_per_min * rng.uniform(0.85, 1.15), 1),
            "intensity": rng.randint(30, 100),
            "manual_distance": 0,
            "manual_calories": 0,
            "manual_intensity": 0,
            "hr_average": hr_avg,
            "hr_min": hr_avg - rng.randint(20, 35),
            "hr_max": hr_avg + rng.randint(10, 30),
            "hr_zone_0": int(duration_s * 0.2),
            "hr_zone_1": int(duration_s * 0.4),
            "hr_zone_2": int(duration_s * 0.3),
            "hr_zone_3": int(duration_s * 0.1),
            "pause_duration": 0,
            "algo_pause_duration": rng.randint(0, 120),
            "spo2_average": None,
            "steps": int(distance / prof.stride_m) if has_steps else 0,
            "distance": distance,
            "elevation": rng.randint(0, 120) if sport in ("run", "hiking", "bicycling") else 0,
        }
        if sport == "swimming":
            data.update({"pool_laps": int(distance // 25), "strokes": int(distance / 1.6), "pool_length": 25})
        out.append(
            {
                "id": ids(),
                "category": category,
                "timezone": timezone,
                "model": "ScanWatch",
                "model_id": 93,
                "attrib": 7,
                "startdate": start,
                "enddate": start + duration_s,
                "date": day.isoformat(),
                "modified": start + duration_s + 900,
                "deviceid": devices["watch"],
                "data": data,
            }
        )
    return out
