"""The Withings code enums and their tables: every entry round-trips, unknown codes pass through."""

from __future__ import annotations

from enum import IntEnum

import pytest

from skill.withings import parse
from skill.withings.codes import WithingsCode
from skill.withings.group_codes import AMBIGUOUS, Attribution, MeasureCategory
from skill.withings.measure_types import MEASURE_INFO, MeasurementType, measure_info
from skill.withings.notify import Appli
from skill.withings.workout_categories import WORKOUT_NAMES, WorkoutCategory, workout_name

ENUMS: list[type[IntEnum]] = [MeasurementType, MeasureCategory, Attribution, WorkoutCategory, Appli]
# Codes no table lists, including ones Withings was seen sending (attrib 10009, withings-api.md §3.2).
UNLISTED = [-7, 3, 72, 9999, 10009, 2**40]


def _listed(enum: type[IntEnum]) -> list[IntEnum]:
    return [member for member in enum if member.name != "UNKNOWN"]


def _measure_body(type_code: int, attrib: int = 0, category: int = 1) -> dict[str, object]:
    group = {"grpid": 1, "date": 1763622000, "attrib": attrib, "category": category,
             "measures": [{"type": type_code, "value": 1234, "unit": -1}]}  # fmt: skip
    return {"timezone": "UTC", "measuregrps": [group]}


def _workout_body(category: int) -> dict[str, object]:
    workout = {"id": 1, "category": category, "startdate": 1763622000, "enddate": 1763625600, "data": {}}
    return {"series": [workout]}


# --- every enum --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("enum", "code"),
    [(e, c) for e in ENUMS for c in UNLISTED if c not in {int(m) for m in e}],
    ids=lambda v: v.__name__ if isinstance(v, type) else str(v),
)
def test_a_code_the_enum_does_not_list_is_unknown_not_an_error(enum: type[IntEnum], code: int) -> None:
    assert enum(code) is enum["UNKNOWN"]


def test_every_code_enum_is_covered_here() -> None:
    assert set(ENUMS) == set(WithingsCode.__subclasses__())


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_unknown_is_no_code_withings_sends(enum: type[IntEnum]) -> None:
    assert int(enum["UNKNOWN"]) < 0
    assert len({int(m) for m in enum}) == len(enum)  # no member aliases another


# --- measure types -----------------------------------------------------------------------------

CLASSIC_NAMES = {
    1: ("Weight", "kg"), 4: ("Height", "m"), 5: ("Fat free mass", "kg"), 6: ("Fat ratio", "%"),
    8: ("Fat mass weight", "kg"), 9: ("Diastolic blood pressure", "mmHg"),
    10: ("Systolic blood pressure", "mmHg"), 11: ("Heart rate", "bpm"), 12: ("Temperature", "°C"),
    54: ("SpO2", "%"), 71: ("Body temperature", "°C"), 73: ("Skin temperature", "°C"),
    76: ("Muscle mass", "kg"), 77: ("Hydration", "kg"), 88: ("Bone mass", "kg"),
    91: ("Pulse wave velocity", "m/s"), 123: ("VO2 max", "ml/min/kg"),
}  # fmt: skip
OFFICIAL_CODES = {
    *CLASSIC_NAMES, 130, 135, 136, 137, 138, 139, 155, 158, 159, 167, 168, 169, 170, 173, 174, 175,
    196, 197, 198, 226, 227, 229,
}  # fmt: skip


@pytest.mark.parametrize(("code", "name_unit"), sorted(CLASSIC_NAMES.items()))
def test_classic_measure_names(code: int, name_unit: tuple[str, str]) -> None:
    assert tuple(measure_info(code)) == name_unit


def test_measure_table_covers_the_official_codes_and_every_member() -> None:
    assert {int(t) for t in MEASURE_INFO} == OFFICIAL_CODES
    assert set(MEASURE_INFO) == set(_listed(MeasurementType))


