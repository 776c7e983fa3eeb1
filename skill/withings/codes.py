"""The base of the Withings code enums: a code the enum does not list reads as its UNKNOWN member.

Withings adds codes often (measure types, attribs, workout categories): a new one must never crash
a reply. The records keep the code itself beside the enum, so nothing is lost.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any


class WithingsCode(IntEnum):
    """Subclasses list the codes and an `UNKNOWN = -1` member (no code Withings sends)."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        return cls["UNKNOWN"]
