"""Which cached answers may be served: max age per kind, notifications, their windows, the race."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from skill.cache import policy
from skill.cache.data import DataCache
from skill.cache.keys import GOALS_KEY, DataKind, EntryKey, daily_key, measures_key
from skill.store.errors import StoreUnavailable
from skill.store.memory import MemoryStore
from skill.withings.deadline import Deadline

from .helpers import ACTIVITY, DAY, GOALS, MEASUREMENTS, MOMENT, SLEEP, TODAY, USER, WORKOUTS, Clock

WEIGHT, PRESSURE, ACTIVITY_APPLI, SLEEP_APPLI = 1, 4, 16, 44
MINUTE, HOUR = 60.0, 3600.0


def far() -> Deadline:
    return Deadline.after(10)


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def cache(store: MemoryStore, clock: Clock) -> DataCache:
    return DataCache(store, clock=clock)


def today_measures() -> EntryKey:
    return measures_key(MOMENT - timedelta(hours=1), MOMENT, [1])[0]


def save(cache: DataCache, key: EntryKey, value: object, fetched_at: float) -> bool:
    return cache.save(USER, key, value, fetched_at=fetched_at, moment=MOMENT, deadline=far())


# -- max age per kind -----------------------------------------------------------------------------


# (key, value, how long it is served without a call): today's data is live, last month's settled.
MAX_AGES = [
    (today_measures(), MEASUREMENTS, 2 * HOUR),
    (daily_key(DataKind.ACTIVITY, TODAY, TODAY), ACTIVITY, 10 * MINUTE),
    (daily_key(DataKind.WORKOUTS, TODAY - 6 * DAY, TODAY), WORKOUTS, 30 * MINUTE),
    (daily_key(DataKind.SLEEP, TODAY, TODAY), SLEEP, HOUR),
    (GOALS_KEY, GOALS, 6 * HOUR),
    (daily_key(DataKind.ACTIVITY, date(2026, 10, 1), date(2026, 10, 31)), ACTIVITY, 24 * HOUR),
    (daily_key(DataKind.SLEEP, TODAY - 9 * DAY, TODAY - 3 * DAY), SLEEP, 24 * HOUR),
    (
        measures_key(datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC), [1, 6])[0],
        MEASUREMENTS,
        24 * HOUR,
    ),
]


@pytest.mark.parametrize(("key", "value", "max_age"), MAX_AGES)
def test_an_entry_is_fresh_for_its_kinds_max_age_then_stale(
    cache: DataCache, clock: Clock, key: EntryKey, value: object, max_age: float
) -> None:
    assert save(cache, key, value, clock())
    clock.advance(max_age - 1)
    found = cache.lookup(USER, key, far())
    assert found is not None and found.fresh and found.value == value
    clock.advance(2)
    stale = cache.lookup(USER, key, far())
    assert stale is not None and not stale.fresh and stale.value == value  # kept for the fallback


def test_yesterday_is_still_live_the_day_before_that_is_settled() -> None:
    moment = MOMENT.timestamp()
    yesterday = daily_key(DataKind.ACTIVITY, TODAY - DAY, TODAY - DAY)
    before = daily_key(DataKind.ACTIVITY, TODAY - 3 * DAY, TODAY - 3 * DAY)
    assert policy.fresh_for(yesterday, moment) == 10 * MINUTE
    assert policy.fresh_for(before, moment) == 24 * HOUR


def test_an_entry_goes_after_the_stale_keep(cache: DataCache, clock: Clock) -> None:
    save(cache, GOALS_KEY, GOALS, clock())
    clock.advance(3 * 24 * HOUR - 1)
    assert cache.lookup(USER, GOALS_KEY, far()) is not None
    clock.advance(2)
    assert cache.lookup(USER, GOALS_KEY, far()) is None


def test_users_do_not_share_entries(cache: DataCache, clock: Clock) -> None:
    save(cache, GOALS_KEY, GOALS, clock())
    assert cache.lookup("10002", GOALS_KEY, far()) is None


# -- notifications --------------------------------------------------------------------------------


def test_a_notification_after_the_fetch_invalidates_and_nothing_stale_is_left(
    cache: DataCache, clock: Clock, store: MemoryStore
) -> None:
    key = today_measures()
    save(cache, key, MEASUREMENTS, clock())
    clock.advance(30)
    weighed = MOMENT - timedelta(minutes=5)
    cache.invalidate(USER, WEIGHT, weighed, weighed, far())
    assert cache.lookup(USER, key, far()) is None
    assert store.cached_names(USER, None) == []  # deleted: not even a stale fallback
    clock.advance(10)
    assert save(cache, key, MEASUREMENTS, clock())  # a fetch after the notification stores again
    assert cache.lookup(USER, key, far()) is not None


def test_a_notification_outside_the_entrys_range_leaves_it(cache: DataCache, clock: Clock) -> None:
    october = daily_key(DataKind.ACTIVITY, date(2026, 10, 1), date(2026, 10, 31))
    today = daily_key(DataKind.ACTIVITY, TODAY, TODAY)
    save(cache, october, ACTIVITY, clock())
    save(cache, today, ACTIVITY, clock())
    clock.advance(30)
    cache.invalidate(USER, ACTIVITY_APPLI, MOMENT - timedelta(hours=2), MOMENT, far())
    assert cache.lookup(USER, today, far()) is None
    found = cache.lookup(USER, october, far())
    assert found is not None and found.fresh


def test_a_notification_of_another_kind_leaves_the_entry(cache: DataCache, clock: Clock) -> None:
    sleep = daily_key(DataKind.SLEEP, TODAY, TODAY)
    save(cache, sleep, SLEEP, clock())
    clock.advance(30)
    cache.invalidate(USER, WEIGHT, MOMENT - timedelta(hours=1), MOMENT, far())
    assert cache.lookup(USER, sleep, far()) is not None
    cache.invalidate(USER, SLEEP_APPLI, MOMENT - timedelta(hours=10), MOMENT - timedelta(hours=2), far())
    assert cache.lookup(USER, sleep, far()) is None


def test_blood_pressure_invalidates_measures_and_activity_invalidates_workouts(
    cache: DataCache, clock: Clock
) -> None:
    measures, workouts = today_measures(), daily_key(DataKind.WORKOUTS, TODAY, TODAY)
    save(cache, measures, MEASUREMENTS, clock())
    save(cache, workouts, WORKOUTS, clock())
    clock.advance(30)
    cache.invalidate(USER, PRESSURE, MOMENT, MOMENT, far())
    cache.invalidate(USER, ACTIVITY_APPLI, MOMENT, MOMENT, far())
    assert cache.lookup(USER, measures, far()) is None
    assert cache.lookup(USER, workouts, far()) is None


def test_a_notification_without_a_window_invalidates_everything_of_its_appli(
    cache: DataCache, clock: Clock
) -> None:
    old = daily_key(DataKind.SLEEP, date(2025, 1, 1), date(2025, 1, 7))
    save(cache, old, SLEEP, clock())
    clock.advance(1)
    cache.invalidate(USER, SLEEP_APPLI, None, None, far())
    assert cache.lookup(USER, old, far()) is None


def test_a_local_day_overlaps_a_change_in_any_zone(cache: DataCache, clock: Clock) -> None:
    # 23:30 on the 25th in Honolulu (UTC-10) is 09:30 UTC on the 26th: still the 25th's activity.
    day = daily_key(DataKind.ACTIVITY, TODAY - DAY, TODAY - DAY)
    save(cache, day, ACTIVITY, clock())
    clock.advance(1)
    late = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    cache.invalidate(USER, ACTIVITY_APPLI, late, late, far())
    assert cache.lookup(USER, day, far()) is None


# -- the race: a fetch that began before a notification and ends after it ---------------------------


def test_a_fetch_that_began_before_a_notification_does_not_store(cache: DataCache, clock: Clock) -> None:
    key = today_measures()
    began = clock()
    clock.advance(2)  # the notification arrives while the fetch is under way
    cache.invalidate(USER, WEIGHT, MOMENT, MOMENT, far())
    clock.advance(1)
    assert not save(cache, key, MEASUREMENTS, began)  # what it brought may predate the change
    assert cache.lookup(USER, key, far()) is None


def test_even_a_non_overlapping_change_during_the_fetch_refuses_the_write(
    cache: DataCache, clock: Clock
) -> None:
    # The write's check is per appli (cheap, atomic): a rare extra miss, never a stale answer.
    key = daily_key(DataKind.ACTIVITY, date(2026, 10, 1), date(2026, 10, 31))
    began = clock()
    clock.advance(1)
    cache.invalidate(USER, ACTIVITY_APPLI, MOMENT, MOMENT, far())
    assert not save(cache, key, ACTIVITY, began)


def test_an_entry_older_than_an_overlapping_change_is_never_served(
    store: MemoryStore, cache: DataCache, clock: Clock
) -> None:
    """Belt and braces: an entry the invalidation could not delete is judged by the change record."""
    key = today_measures()
    save(cache, key, MEASUREMENTS, clock())
    clock.advance(5)
    failing = _FailingDeletes(store)
    DataCache(failing, clock=clock).invalidate(USER, WEIGHT, MOMENT, MOMENT, far())
    assert store.cached_names(USER, None) == [key.name]  # the deletion failed...
    assert cache.lookup(USER, key, far()) is None  # ...and the entry is still not served


def test_an_invalidation_that_cannot_record_the_change_raises(clock: Clock, store: MemoryStore) -> None:
    broken = _FailingDeletes(store, record=True)
    with pytest.raises(StoreUnavailable):
        DataCache(broken, clock=clock).invalidate(USER, WEIGHT, MOMENT, MOMENT, far())


def test_many_notifications_stay_a_short_list_that_still_covers_them_all(
    cache: DataCache, clock: Clock, store: MemoryStore
) -> None:
    key = daily_key(DataKind.ACTIVITY, TODAY - 20 * DAY, TODAY - 20 * DAY)
    save(cache, key, ACTIVITY, clock())
    first_day = datetime(2026, 11, 6, 12, tzinfo=UTC)
    for i in range(40):  # the first change touches the entry, then 39 elsewhere
        clock.advance(1)
        moment = first_day + timedelta(days=i)
        _FailingDeletes(store).invalidate_via(clock, ACTIVITY_APPLI, moment)
    changes = store.read_cached(USER, key.name, (ACTIVITY_APPLI,), None).changes
    assert len(changes) <= 16
    assert cache.lookup(USER, key, far()) is None


def test_an_unknown_entry_name_is_removed_by_any_notification(cache: DataCache, store: MemoryStore) -> None:
    from skill.store.cache_records import CachedEntry

    store.write_cached(USER, "measures/v0-format", CachedEntry(b"x", 1.0, 2.0, 1e12), (), None)
    cache.invalidate(USER, SLEEP_APPLI, None, None, far())
    assert store.cached_names(USER, None) == []


def test_the_purge_deletes_the_users_entries_and_changes(
    cache: DataCache, clock: Clock, store: MemoryStore
) -> None:
    save(cache, GOALS_KEY, GOALS, clock())
    save(cache, today_measures(), MEASUREMENTS, clock())
    cache.save("10002", GOALS_KEY, GOALS, fetched_at=clock(), moment=MOMENT, deadline=far())
    clock.advance(1)
    cache.invalidate(USER, SLEEP_APPLI, None, None, far())
    assert cache.purge(USER, far()) == 3  # two entries, one change record
    assert cache.lookup(USER, GOALS_KEY, far()) is None
    assert cache.lookup("10002", GOALS_KEY, far()) is not None


# -- store failures are misses, not errors ----------------------------------------------------------


def test_a_store_outage_is_a_miss_and_a_skipped_write(clock: Clock, store: MemoryStore) -> None:
    broken = DataCache(_FailingDeletes(store, everything=True), clock=clock)
    assert broken.lookup(USER, GOALS_KEY, far()) is None
    assert not broken.save(USER, GOALS_KEY, GOALS, fetched_at=clock(), moment=MOMENT, deadline=far())


def test_a_corrupt_entry_is_a_miss(cache: DataCache, store: MemoryStore, clock: Clock) -> None:
    from skill.store.cache_records import CachedEntry

    store.write_cached(
        USER, GOALS_KEY.name, CachedEntry(b"\x01{broken", clock(), clock() + 60, clock() + 600), (), None
    )
    assert cache.lookup(USER, GOALS_KEY, far()) is None


class _FailingDeletes:
    """The memory store, with its deletions (or change records, or everything) failing."""

    def __init__(self, store: MemoryStore, *, record: bool = False, everything: bool = False) -> None:
        self._store = store
        self._record = record
        self._everything = everything

    def __getattr__(self, name: str) -> object:
        if self._everything or (name == "delete_cached") or (self._record and name == "record_change"):

            def fail(*args: object, **kwargs: object) -> object:
                raise StoreUnavailable(name)

            return fail
        return getattr(self._store, name)

    def invalidate_via(self, clock: Clock, appli: int, moment: datetime) -> None:
        DataCache(self, clock=clock).invalidate(USER, appli, moment, moment, far())  # type: ignore[arg-type]
