"""parse.*: Withings bodies (recorded-style fixtures) -> immutable records, tolerant of the unknown."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skill.withings import parse
from skill.withings.errors import ServiceError
from skill.withings.group_codes import Attribution, MeasureCategory
from skill.withings.measure_types import MeasurementType
from skill.withings.models import Goals, Measure, MeasureGroup
from skill.withings.parse.scalars import scaled
from skill.withings.workout_categories import WorkoutCategory

FIXTURES = Path(__file__).parents[2] / "fixtures" / "withings"
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def body(name: str):
    return json.loads((FIXTURES / name).read_text())["body"]


# --- values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [(65750, -3, 65.75), (81013, -3, 81.013), (2150, -2, 21.5), (127, 0, 127.0), (5, 2, 500.0),
     (178, -2, 1.78), (-125, -1, -12.5), (1, -22, 1e-22)],
)  # fmt: skip
def test_value_times_ten_to_the_unit_is_exact(value, unit, expected):
    assert scaled(value, unit) == expected


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=-12, max_value=6))
def test_scaled_value_is_the_float_nearest_the_decimal(value, unit):
    assert scaled(value, unit) == float(Decimal(value).scaleb(unit))


# --- getmeas -----------------------------------------------------------------------------------


def test_measures_page_is_parsed_oldest_first_in_body_time_zone():
    m = parse.parse_measures(body("getmeas_page1.json"))

    assert m.timezone == "Europe/Berlin"
    assert [g.grpid for g in m.groups] == [5002, 5003]  # Withings sends newest first
    weigh_in = m.groups[1]
    assert weigh_in.taken_at == datetime(2026, 11, 20, 7, 12, 3, tzinfo=BERLIN)
    assert weigh_in.taken_at.tzinfo == BERLIN
    assert weigh_in.device_model == "Body+"
    assert weigh_in.value(MeasurementType.WEIGHT) == 65.75
    assert weigh_in.value(6) == 21.5  # a plain int code works too
    assert weigh_in.value(MeasurementType.BONE_MASS) == 2.65
    assert m.updated_at == datetime(2026, 11, 20, 7, 30, tzinfo=BERLIN)


def test_weight_measure_keeps_raw_value_and_typed_code():
    weigh_in = parse.parse_measures(body("getmeas_page1.json")).groups[1]
    weight = weigh_in.measures[0]
    assert (weight.raw_value, weight.raw_unit, weight.position) == (65750, -3, None)
    assert (weight.type_code, weight.type) == (1, MeasurementType.WEIGHT)
    assert weight.type is MeasurementType.WEIGHT


def test_unknown_measure_type_passes_through_with_its_code():
    weigh_in = parse.parse_measures(body("getmeas_page1.json")).groups[1]
    unknown = next(m for m in weigh_in.measures if m.type_code == 9999)
    assert unknown.type is MeasurementType.UNKNOWN
    assert unknown.value == 432.1
    assert weigh_in.value(9999) == 432.1  # still reachable by its raw code
    assert weigh_in.value(MeasurementType.UNKNOWN) is None  # UNKNOWN is no code Withings sends


def test_segment_measures_keep_position_and_are_not_whole_body_values():
    weigh_in = parse.parse_measures(body("getmeas_page1.json")).groups[1]
    segment = next(m for m in weigh_in.measures if m.type is MeasurementType.FAT_MASS_SEGMENTS)
    assert segment.position == 12
    assert weigh_in.value(MeasurementType.FAT_MASS_SEGMENTS) is None  # value() is whole-body only


def test_unknown_attrib_is_kept_as_int_and_not_ambiguous():
    bp = parse.parse_measures(body("getmeas_page1.json")).groups[0]
    assert bp.attribution_code == 10009
    assert bp.attribution is Attribution.UNKNOWN
    assert not bp.ambiguous
    assert (bp.value(10), bp.value(9), bp.value(11)) == (127.0, 81.0, 64.0)
    assert (bp.value(MeasurementType.SYSTOLIC_BP), bp.value(MeasurementType.DIASTOLIC_BP)) == (127.0, 81.0)


def test_latest_skips_ambiguous_and_objectives():
    m = parse.parse_measures(body("getmeas_page2.json"))
    group, value = m.latest(MeasurementType.WEIGHT)
    assert (group.grpid, value) == (5000, 65.9)  # 5001 is attrib 1 (maybe someone else), 4999 a goal
    assert m.latest(1, include_ambiguous=True)[1] == 81.013
    assert [v for _, v in m.series(MeasurementType.WEIGHT)] == [65.9]
    assert [v for _, v in m.series(1)] == [65.9]
    by_id = {g.grpid: g for g in m.groups}
    assert by_id[5001].attribution is Attribution.DEVICE_AMBIGUOUS and by_id[5001].ambiguous
    assert by_id[4999].category is MeasureCategory.USER_OBJECTIVE and not by_id[4999].is_real
    assert by_id[5000].category is MeasureCategory.REAL and by_id[5000].is_real


def test_odd_records_are_skipped_not_fatal_and_unknown_zone_is_utc():
    m = parse.parse_measures(body("getmeas_odd.json"))

    assert m.timezone == "UTC"
    assert [g.grpid for g in m.groups] == [7001]  # 7002 has no date, the string is no group
    group = m.groups[0]
    assert group.taken_at.tzinfo == UTC
    assert group.category_code == 7  # an unknown category passes through as its code
    assert group.category is MeasureCategory.UNKNOWN
    assert not group.is_real
    assert [(x.type_code, x.value) for x in group.measures] == [(1, 70.0), (11, 65.0)]


@pytest.mark.parametrize(
    "bad",
    [None, [], "body", {"measuregrps": {"0": {}}}, {"measuregrps": "none"}],
)
def test_structurally_unusable_getmeas_body_raises(bad):
    with pytest.raises(ServiceError):
        parse.parse_measures(bad)


@pytest.mark.parametrize("tz", [["Europe/Paris"], {"name": "Europe/Paris"}, 1, None])
def test_non_string_time_zones_fall_back_to_utc(tz):
    m = parse.parse_measures(
        {"timezone": tz, "measuregrps": [{"grpid": 1, "date": 1763622000, "measures": []}]}
    )
    assert m.timezone == "UTC"
    ((night, _),) = parse.sleep_summaries_with_data(
        {"series": [{"timezone": tz, "startdate": 1763600000, "enddate": 1763622000, "data": {}}]}
    )
    assert night.start.tzinfo == UTC


def test_empty_getmeas_body_is_empty_measurements():
    m = parse.parse_measures({})
    assert (m.timezone, m.groups, m.updated_at) == ("UTC", (), None)


def test_records_are_immutable():
    group = parse.parse_measures(body("getmeas_page1.json")).groups[0]
    with pytest.raises(AttributeError):
        group.attribution_code = 0  # type: ignore[misc]
    with pytest.raises(AttributeError):
        group.measures[0].value = 1.0  # type: ignore[misc]


def test_builder_keeps_one_copy_of_a_group_seen_on_two_pages_and_orders_across_pages():
    builder = parse.MeasuresBuilder()
    builder.add_page(body("getmeas_page1.json"))
    builder.add_page(body("getmeas_page2.json"))
    builder.add_page(body("getmeas_page1.json"))  # edited between calls: last copy wins

    m = builder.build()

    assert [g.grpid for g in m.groups] == [4999, 5000, 5001, 5002, 5003]
    assert m.timezone == "Europe/Berlin"


def test_identical_measures_are_shared_and_equal_to_constructed_records():
    m = parse.parse_measures(
        {"timezone": "UTC", "measuregrps": [
            {"grpid": 1, "date": 1763622000, "attrib": 0, "category": 1,
             "measures": [{"type": 11, "value": 64, "unit": 0}]},
            {"grpid": 2, "date": 1763625600, "attrib": 0, "category": 1,
             "measures": [{"type": 11, "value": 64, "unit": 0}]},
        ]}
    )  # fmt: skip
    first, second = (g.measures[0] for g in m.groups)
    assert first is second
    assert first == Measure(11, 64.0, 64, 0, None)
    assert hash(first) == hash(Measure(11, 64.0, 64, 0))
    assert type(first) is Measure and type(m.groups[0]) is MeasureGroup
    assert m.groups[0] == MeasureGroup(1, datetime.fromtimestamp(1763622000, UTC), 0, 1, (first,), None)
    assert repr(first) == "Measure(type_code=11, value=64.0, raw_value=64, raw_unit=0, position=None)"


@pytest.mark.parametrize("fixture", ["getmeas_page1.json", "getmeas_page2.json", "getmeas_odd.json"])
def test_parsed_records_equal_the_records_built_by_their_constructors(fixture):
    # The hot path builds records without calling the classes: they must be the same records.
    for group in parse.parse_measures(body(fixture)).groups:
        assert group == MeasureGroup(*group) and repr(group) == repr(MeasureGroup(*group))
        assert len(group) == len(MeasureGroup._fields)
        for measure in group.measures:
            assert measure == Measure(*measure) and repr(measure) == repr(Measure(*measure))
            assert len(measure) == len(Measure._fields)


def test_groups_taken_at_the_same_second_are_ordered_by_grpid():
    m = parse.parse_measures(
        {"timezone": "UTC", "measuregrps": [
            {"grpid": 9, "date": 1763622000, "measures": []},
            {"grpid": 5, "date": 1763625600, "measures": []},
            {"grpid": 2, "date": 1763622000, "measures": []},
        ]}
    )  # fmt: skip
    assert [g.grpid for g in m.groups] == [2, 9, 5]


def test_repeated_dst_hour_is_ordered_by_instant():
    # 2026-10-25 in Berlin: 02:30 CEST (00:30 UTC) happens before 02:10 CET (01:10 UTC).
    first, second = 1792888200, 1792890600
    m = parse.parse_measures(
        {"timezone": "Europe/Berlin", "measuregrps": [
            {"grpid": 2, "date": second, "measures": [{"type": 1, "value": 70000, "unit": -3}]},
            {"grpid": 9, "date": first, "measures": [{"type": 1, "value": 71000, "unit": -3}]},
        ]}
    )  # fmt: skip
    assert [g.grpid for g in m.groups] == [9, 2]
    assert (m.groups[0].taken_at.hour, m.groups[0].taken_at.minute) == (2, 30)
    assert (m.groups[1].taken_at.hour, m.groups[1].taken_at.minute) == (2, 10)


# --- getactivity -------------------------------------------------------------------------------


def test_activities_map_documented_fields_and_keep_source():
    phone, watch = parse.parse_activities(body("getactivity_page1.json"))

    assert (phone.day, watch.day) == (date(2026, 11, 19), date(2026, 11, 20))
    assert (phone.brand, phone.is_tracker) == (18, False)
    assert (watch.brand, watch.is_tracker) == (1, True)
    assert watch.steps == 10234
    assert watch.distance_m == 7803.1
    assert watch.elevation_floors == 11.5
    assert (watch.soft_s, watch.moderate_s, watch.intense_s, watch.active_s) == (4020, 1860, 540, 2400)
    assert (watch.calories, watch.total_calories) == (402.6, 2311.9)
    assert (watch.hr_average, watch.hr_min, watch.hr_max) == (71, 52, 141)
    assert phone.hr_average is None
    assert watch.timezone == "Europe/Berlin"
    assert not any(isinstance(value, Mapping) for value in watch)  # no raw dict rides along


def test_activity_with_bad_date_is_skipped():
    activities = parse.parse_activities(body("getactivity_page2.json"))
    assert [a.day for a in activities] == [date(2026, 11, 18)]
    assert activities[0].distance_m == 6402.0


# --- sleep getsummary --------------------------------------------------------------------------


def nights(name: str):
    return [summary for summary, _ in parse.sleep_summaries_with_data(body(name))]


def test_sleep_summary_fields_and_times_in_record_zone():
    pairs = parse.sleep_summaries_with_data(body("sleep_getsummary.json"))
    nights = [summary for summary, _ in pairs]
    assert [n.night for n in nights] == [date(2026, 11, 18), date(2026, 11, 19), date(2026, 11, 20)]
    last = nights[-1]

    assert last.timezone == "America/New_York"
    assert last.start == datetime(2026, 11, 19, 22, 41, tzinfo=NEW_YORK)
    assert last.end.tzinfo == NEW_YORK and last.end.hour == 6
    assert last.total_sleep_s == 26460
    assert last.time_in_bed_s == 29820
    assert (last.light_s, last.deep_s, last.rem_s) == (14160, 6480, 5820)
    assert (last.awake_s, last.wakeup_count) == (2460, 2)
    assert (last.sleep_latency_s, last.wakeup_latency_s) == (900, 360)
    assert (last.sleep_score, last.sleep_efficiency) == (83, 0.89)
    assert (last.hr_average, last.rr_average, last.snoring_s) == (58, 14, 1140)
    assert not any(isinstance(value, Mapping) for value in last)  # the record holds no raw dict
    assert pairs[-1][1]["apnea_hypopnea_index"] == 3  # the data object Withings sent comes beside it


def test_external_night_uses_asleepduration_and_percentage_efficiency_becomes_ratio():
    external = nights("sleep_getsummary.json")[1]
    assert external.total_sleep_s == 24300
    assert external.light_s is None
    assert external.sleep_efficiency == 0.93
    assert external.time_in_bed_s == 7 * 3600 + 15 * 60  # from the bounds when not given


def test_old_night_sums_stages_uses_deprecated_latencies_and_falls_back_to_utc():
    old = nights("sleep_getsummary.json")[0]
    assert old.total_sleep_s == 22000
    assert (old.sleep_latency_s, old.wakeup_latency_s) == (600, 120)
    assert old.timezone == "UTC"
    assert old.start.tzinfo == UTC
    assert old.start == datetime(2026, 11, 17, 23, 0, tzinfo=NEW_YORK)  # same instant


def test_sleep_without_bounds_is_skipped():
    assert date(2026, 11, 17) not in [n.night for n in nights("sleep_getsummary.json")]


# --- getworkouts -------------------------------------------------------------------------------


def test_workouts_with_known_and_unknown_categories():
    (walk, walk_data), (unknown, unknown_data) = parse.workouts_with_data(body("getworkouts_page2.json"))

    assert (walk.id, walk.category_code, walk.category) == (31001, 1, WorkoutCategory.WALK)
    assert walk.start == datetime(2026, 11, 18, 12, 10, tzinfo=BERLIN)
    assert walk.duration_s == 42 * 60
    assert (walk.calories, walk.distance_m, walk.steps, walk.intensity, walk.hr_average) == (
        180.0, 3390.4, 4710, 30, 96,
    )  # fmt: skip
    assert walk.day == date(2026, 11, 18)
    assert unknown.category_code == 9999  # an unknown category passes through as its code
    assert unknown.category is WorkoutCategory.UNKNOWN
    assert unknown.calories is None and unknown_data == {}
    assert walk_data["steps"] == 4710


def test_swim_comes_with_its_full_data_object():
    ((swim, data),) = parse.workouts_with_data(body("getworkouts_page1.json"))
    assert swim.category is WorkoutCategory.SWIMMING
    assert data["pool_laps"] == 60
    assert not any(isinstance(value, Mapping) for value in swim)


# --- getgoals ----------------------------------------------------------------------------------


def test_goals():
    assert parse.parse_goals(body("getgoals.json")) == Goals(steps=10000, sleep_s=28800, weight_kg=70.5)


def test_no_goals():
    assert parse.parse_goals(body("getgoals_empty.json")) == Goals()
    assert parse.parse_goals({}) == Goals()


def test_goals_of_wrong_shape_raise():
    with pytest.raises(ServiceError):
        parse.parse_goals({"goals": "10000"})
