"""Pure functions from a Withings response body to immutable records.

Tolerant by design: unknown codes pass through (the records keep them, their enums read UNKNOWN),
missing optional fields become None, and a record missing what it cannot do without is skipped. Only
a body of the wrong shape (not an object, a list field that is not a list) raises ServiceError.
Nothing here logs values. One module per concern: `scalars` (field coercion), `measures` (getmeas,
the hot path), `daily` (activity, sleep, workouts, goals).
"""

from __future__ import annotations

from skill.withings.parse.daily import (
    parse_activities,
    parse_goals,
    sleep_summaries_with_data,
    workouts_with_data,
)
from skill.withings.parse.measures import MeasuresBuilder, parse_measures

__all__ = [
    "MeasuresBuilder",
    "parse_activities",
    "parse_goals",
    "parse_measures",
    "sleep_summaries_with_data",
    "workouts_with_data",
]
