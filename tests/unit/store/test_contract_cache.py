"""The store contract's cache and budget part (skill.store.base CacheStore, BudgetStore), run against
both backends like test_contract.py: the race check, change lists, expiry, purge, the shared counter."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

import pytest

from skill.store import clock
from skill.store.base import Store
from skill.store.cache_records import MAX_CHANGES, CachedEntry, Change

WEIGHT, PRESSURE, SLEEP = 1, 4, 44  # Withings notification categories


@pytest.fixture
def user() -> str:
    """A Withings userid of its own per test: DynamoDB Local's table is shared by the module."""
    return uuid.uuid4().hex[:10]


def _entry(payload: bytes = b"\x01{}", *, fetched_at: float | None = None, keep: float = 3600) -> CachedEntry:
    at = clock.now() if fetched_at is None else fetched_at
    return CachedEntry(payload, at, at + 60, at + keep)


def test_an_entry_is_read_back_with_its_times(store: Store, user: str) -> None:
    entry = _entry(b"\x01payload")
    assert store.write_cached(user, "goals", entry, (), None)
    read = store.read_cached(user, "goals", (), None)
    assert read.entry is not None and read.entry.payload == b"\x01payload"
    assert read.entry.fetched_at == entry.fetched_at and read.entry.expires_at == entry.expires_at
    assert read.changes == ()
    assert store.read_cached(user + "-other", "goals", (), None).entry is None
    assert store.read_cached(user, "sleep/2026-11-26/2026-11-26", (), None).entry is None


def test_a_write_replaces_the_entry(store: Store, user: str) -> None:
    store.write_cached(user, "goals", _entry(b"\x01old"), (), None)
    store.write_cached(user, "goals", _entry(b"\x01new"), (), None)
    read = store.read_cached(user, "goals", (), None)
    assert read.entry is not None and read.entry.payload == b"\x01new"


def test_an_expired_entry_is_not_read(store: Store, user: str, shift_clock: Callable[[float], None]) -> None:
    store.write_cached(user, "goals", _entry(keep=100), (), None)
    shift_clock(101)
    assert store.read_cached(user, "goals", (), None).entry is None


def test_changes_are_read_with_the_entry_for_the_applis_asked(store: Store, user: str) -> None:
    now = clock.now()
    store.record_change(user, WEIGHT, Change(now, 100.0, 200.0), None)
    store.record_change(user, WEIGHT, Change(now + 1, None, None), None)
    store.record_change(user, SLEEP, Change(now + 2, 5.0, 6.0), None)
    read = store.read_cached(user, "anything", (WEIGHT, PRESSURE), None)
    assert sorted(read.changes) == [Change(now, 100.0, 200.0), Change(now + 1, None, None)]
    assert store.read_cached(user, "anything", (SLEEP,), None).changes == (Change(now + 2, 5.0, 6.0),)
    assert store.read_cached(user + "-other", "anything", (WEIGHT, SLEEP), None).changes == ()


def test_a_write_whose_fetch_began_before_a_change_is_refused(store: Store, user: str) -> None:
    began = clock.now()
    store.record_change(user, PRESSURE, Change(began + 1, None, None), None)
    assert not store.write_cached(user, "m", _entry(fetched_at=began), (WEIGHT, PRESSURE), None)
    assert store.read_cached(user, "m", (), None).entry is None
    # Another appli's change does not refuse it, nor does one before the fetch began.
    assert store.write_cached(user, "m", _entry(fetched_at=began), (SLEEP,), None)
    assert store.write_cached(user, "m", _entry(fetched_at=began + 2), (WEIGHT, PRESSURE), None)


def test_many_changes_are_merged_into_a_short_list_covering_them_all(store: Store, user: str) -> None:
    now = clock.now()
    for i in range(MAX_CHANGES + 5):
        store.record_change(user, SLEEP, Change(now + i, 1000.0 * i, 1000.0 * i + 10), None)
    changes = store.read_cached(user, "x", (SLEEP,), None).changes
    assert len(changes) == MAX_CHANGES
    assert max(c.at for c in changes) == now + MAX_CHANGES + 4
    for i in range(MAX_CHANGES + 5):  # every original window is still covered, by a later-or-equal time
        assert any(c.at >= now + i and c.overlaps(1000.0 * i, 1000.0 * i + 10) for c in changes), i


def test_concurrent_changes_are_all_kept(store: Store, user: str) -> None:
    now = clock.now()
    threads = [
        threading.Thread(
            target=store.record_change, args=(user, WEIGHT, Change(now + i, float(i), float(i)), None)
        )
        for i in range(6)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    changes = store.read_cached(user, "x", (WEIGHT,), None).changes
    assert sorted(c.start for c in changes) == [float(i) for i in range(6)]


def test_names_delete_and_purge(store: Store, user: str) -> None:
    for name in ("goals", "sleep/2026-11-26/2026-11-26", "measures/2026-11-26/2026-11-26/1"):
        store.write_cached(user, name, _entry(), (), None)
    store.write_cached(user + "-other", "goals", _entry(), (), None)
    store.record_change(user, SLEEP, Change(clock.now(), None, None), None)
    assert store.cached_names(user, None) == sorted(
        ["goals", "measures/2026-11-26/2026-11-26/1", "sleep/2026-11-26/2026-11-26"]
    )
    assert store.delete_cached(user, ["goals"], None) == 1
    assert store.read_cached(user, "goals", (), None).entry is None
    assert store.purge_cached(user, None) == 3  # two entries and the change record
    assert store.cached_names(user, None) == []
    assert store.read_cached(user, "x", (SLEEP,), None).changes == ()
    assert store.cached_names(user + "-other", None) == ["goals"]


def test_permits_stop_at_the_limit_per_minute(store: Store, user: str) -> None:
    minute = int(clock.now() // 60)
    assert [store.take_permit(minute, 3, None) for _ in range(4)] == [True, True, True, False]
    assert store.take_permit(minute + 1, 3, None)


def test_concurrent_permits_never_pass_the_limit(store: Store, user: str) -> None:
    minute = int(clock.now() // 60) + 7
    results: list[bool] = []
    lock = threading.Lock()

    def take() -> None:
        got = store.take_permit(minute, 5, None)
        with lock:
            results.append(got)

    threads = [threading.Thread(target=take) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 5 and results.count(False) == 7
