"""Every intent through the skill's entry with real envelopes, in-memory Accounts and a fake Withings
client (conftest.py). Expected phrases are written out by hand from the records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from devtools.envelopes import ResolvedSlot, intent_request, launch_request
from skill.voice.context import REPLY_BUDGET_S
from skill.withings.models import Goals

from .conftest import (
    TODAY,
    TOKEN,
    Harness,
    activity,
    group,
    local,
    night,
    speech,
    workout,
)

DAY = timedelta(days=1)


def ask(h: Harness, intent: str, slots: dict[str, str | ResolvedSlot | None] | None = None, **kw: object):
    kw.setdefault("access_token", TOKEN)
    return h.ask(intent_request(intent, slots, **kw))  # type: ignore[arg-type]


def card(result: dict) -> dict:
    return result["response"]["card"]


# -- sleep ------------------------------------------------------------------------------------------


def test_how_did_i_sleep_last_night(harness: Harness) -> None:
    # In bed 10:55 PM to 7:05 AM; 20 minutes to fall asleep, 15 in bed awake before getting up.
    harness.api.sleeps = [
        night(TODAY, 7 * 3600 + 600, sleep_score=78, sleep_latency_s=1200, wakeup_latency_s=900),
        night(TODAY - DAY, 6 * 3600),
    ]
    result = ask(harness, "SleepIntent")
    expected = (
        "You slept 7 hours 10 minutes last night: you fell asleep at 11:15 PM and woke up at 6:50 AM. "
        "Your sleep score was 78."
    )
    assert speech(result) == expected
    assert card(result) == {"type": "Simple", "title": "Sleep", "content": expected}
    assert result["response"]["shouldEndSession"] is True


def test_without_latencies_the_night_is_said_as_time_in_bed(harness: Harness) -> None:
    harness.api.sleeps = [night(TODAY, 7 * 3600 + 600, sleep_score=78)]
    assert speech(ask(harness, "SleepIntent")) == (
        "You slept 7 hours 10 minutes last night, in bed from 10:55 PM to 7:05 AM. Your sleep score was 78."
    )


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        ("BEDTIME", "You went to bed at 10:55 PM last night."),
        ("ASLEEP_TIME", "You fell asleep at 11:15 PM last night."),
        ("WAKETIME", "After your sleep last night, you woke up at 6:50 AM."),
        ("RISE_TIME", "After your sleep last night, you got up at 7:05 AM."),
    ],
)
def test_each_time_of_the_night_has_its_own_answer(harness: Harness, metric: str, expected: str) -> None:
    harness.api.sleeps = [night(TODAY, 7 * 3600, sleep_latency_s=1200, wakeup_latency_s=900)]
    assert speech(ask(harness, "SleepIntent", {"metric": ResolvedSlot(metric.lower(), metric)})) == expected


def test_a_time_withings_did_not_record_is_said_so(harness: Harness) -> None:
    harness.api.sleeps = [night(TODAY, 7 * 3600)]
    result = ask(harness, "SleepIntent", {"metric": ResolvedSlot("fell asleep", "ASLEEP_TIME")})
    assert speech(result) == "Withings didn't record your falling-asleep time last night."


def test_last_night_as_alexa_sends_it_is_yesterdays_date(harness: Harness) -> None:
    harness.api.sleeps = [night(TODAY, 7 * 3600 + 600), night(TODAY - DAY, 6 * 3600)]
    result = ask(harness, "SleepIntent", {"date": "2026-11-25"})
    assert speech(result).startswith("You slept 7 hours 10 minutes last night")


def test_sleep_on_monday_is_monday_night(harness: Harness) -> None:
    # Monday 23 November: the night into Tuesday, which Withings dates 24 November.
    harness.api.sleeps = [night(TODAY - 2 * DAY, 5 * 3600), night(TODAY - 3 * DAY, 8 * 3600)]
    result = ask(harness, "SleepIntent", {"date": "2026-11-23"})
    assert speech(result).startswith("You slept 5 hours Monday night")


def test_sleep_in_german(harness: Harness) -> None:
    harness.api.sleeps = [night(TODAY, 7 * 3600 + 600)]
    result = ask(harness, "SleepIntent", locale="de-DE")
    assert speech(result) == (
        "Du hast letzte Nacht 7 Stunden 10 Minuten geschlafen, im Bett von 22:55 Uhr bis 7:05 Uhr."
    )
    harness.api.sleeps = [night(TODAY, 7 * 3600 + 600, sleep_latency_s=1200, wakeup_latency_s=900)]
    assert speech(ask(harness, "SleepIntent", locale="de-DE")) == (
        "Du hast letzte Nacht 7 Stunden 10 Minuten geschlafen: eingeschlafen bist du um 23:15 Uhr, "
        "aufgewacht um 6:50 Uhr."
    )


def test_no_sleep_data_is_an_answer(harness: Harness) -> None:
    result = ask(harness, "SleepIntent")
    assert speech(result) == (
        "I don't have any sleep data for last night. "
        "If you used your Sleep Analyzer, it may still be syncing."
    )
    assert result["response"]["shouldEndSession"] is True


def test_deep_sleep_by_slot_id(harness: Harness) -> None:
    harness.api.sleeps = [night(TODAY, 7 * 3600, deep_s=80 * 60)]
    result = ask(harness, "SleepIntent", {"metric": ResolvedSlot("deep sleep", "DEEP")})
    assert speech(result) == "You had 1 hour 20 minutes of deep sleep last night."


def test_an_unresolved_metric_falls_back_to_the_default(harness: Harness) -> None:
    harness.api.sleeps = [night(TODAY, 6 * 3600)]
    result = ask(harness, "SleepIntent", {"metric": ResolvedSlot("snoring volume", None)})
    assert speech(result).startswith("You slept 6 hours last night")


def test_a_stage_withings_did_not_record_is_said_plainly(harness: Harness) -> None:
    harness.api.sleeps = [night(TODAY, 6 * 3600)]  # no REM (an external source)
    result = ask(harness, "SleepIntent", {"metric": ResolvedSlot("REM", "REM")})
    assert speech(result) == "Withings didn't record your REM sleep last night."


def test_sleep_last_week_is_an_average(harness: Harness) -> None:
    # Last week = 16–22 November: the nights that ended on those mornings.
    harness.api.sleeps = [
        night(TODAY.replace(day=d), s) for d, s in ((16, 7 * 3600), (20, 8 * 3600), (23, 3600))
    ]
    result = ask(harness, "SleepIntent", {"date": "2026-W47"})
    assert speech(result) == "You slept an average of 7 hours 30 minutes a night last week, across 2 nights."


def test_bedtime(harness: Harness) -> None:
    harness.api.sleeps = [night(TODAY, 7 * 3600)]
    result = ask(harness, "SleepIntent", {"metric": ResolvedSlot("bedtime", "BEDTIME")}, locale="en-GB")
    assert speech(result) == "You went to bed at 10:55 PM last night."


# -- activity ---------------------------------------------------------------------------------------


def test_steps_today(harness: Harness) -> None:
    harness.api.activities = [activity(TODAY, 6240), activity(TODAY - DAY, 8432)]
    result = ask(harness, "ActivityIntent")
    assert speech(result) == "You've taken 6,240 steps so far today."
    assert card(result)["title"] == "Activity"


def test_steps_today_before_a_sync_says_so_instead_of_zero(harness: Harness) -> None:
    harness.api.activities = [activity(TODAY - DAY, 8432)]
    result = ask(harness, "ActivityIntent")
    text = speech(result)
    assert "0 steps" not in text
    assert text == (
        "I don't have any activity data for today yet. Your tracker or phone may not have synced. "
        "The latest I have: 8,432 steps yesterday."
    )


def test_how_active_was_i_is_active_time_and_steps(harness: Harness) -> None:
    harness.api.activities = [activity(TODAY - DAY, 8432, active_s=2 * 3600 + 300)]
    result = ask(harness, "ActivityIntent", {"date": "2026-11-25"})
    assert speech(result) == "You were active for 2 hours 5 minutes yesterday, and took 8,432 steps."
    de = ask(harness, "ActivityIntent", {"date": "2026-11-25"}, locale="de-DE")
    assert speech(de) == "Du warst gestern 2 Stunden 5 Minuten aktiv und hast 8.432 Schritte gemacht."


def test_how_active_was_i_over_a_week_is_the_daily_averages(harness: Harness) -> None:
    harness.api.activities = [activity(TODAY.replace(day=d), 7000, active_s=1800) for d in range(16, 23)]
    result = ask(harness, "ActivityIntent", {"date": "2026-W47"})
    assert speech(result) == (
        "You were active for an average of 30 minutes a day last week, "
        "and took an average of 7,000 steps a day."
    )


def test_distance_per_locale(harness: Harness) -> None:
    harness.api.activities = [activity(TODAY - DAY, 7000, distance_m=5150.0)]
    metric = {"date": "2026-11-25", "metric": ResolvedSlot("distance", "DISTANCE")}
    assert speech(ask(harness, "ActivityIntent", metric)) == "You covered 3.2 miles yesterday."
    assert (
        speech(ask(harness, "ActivityIntent", metric, locale="en-GB")) == "You covered 3.2 miles yesterday."
    )
    assert (
        speech(ask(harness, "ActivityIntent", metric, locale="de-DE"))
        == "Du hast gestern 5,2 Kilometer zurückgelegt."
    )


def test_steps_last_week_total_and_average(harness: Harness) -> None:
    harness.api.activities = [activity(TODAY.replace(day=d), 7000 + d) for d in range(16, 23)]
    result = ask(harness, "ActivityIntent", {"date": "2026-W47"})
    total = sum(7000 + d for d in range(16, 23))
    assert (
        speech(result) == f"You took {total:,} steps last week, an average of {total / 7:,.0f} steps a day."
    )


# -- body -------------------------------------------------------------------------------------------


def _weights(h: Harness) -> None:
    h.api.groups = [
        group(local(TODAY - 7 * DAY, 7, 30), {1: 81.8}),
        group(local(TODAY - 3 * DAY, 7, 0), {1: 81.5}),
        group(local(TODAY, 7, 12), {1: 81.2, 6: 22.54}),
    ]


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en-US", "179 pounds as of your 7:12 AM weigh-in, down 1.3 pounds from last week."),
        ("en-GB", "12 stone 11 as of your 7:12 AM weigh-in, down 1.3 pounds from last week."),
        ("de-DE", "81,2 Kilo, laut deiner Wiegung heute um 7:12 Uhr, 0,6 Kilo weniger als letzte Woche."),
    ],
)
def test_latest_weight_with_one_comparison(harness: Harness, locale: str, expected: str) -> None:
    _weights(harness)
    result = ask(harness, "BodyIntent", locale=locale)
    assert speech(result) == expected
    assert card(result)["content"] == expected


def test_body_fat(harness: Harness) -> None:
    _weights(harness)
    result = ask(harness, "BodyIntent", {"metric": ResolvedSlot("body fat", "FAT_RATIO")})
    assert speech(result) == "Your body fat was 22.5 percent, from your 7:12 AM reading today."


def test_stale_weight_says_how_old_it_is(harness: Harness) -> None:
    harness.api.groups = [group(local(TODAY - 5 * DAY, 7, 0), {1: 80.0})]
    result = ask(harness, "BodyIntent")
    assert speech(result) == "176.4 pounds from your weigh-in 5 days ago."


def test_ambiguous_weigh_ins_are_not_reported(harness: Harness) -> None:
    harness.api.groups = [group(local(TODAY, 7, 0), {1: 60.0}, attrib=1)]  # maybe another person
    result = ask(harness, "BodyIntent")
    assert speech(result) == "I don't have any weight readings in the last 90 days."


def test_weight_on_a_day_and_over_a_week(harness: Harness) -> None:
    _weights(harness)
    on_monday = ask(harness, "BodyIntent", {"date": "2026-11-23"}, locale="de-DE")
    assert speech(on_monday) == "81,5 Kilo, laut deiner Wiegung vor 3 Tagen."
    this_week = ask(harness, "BodyIntent", {"date": "2026-W48"}, locale="de-DE")
    assert speech(this_week) == "Gewicht diese Woche: im Schnitt 81,3 Kilo, aus 2 Messungen."


# -- blood pressure, heart rate, vitals ----------------------------------------------------------------


def test_latest_blood_pressure(harness: Harness) -> None:
    harness.api.groups = [
        group(local(TODAY - DAY, 20, 0), {10: 125, 9: 83}),
        group(local(TODAY, 7, 30), {10: 120, 9: 80, 11: 64}),
    ]
    result = ask(harness, "BloodPressureIntent")
    assert (
        speech(result) == "120 over 80, with a pulse of 64 beats per minute, from your 7:30 AM reading today."
    )
    german = ask(harness, "BloodPressureIntent", locale="de-DE")
    assert speech(german) == "120 zu 80, Puls 64 Schläge pro Minute, laut deiner Messung heute um 7:30 Uhr."


def test_average_blood_pressure_last_week(harness: Harness) -> None:
    harness.api.groups = [
        group(local(TODAY.replace(day=17), 8), {10: 118, 9: 79}),
        group(local(TODAY.replace(day=19), 8), {10: 124, 9: 81}),
        group(local(TODAY, 8), {10: 140, 9: 90}),  # this week: not counted
    ]
    result = ask(harness, "BloodPressureIntent", {"date": "2026-W47"})
    assert speech(result) == "Your blood pressure averaged 121 over 80 last week, from 2 readings."


def test_heart_rate_from_a_reading_then_from_the_tracker(harness: Harness) -> None:
    harness.api.groups = [group(local(TODAY, 7, 12), {1: 80.0, 11: 61})]
    assert speech(ask(harness, "HeartRateIntent")) == "61 beats per minute, from your 7:12 AM reading today."
    harness.api.groups = []
    harness.api.activities = [activity(TODAY - DAY, 5000, hr_average=72)]
    result = ask(harness, "HeartRateIntent", {"date": "2026-11-25"})
    assert speech(result) == "Your average heart rate yesterday was 72 beats per minute, from your tracker."


def test_vitals_both_by_default(harness: Harness) -> None:
    harness.api.groups = [group(local(TODAY, 7, 0), {71: 37.0}), group(local(TODAY - DAY, 21, 0), {54: 97})]
    result = ask(harness, "VitalsIntent")
    assert speech(result) == (
        "Your temperature was 98.6 degrees Fahrenheit, from your 7:00 AM reading today. "
        "Your blood oxygen was 97 percent, from your reading yesterday at 9:00 PM."
    )
    only_spo2 = ask(harness, "VitalsIntent", {"metric": ResolvedSlot("oxygen", "SPO2")}, locale="en-GB")
    assert speech(only_spo2) == "Your blood oxygen was 97 percent, from your reading yesterday at 9:00 PM."


def test_no_vitals(harness: Harness) -> None:
    result = ask(harness, "VitalsIntent", {"metric": ResolvedSlot("temperature", "TEMPERATURE")})
    assert speech(result) == "I don't have any temperature readings in the last 90 days."


# -- workouts, digest, trends, goals ---------------------------------------------------------------------


def test_workouts_in_the_last_seven_days(harness: Harness) -> None:
    harness.api.workouts = [
        workout(TODAY - 10 * DAY, 7, "Swimming", 40),  # too old
        workout(TODAY.replace(day=23), 1, "Walk", 30),
        workout(TODAY - DAY, 2, "Run", 45),
    ]
    result = ask(harness, "WorkoutIntent")
    assert speech(result) == (
        "You did 2 workouts over the last 7 days: "
        "running for 45 minutes yesterday and walking for 30 minutes on Monday."
    )


def test_many_workouts_name_the_latest_three_and_unknown_categories_dont_crash(harness: Harness) -> None:
    harness.api.workouts = [workout(TODAY - d * DAY, 999, "Unknown", 20) for d in range(5)]
    result = ask(harness, "WorkoutIntent", locale="de-DE")
    assert speech(result).startswith(
        "Du hattest in den letzten 7 Tagen 5 Trainings. Die neuesten: heute 20 Minuten Training"
    )


def test_workouts_on_one_day_name_the_day_once(harness: Harness) -> None:
    harness.api.workouts = [workout(TODAY - DAY, 2, "Run", 45), workout(TODAY - DAY, 28, "Yoga", 20, hour=20)]
    result = ask(harness, "WorkoutIntent", {"date": "2026-11-25"})
    assert speech(result) == "You did 2 workouts yesterday: yoga for 20 minutes and running for 45 minutes."
    german = ask(harness, "WorkoutIntent", {"date": "2026-11-25"}, locale="de-DE")
    assert speech(german) == "Du hattest gestern 2 Trainings: 20 Minuten Yoga und 45 Minuten Laufen."


def _digest_data(h: Harness) -> None:
    h.api.activities = [activity(TODAY, 6240)]
    h.api.goals = Goals(steps=10000)
    h.api.sleeps = [night(TODAY, 7 * 3600 + 600)]
    h.api.groups = [group(local(TODAY, 7, 12), {1: 81.2})]


def test_digest_gives_three_items_and_offers_a_trend(harness: Harness) -> None:
    _digest_data(harness)
    result = ask(harness, "DailyDigestIntent")
    facts = (
        "You've taken 6,240 steps so far today, 62 percent of your 10,000 step goal. "
        "Last night you slept 7 hours 10 minutes. "
        "Your latest weight is 179 pounds, as of your 7:12 AM weigh-in."
    )
    assert speech(result) == facts + " Would you like your weight trend for the last 30 days?"
    assert card(result)["content"] == facts
    assert result["response"]["shouldEndSession"] is False
    assert result["sessionAttributes"]["offer"] == "WEIGHT_TREND"

    # "Yes" in the same session answers the offer.
    harness.api.groups.append(group(local(TODAY - 20 * DAY, 7, 0), {1: 82.4}))
    yes = intent_request("AMAZON.YesIntent", access_token=TOKEN, new_session=False)
    yes["session"]["attributes"] = result["sessionAttributes"]
    answer = harness.ask(yes)
    assert speech(answer) == (
        "Your weight went down 2.6 pounds over the last 30 days, from 181.7 pounds to 179 pounds. "
        "It averaged 180.3 pounds."
    )
    assert "offer" not in (answer.get("sessionAttributes") or {})


def test_one_failing_digest_part_does_not_sink_the_others(harness: Harness) -> None:
    from skill.withings.errors import ServiceError

    _digest_data(harness)
    harness.api.errors["get_sleep_summaries"] = ServiceError(None, "HTTP 502")
    text = speech(ask(harness, "DailyDigestIntent"))
    assert text.startswith("You've taken 6,240 steps so far today")
    assert "I couldn't get your sleep from Withings just now." in text
    assert "179 pounds" in text


def test_yes_without_an_offer_gets_help(harness: Harness) -> None:
    result = ask(harness, "AMAZON.YesIntent")
    assert speech(result).startswith("I can tell you about your Withings data.")


def test_weight_trend_this_month(harness: Harness) -> None:
    harness.api.groups = [
        group(local(TODAY.replace(day=1) - DAY, 7), {1: 90.0}),  # October: outside
        group(local(TODAY.replace(day=2), 7), {1: 82.0}),
        group(local(TODAY.replace(day=15), 7), {1: 81.0}),
        group(local(TODAY, 7), {1: 81.2}),
    ]
    result = ask(
        harness,
        "TrendIntent",
        {"period": "2026-11", "metric": ResolvedSlot("weight", "WEIGHT")},
        locale="de-DE",
    )
    assert speech(result) == (
        "Gewicht diesen Monat: 0,8 Kilo weniger, von 82 Kilo auf 81,2 Kilo. Im Schnitt 81,4 Kilo."
    )


def test_a_trend_with_one_reading_compares_it_with_the_last_one_before_and_says_so(harness: Harness) -> None:
    # "How has my weight changed this week" on a Monday-ish week with one weigh-in so far.
    harness.api.groups = [
        group(local(TODAY - 8 * DAY, 7), {1: 82.0}),
        group(local(TODAY - 5 * DAY, 7), {1: 81.5}),  # Saturday 21st: the last one before the week
        group(local(TODAY, 7), {1: 80.9}),
    ]
    result = ask(harness, "TrendIntent", {"period": "2026-W48", "metric": ResolvedSlot("weight", "WEIGHT")})
    assert speech(result) == (
        "I have one weight reading this week: 178.4 pounds, today. "
        "That's down 1.3 pounds from the last one before it, 179.7 pounds on Saturday."
    )
    assert harness.api.calls == ["get_measures", "get_measures"]  # the second only because of that


def test_a_trend_with_no_reading_names_the_last_one_before(harness: Harness) -> None:
    harness.api.groups = [group(local(TODAY - 5 * DAY, 7), {1: 81.5})]
    result = ask(harness, "TrendIntent", {"period": "2026-W48", "metric": ResolvedSlot("weight", "WEIGHT")})
    assert speech(result) == (
        "I don't have any weight readings this week. The last one before was 179.7 pounds, on Saturday."
    )


def test_a_trend_with_two_readings_makes_one_call(harness: Harness) -> None:
    harness.api.groups = [group(local(TODAY - DAY, 7), {1: 81.0}), group(local(TODAY, 7), {1: 80.9})]
    ask(harness, "TrendIntent", {"period": "2026-W48", "metric": ResolvedSlot("weight", "WEIGHT")})
    assert harness.api.calls == ["get_measures"]


def test_step_trend_compares_with_the_period_before(harness: Harness) -> None:
    # no period: the last 30 days (8,000 a day), compared with the 30 days before (7,000 a day)
    harness.api.activities = [activity(TODAY - d * DAY, 8000 if d < 30 else 7000) for d in range(60)]
    result = ask(harness, "TrendIntent", {"period": None, "metric": ResolvedSlot("steps", "STEPS")})
    assert speech(result) == (
        "You averaged 8,000 steps a day over the last 30 days. "
        "That's 1,000 steps more than the 30 days before."
    )
    assert harness.api.calls == ["get_activity"]  # both periods from one call


def test_average_sleep_last_week(harness: Harness) -> None:
    harness.api.sleeps = [night(TODAY.replace(day=d), 7 * 3600) for d in range(16, 23)]
    result = ask(harness, "AverageIntent", {"period": "2026-W47", "metric": ResolvedSlot("sleep", "SLEEP")})
    assert speech(result) == "You averaged 7 hours of sleep a night last week."
    assert card(result)["title"] == "Average"


def test_trend_without_data(harness: Harness) -> None:
    result = ask(harness, "TrendIntent", {"metric": ResolvedSlot("blood pressure", "BLOOD_PRESSURE")})
    assert speech(result) == "I don't have any blood pressure data over the last 30 days."


def test_step_goal(harness: Harness) -> None:
    harness.api.goals = Goals(steps=10000, sleep_s=8 * 3600, weight_kg=75.0)
    harness.api.activities = [activity(TODAY, 6240)]
    result = ask(harness, "GoalsIntent")
    assert (
        speech(result)
        == "Your step goal is 10,000 steps. You've taken 6,240 steps so far today, 62 percent of it."
    )
    harness.api.goals = Goals()
    assert speech(ask(harness, "GoalsIntent", {"metric": ResolvedSlot("sleep", "SLEEP")})) == (
        "You haven't set a sleep goal in the Withings app."
    )


# -- conversation ------------------------------------------------------------------------------------


def test_launch_welcomes_and_reprompts(harness: Harness) -> None:
    result = harness.ask(launch_request())
    assert "how did I sleep last night" in speech(result)
    assert result["response"]["reprompt"]["outputSpeech"]["ssml"].startswith("<speak>Try asking")
    assert result["response"]["shouldEndSession"] is False


def test_help_gives_examples_and_reprompts(harness: Harness) -> None:
    result = ask(harness, "AMAZON.HelpIntent", locale="de-DE")
    assert "Wie habe ich letzte Nacht geschlafen?" in speech(result)
    assert result["response"]["shouldEndSession"] is False
    assert card(result)["title"] == "Was du fragen kannst"


@pytest.mark.parametrize(
    "intent", ["AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent", "AMAZON.NoIntent"]
)
def test_stop_cancel_say_goodbye_and_end(harness: Harness, intent: str) -> None:
    result = ask(harness, intent)
    assert speech(result) == "Goodbye."
    assert result["response"]["shouldEndSession"] is True


def test_fallback_reprompts_with_examples(harness: Harness) -> None:
    result = ask(harness, "AMAZON.FallbackIntent", locale="en-GB")
    assert "how you slept last night" in speech(result)
    assert result["response"]["shouldEndSession"] is False


def test_prompts_need_no_account(harness: Harness) -> None:
    for event in (launch_request(), intent_request("AMAZON.HelpIntent"), intent_request("AMAZON.StopIntent")):
        response = harness.ask(event)["response"]
        assert response.get("card", {}).get("type") != "LinkAccount"
    assert harness.accounts.resolved == []


# -- time zone and deadline -------------------------------------------------------------------------------


def test_today_is_the_devices_day(harness: Harness) -> None:
    import responses

    # 06:00 UTC on the 26th is still the evening of the 25th in Los Angeles.
    harness.now = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
    harness.alexa.replace(
        responses.GET,
        harness.alexa.registered()[0].url,
        json="America/Los_Angeles",
    )
    harness.api.activities = [activity(TODAY, 100), activity(TODAY - DAY, 9100)]
    result = ask(harness, "ActivityIntent", device_id="amzn1.ask.device.LA")
    assert speech(result) == "You've taken 9,100 steps so far today."


def test_time_zone_falls_back_to_the_withings_records(harness: Harness) -> None:
    import responses

    harness.now = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
    harness.alexa.replace(responses.GET, harness.alexa.registered()[0].url, status=500)
    harness.api.timezone = "America/Los_Angeles"
    harness.api.activities = [activity(TODAY, 100), activity(TODAY - DAY, 9100)]
    result = ask(harness, "ActivityIntent", device_id="amzn1.ask.device.NOTZ")
    assert speech(result) == "You've taken 9,100 steps so far today."
    assert harness.api.calls[0] == "get_measures"  # the probe that found the zone


def test_every_withings_call_gets_its_timeout_from_the_request_deadline(harness: Harness) -> None:
    _digest_data(harness)
    ask(harness, "DailyDigestIntent")
    assert harness.api.deadlines
    assert all(0 < left <= REPLY_BUDGET_S for left in harness.api.deadlines)
    assert all(0 < left <= REPLY_BUDGET_S for left in harness.accounts.resolved)
