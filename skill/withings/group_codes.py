"""The two codes of a getmeas measure group: its category and its attribution (withings-api.md §3.2).

A code these enums do not list is UNKNOWN, never an error; the group keeps the code itself beside it.
"""

from __future__ import annotations

from skill.withings.codes import WithingsCode


class MeasureCategory(WithingsCode):
    """getmeas `category`: what a group holds."""

    UNKNOWN = -1
    REAL = 1  # measured
    USER_OBJECTIVE = 2  # a goal the user set


class Attribution(WithingsCode):
    """getmeas `attrib`: how a group came to be this user's, and so whether it can be trusted."""

    UNKNOWN = -1
    DEVICE = 0  # captured by a device, unambiguously this user
    DEVICE_AMBIGUOUS = 1  # captured by a device, may be another user's
    MANUAL = 2  # entered by hand for this user
    MANUAL_AT_CREATION = 4  # entered while creating the account: may be inaccurate
    AUTO = 5  # "measure auto", blood pressure monitors only
    CONFIRMED = 7  # confirmed by the user
    DEVICE_ALSO = 8  # documented as the same as 0
    GUIDED = 15  # taken under guided conditions (Nerve Health Score)

    @property
    def ambiguous(self) -> bool:
        """Maybe not this user's, or maybe not accurate: "your latest weight" skips these."""
        return self in AMBIGUOUS


# IntEnum members hash and compare as their ints, so a raw code can be looked up here directly.
AMBIGUOUS: frozenset[Attribution] = frozenset({Attribution.DEVICE_AMBIGUOUS, Attribution.MANUAL_AT_CREATION})