@pytest.mark.parametrize("member", _listed(MeasurementType), ids=lambda m: m.name)
def test_every_measure_type_round_trips(member: MeasurementType) -> None:
    assert MeasurementType(int(member)) is member
    assert measure_info(int(member)) is MEASURE_INFO[member]
    (group,) = parse.parse_measures(_measure_body(int(member))).groups
    (measure,) = group.measures
    assert (measure.type, measure.type_code, measure.value) == (member, int(member), 123.4)
    assert group.value(member) == 123.4


@pytest.mark.parametrize("code", [72, 9999, 2**40])
def test_an_unknown_measure_type_keeps_its_code_and_a_generic_name(code: int) -> None:
    (group,) = parse.parse_measures(_measure_body(code)).groups
    (measure,) = group.measures
    assert (measure.type, measure.type_code) == (MeasurementType.UNKNOWN, code)
    assert group.value(code) == 123.4
    assert tuple(measure_info(code)) == (f"Measure type {code}", "")


# --- measure groups: category and attribution --------------------------------------------------


@pytest.mark.parametrize("member", _listed(MeasureCategory), ids=lambda m: m.name)
def test_every_category_round_trips(member: MeasureCategory) -> None:
    (group,) = parse.parse_measures(_measure_body(1, category=int(member))).groups
    assert (group.category, group.category_code) == (member, int(member))
    assert group.is_real is (member is MeasureCategory.REAL)


@pytest.mark.parametrize("member", _listed(Attribution), ids=lambda m: m.name)
def test_every_attribution_round_trips(member: Attribution) -> None:
    (group,) = parse.parse_measures(_measure_body(1, attrib=int(member))).groups
    assert (group.attribution, group.attribution_code) == (member, int(member))
    assert group.ambiguous is member.ambiguous


def test_ambiguous_attributions_are_device_ambiguous_and_entered_at_creation() -> None:
    assert {int(a) for a in Attribution if a.ambiguous} == {1, 4}
    assert AMBIGUOUS == {Attribution.DEVICE_AMBIGUOUS, Attribution.MANUAL_AT_CREATION}
    assert not Attribution.UNKNOWN.ambiguous


@pytest.mark.parametrize(("attrib", "category"), [(10009, 0), (3, 7), (17, 2**40)])
def test_unknown_group_codes_pass_through(attrib: int, category: int) -> None:
    (group,) = parse.parse_measures(_measure_body(1, attrib=attrib, category=category)).groups
    assert (group.attribution, group.attribution_code) == (Attribution.UNKNOWN, attrib)
    assert (group.category, group.category_code) == (MeasureCategory.UNKNOWN, category)
    assert not group.ambiguous and not group.is_real


# --- workout categories ------------------------------------------------------------------------


def test_workout_table() -> None:
    expected = {1: "Walk", 2: "Run", 3: "Hiking", 6: "Bicycling", 7: "Swimming", 16: "Lift weights",
                28: "Yoga", 307: "Indoor running", 128: "No activity", 523: "Mountain biking",
                272: "Multi-sport", 546: "CrossFit", 550: "HIIT"}  # fmt: skip
    for code, name in expected.items():
        assert workout_name(code) == name
    assert set(range(1, 37)) <= {int(c) for c in WORKOUT_NAMES}
    assert set(WORKOUT_NAMES) == set(_listed(WorkoutCategory))


@pytest.mark.parametrize("member", _listed(WorkoutCategory), ids=lambda m: m.name)
def test_every_workout_category_round_trips(member: WorkoutCategory) -> None:
    assert WorkoutCategory(int(member)) is member
    assert workout_name(int(member)) == WORKOUT_NAMES[member]
    ((workout, _),) = parse.workouts_with_data(_workout_body(int(member)))
    assert (workout.category, workout.category_code) == (member, int(member))


@pytest.mark.parametrize("code", [0, 12345, 2**40])
def test_an_unknown_workout_category_keeps_its_code_and_a_generic_name(code: int) -> None:
    ((workout, _),) = parse.workouts_with_data(_workout_body(code))
    assert (workout.category, workout.category_code) == (WorkoutCategory.UNKNOWN, code)
    assert workout_name(code) == "Workout"
