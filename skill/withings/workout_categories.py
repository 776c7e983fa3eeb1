"""Withings' workout category codes (getworkouts `category`), named as the classic facade named them.

Source: Withings' OpenAPI `workout_object.category` (withings-api.md §3.5). The 455-568 tail is newer
and only partly confirmed; codes not listed become WorkoutCategory(code, "Workout", known=False).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from skill.withings.models import WorkoutCategory

_TABLE: tuple[tuple[int, str], ...] = (
    (1, "Walk"),
    (2, "Run"),
    (3, "Hiking"),
    (4, "Skating"),
    (5, "BMX"),
    (6, "Bicycling"),
    (7, "Swimming"),
    (8, "Surfing"),
    (9, "Kitesurfing"),
    (10, "Windsurfing"),
    (11, "Bodyboard"),
    (12, "Tennis"),
    (13, "Table tennis"),
    (14, "Squash"),
    (15, "Badminton"),
    (16, "Lift weights"),
    (17, "Fitness"),
    (18, "Elliptical"),
    (19, "Pilates"),
    (20, "Basketball"),
    (21, "Soccer"),
    (22, "Football"),
    (23, "Rugby"),
    (24, "Volleyball"),
    (25, "Water polo"),
    (26, "Horse riding"),
    (27, "Golf"),
    (28, "Yoga"),
    (29, "Dancing"),
    (30, "Boxing"),
    (31, "Fencing"),
    (32, "Wrestling"),
    (33, "Martial arts"),
    (34, "Skiing"),
    (35, "Snowboarding"),
    (36, "Other"),
    (128, "No activity"),
    (187, "Rowing"),
    (188, "Zumba"),
    (191, "Baseball"),
    (192, "Handball"),
    (193, "Hockey"),
    (194, "Ice hockey"),
    (195, "Climbing"),
    (196, "Ice skating"),
    (272, "Multi-sport"),
    (306, "Indoor walk"),
    (307, "Indoor running"),
    (308, "Indoor cycling"),
    # The newer tail: only codes a source names (withings-api.md §3.5).
    (455, "Stand-up paddleboarding"),
    (456, "Padel"),
    (498, "Trail running"),
    (510, "Pickleball"),
    (523, "Mountain biking"),
    (546, "CrossFit"),
    (550, "HIIT"),
    (551, "Meditation"),
    (566, "Nordic walking"),
)

WORKOUT_CATEGORIES: Mapping[int, WorkoutCategory] = MappingProxyType(
    {code: WorkoutCategory(code, name) for code, name in _TABLE}
)


def workout_category(code: int) -> WorkoutCategory:
    """The category for a code; a generic "Workout" (known=False) for codes this table does not list."""
    found = WORKOUT_CATEGORIES.get(code)
    return found if found is not None else WorkoutCategory(code, "Workout", known=False)
