"""Local-day bounds in the user's time zone, including DST days and bad zone names."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skill.withings.dates import local_day_bounds, local_range_bounds, local_today, resolve_zone


def hours(bounds: tuple[datetime, datetime]) -> float:
    # Real elapsed time: subtracting same-tzinfo datetimes would give wall-clock 24 h.
    start, end = bounds
    return (end.timestamp() - start.timestamp()) / 3600


@pytest.mark.parametrize(
    ("day", "tz", "length"),
    [
        (date(2026, 3, 29), "Europe/Berlin", 23),  # spring forward
        (date(2026, 10, 25), "Europe/Berlin", 25),  # fall back
        (date(2026, 3, 8), "America/New_York", 23),
        (date(2026, 11, 1), "America/New_York", 25),
        (date(2026, 11, 20), "America/New_York", 24),
        (date(2026, 6, 1), "Asia/Kolkata", 24),
        (date(2026, 3, 29), "UTC", 24),
    ],
)
def test_day_length_follows_dst(day, tz, length):
    assert hours(local_day_bounds(day, tz)) == length


def test_day_bounds_are_local_midnights():
    start, end = local_day_bounds(date(2026, 3, 29), "Europe/Berlin")
    assert start.astimezone(UTC) == datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)


def test_range_is_inclusive_of_both_dates():
    start, end = local_range_bounds(date(2026, 10, 31), date(2026, 11, 1), "America/New_York")
    assert start.astimezone(UTC) == datetime(2026, 10, 31, 4, 0, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime(2026, 11, 2, 5, 0, tzinfo=UTC)
    assert hours((start, end)) == 49


def test_range_backwards_is_an_error():
    with pytest.raises(ValueError):
        local_range_bounds(date(2026, 11, 2), date(2026, 11, 1), "UTC")


@pytest.mark.parametrize(
    "bad", ["Mars/Olympus_Mons", "", "../../etc/passwd", None, "Europe/", ["Europe/Paris"], {"tz": 1}, 3]
)
def test_unknown_zone_falls_back_to_utc(bad):
    assert resolve_zone(bad)[0] == "UTC"
    start, end = local_day_bounds(date(2026, 11, 20), bad)  # type: ignore[arg-type]
    assert start == datetime(2026, 11, 20, tzinfo=UTC)
    assert hours((start, end)) == 24


def test_local_today_uses_the_users_zone_not_utc():
    late_utc = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)  # still the 19th in New York
    assert local_today("America/New_York", now=late_utc) == date(2026, 11, 19)
    assert local_today("Asia/Tokyo", now=late_utc) == date(2026, 11, 20)
    with pytest.raises(ValueError):
        local_today("UTC", now=datetime(2026, 11, 20))


ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Tehran",
         "Pacific/Chatham", "America/St_Johns", "UTC"]  # fmt: skip


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2037, 12, 31)), st.sampled_from(ZONES))
def test_consecutive_days_tile_time_without_gaps(day, tz):
    start, end = local_day_bounds(day, tz)
    next_start, _ = local_day_bounds(day + timedelta(days=1), tz)
    assert end.timestamp() == next_start.timestamp()
    assert 22.5 <= hours((start, end)) <= 25
    # The first and last instants inside the bounds are on that local day; those just outside are not.
    info = resolve_zone(tz)[1]
    assert datetime.fromtimestamp(start.timestamp(), info).date() == day
    assert datetime.fromtimestamp(start.timestamp() - 1, info).date() == day - timedelta(days=1)
    assert datetime.fromtimestamp(end.timestamp() - 1, info).date() == day
