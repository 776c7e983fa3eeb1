"""The cached models as bytes: every model comes back equal, in its own zone; anything else is a miss."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from skill.cache import codec
from skill.cache.keys import DataKind
from skill.withings.models import Goals, Measurements

from .helpers import ACTIVITY, GOALS, MEASUREMENTS, SLEEP, WORKOUTS

EVERY_KIND = [
    (DataKind.MEASURES, MEASUREMENTS),
    (DataKind.ACTIVITY, ACTIVITY),
    (DataKind.SLEEP, SLEEP),
    (DataKind.WORKOUTS, WORKOUTS),
    (DataKind.GOALS, GOALS),
    (DataKind.GOALS, Goals()),
    (DataKind.ACTIVITY, ()),
    (DataKind.MEASURES, Measurements("UTC", ())),
]


@pytest.mark.parametrize(("kind", "value"), EVERY_KIND)
def test_every_model_round_trips(kind: DataKind, value: object) -> None:
    assert codec.decode(kind, codec.encode(value)) == value


def test_times_come_back_in_the_records_own_zone_with_its_rules() -> None:
    back = codec.decode(DataKind.MEASURES, codec.encode(MEASUREMENTS))
    taken = back.groups[1].taken_at
    assert getattr(taken.tzinfo, "key", None) == "Europe/Berlin"
    assert (taken.hour, taken.minute) == (7, 40)
    # A zone, not a frozen offset: a day later across a DST change still reads the zone's rules.
    summer = (taken + timedelta(days=200)).utcoffset()
    assert summer == timedelta(hours=2)
    assert back.groups[1].measures[0].position == 3 and back.groups[1].device_model == "Body+"


def test_a_fixed_offset_survives_as_an_offset() -> None:
    value = Measurements("UTC", (), updated_at=datetime(2026, 1, 1, 12, tzinfo=timezone(timedelta(hours=-5))))
    back = codec.decode(DataKind.MEASURES, codec.encode(value))
    assert back.updated_at is not None and back.updated_at.utcoffset() == timedelta(hours=-5)
    assert back.updated_at == datetime(2026, 1, 1, 17, tzinfo=UTC)


def test_the_payload_starts_with_its_version_and_holds_no_python_names_but_the_models() -> None:
    raw = codec.encode(GOALS)
    assert raw[0] == codec.VERSION
    assert json.loads(raw[1:]) == {"n": "Goals", "f": [10000, 28800, 75.5]}


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x02" + codec.encode(GOALS)[1:],  # another version
        b"\x01{not json",
        b"\x01" + json.dumps({"n": "Goals", "f": [1, 2]}).encode(),  # the model has other fields now
        b"\x01" + json.dumps({"n": "Secret", "f": []}).encode(),  # not a cached model
        b"\x01" + json.dumps({"t": "2026-01-01T00:00:00", "z": "UTC"}).encode(),  # a naive instant
        b"\x01" + json.dumps([{"n": "Goals", "f": [1, 2, 3.0]}]).encode(),  # not this kind's shape
    ],
)
def test_anything_else_is_a_value_error(raw: bytes) -> None:
    with pytest.raises(ValueError):
        codec.decode(DataKind.GOALS, raw)


def test_a_record_of_another_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        codec.decode(DataKind.SLEEP, codec.encode(ACTIVITY))
    with pytest.raises(ValueError):
        codec.decode(DataKind.MEASURES, codec.encode(GOALS))


def test_what_is_not_a_model_is_not_encoded() -> None:
    with pytest.raises(ValueError):
        codec.encode({"weight": 80})
    with pytest.raises(ValueError):
        codec.encode(Measurements("UTC", (), updated_at=datetime(2026, 1, 1)))  # naive
