"""Withings' workout category codes (getworkouts `category`) and the classic facade's name for each.

Source: Withings' OpenAPI `workout_object.category` (withings-api.md §3.5). The 455-568 tail is newer
and only partly confirmed: only codes a source names are listed. A code not listed is
WorkoutCategory.UNKNOWN, never an error; the workout keeps the code itself (Workout.category_code).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from skill.withings.codes import WithingsCode


class WorkoutCategory(WithingsCode):
    """getworkouts `category` codes; UNKNOWN for a code this table does not list."""

    UNKNOWN = -1
    WALK = 1
    RUN = 2
    HIKING = 3
    SKATING = 4
    BMX = 5
    BICYCLING = 6
    SWIMMING = 7
    SURFING = 8
    KITESURFING = 9
    WINDSURFING = 10
    BODYBOARD = 11
    TENNIS = 12
    TABLE_TENNIS = 13
    SQUASH = 14
    BADMINTON = 15
    LIFT_WEIGHTS = 16
    FITNESS = 17
    ELLIPTICAL = 18
    PILATES = 19
    BASKETBALL = 20
    SOCCER = 21
    FOOTBALL = 22
    RUGBY = 23
    VOLLEYBALL = 24
    WATER_POLO = 25
    HORSE_RIDING = 26
    GOLF = 27
    YOGA = 28
    DANCING = 29
    BOXING = 30
    FENCING = 31
    WRESTLING = 32
    MARTIAL_ARTS = 33
    SKIING = 34
    SNOWBOARDING = 35
    OTHER = 36
    NO_ACTIVITY = 128
    ROWING = 187
    ZUMBA = 188
    BASEBALL = 191
    HANDBALL = 192
    HOCKEY = 193
    ICE_HOCKEY = 194
    CLIMBING = 195
    ICE_SKATING = 196
    MULTI_SPORT = 272
    INDOOR_WALK = 306
    INDOOR_RUNNING = 307
    INDOOR_CYCLING = 308
    STAND_UP_PADDLEBOARDING = 455
    PADEL = 456
    TRAIL_RUNNING = 498
    PICKLEBALL = 510
    MOUNTAIN_BIKING = 523
    CROSSFIT = 546
    HIIT = 550
    MEDITATION = 551
    NORDIC_WALKING = 566


_C = WorkoutCategory
WORKOUT_NAMES: Mapping[WorkoutCategory, str] = MappingProxyType(
    {
        _C.WALK: "Walk",
        _C.RUN: "Run",
        _C.HIKING: "Hiking",
        _C.SKATING: "Skating",
        _C.BMX: "BMX",
        _C.BICYCLING: "Bicycling",
        _C.SWIMMING: "Swimming",
        _C.SURFING: "Surfing",
        _C.KITESURFING: "Kitesurfing",
        _C.WINDSURFING: "Windsurfing",
        _C.BODYBOARD: "Bodyboard",
        _C.TENNIS: "Tennis",
        _C.TABLE_TENNIS: "Table tennis",
        _C.SQUASH: "Squash",
        _C.BADMINTON: "Badminton",
        _C.LIFT_WEIGHTS: "Lift weights",
        _C.FITNESS: "Fitness",
        _C.ELLIPTICAL: "Elliptical",
        _C.PILATES: "Pilates",
        _C.BASKETBALL: "Basketball",
        _C.SOCCER: "Soccer",
        _C.FOOTBALL: "Football",
        _C.RUGBY: "Rugby",
        _C.VOLLEYBALL: "Volleyball",
        _C.WATER_POLO: "Water polo",
        _C.HORSE_RIDING: "Horse riding",
        _C.GOLF: "Golf",
        _C.YOGA: "Yoga",
        _C.DANCING: "Dancing",
        _C.BOXING: "Boxing",
        _C.FENCING: "Fencing",
        _C.WRESTLING: "Wrestling",
        _C.MARTIAL_ARTS: "Martial arts",
        _C.SKIING: "Skiing",
        _C.SNOWBOARDING: "Snowboarding",
        _C.OTHER: "Other",
        _C.NO_ACTIVITY: "No activity",
        _C.ROWING: "Rowing",
        _C.ZUMBA: "Zumba",
        _C.BASEBALL: "Baseball",
        _C.HANDBALL: "Handball",
        _C.HOCKEY: "Hockey",
        _C.ICE_HOCKEY: "Ice hockey",
        _C.CLIMBING: "Climbing",
        _C.ICE_SKATING: "Ice skating",
        _C.MULTI_SPORT: "Multi-sport",
        _C.INDOOR_WALK: "Indoor walk",
        _C.INDOOR_RUNNING: "Indoor running",
        _C.INDOOR_CYCLING: "Indoor cycling",
        _C.STAND_UP_PADDLEBOARDING: "Stand-up paddleboarding",
        _C.PADEL: "Padel",
        _C.TRAIL_RUNNING: "Trail running",
        _C.PICKLEBALL: "Pickleball",
        _C.MOUNTAIN_BIKING: "Mountain biking",
        _C.CROSSFIT: "CrossFit",
        _C.HIIT: "HIIT",
        _C.MEDITATION: "Meditation",
        _C.NORDIC_WALKING: "Nordic walking",
    }
)
del _C

# The classic facade's name for a workout whose category is not in the table.
UNKNOWN_NAME = "Workout"


def workout_name(code: int) -> str:
    """The classic facade's name for a raw category code ("Walk", "Swimming"; "Workout" if unlisted)."""
    return WORKOUT_NAMES.get(WorkoutCategory(code), UNKNOWN_NAME)
