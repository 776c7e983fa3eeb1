"""Withings' measure type codes (getmeas `meastype`), named as the classic facade named them.

Source: Withings' OpenAPI getmeas table (withings-api.md §3.2), plus 158/159/197/198 from older pages.
Withings adds codes often; an unknown one becomes a MeasureType with a generic name and known=False,
never an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from types import MappingProxyType

from skill.withings.models import MeasureType


class MeasurementType(IntEnum):
    """getmeas `meastype` codes; UNKNOWN for a code this table does not list (Withings adds them)."""

    UNKNOWN = -1
    WEIGHT = 1
    HEIGHT = 4
    FAT_FREE_MASS = 5
    FAT_RATIO = 6
    FAT_MASS = 8
    DIASTOLIC_BP = 9
    SYSTOLIC_BP = 10
    HEART_PULSE = 11
    TEMPERATURE = 12
    SPO2 = 54
    BODY_TEMPERATURE = 71
    SKIN_TEMPERATURE = 73
    MUSCLE_MASS = 76
    HYDRATION = 77
    BONE_MASS = 88

    @classmethod
    def _missing_(cls, value: object) -> MeasurementType:
        return cls.UNKNOWN


_TABLE: tuple[tuple[int, str, str], ...] = (
    (1, "Weight", "kg"),
    (4, "Height", "m"),
    (5, "Fat free mass", "kg"),
    (6, "Fat ratio", "%"),
    (8, "Fat mass weight", "kg"),
    (9, "Diastolic blood pressure", "mmHg"),
    (10, "Systolic blood pressure", "mmHg"),
    (11, "Heart rate", "bpm"),
    (12, "Temperature", "°C"),
    (54, "SpO2", "%"),
    (71, "Body temperature", "°C"),
    (73, "Skin temperature", "°C"),
    (76, "Muscle mass", "kg"),
    (77, "Hydration", "kg"),  # the OpenAPI says kg, although several clients label it %
    (88, "Bone mass", "kg"),
    (91, "Pulse wave velocity", "m/s"),
    (123, "VO2 max", "ml/min/kg"),
    (130, "Atrial fibrillation result", ""),  # a classification code, not a quantity
    (135, "QRS interval", "ms"),
    (136, "PR interval", "ms"),
    (137, "QT interval", "ms"),
    (138, "Corrected QT interval", "ms"),
    (139, "Atrial fibrillation result from PPG", ""),
    (155, "Vascular age", "years"),
    (158, "Nerve health score left foot", ""),
    (159, "Nerve health score right foot", ""),
    (167, "Nerve health score", ""),
    (168, "Extracellular water", "kg"),
    (169, "Intracellular water", "kg"),
    (170, "Visceral fat", ""),
    (173, "Fat free mass for segments", "kg"),
    (174, "Fat mass for segments", "kg"),
    (175, "Muscle mass for segments", "kg"),
    (196, "Electrodermal activity feet", ""),
    (197, "Electrodermal activity left foot", ""),
    (198, "Electrodermal activity right foot", ""),
    (226, "Basal metabolic rate", "kcal"),
    (227, "Metabolic age", "years"),
    (229, "Electrochemical skin conductance", ""),
)

MEASURE_TYPES: Mapping[int, MeasureType] = MappingProxyType(
    {code: MeasureType(code, name, unit) for code, name, unit in _TABLE}
)

# Unknown codes repeat within a response; building their record once keeps parsing cheap.
_unknown: dict[int, MeasureType] = {}


def measure_type(code: int) -> MeasureType:
    """The type for a code; a generic, known=False type for codes this table does not list."""
    found = MEASURE_TYPES.get(code)
    if found is not None:
        return found
    unknown = _unknown.get(code)
    if unknown is None:
        unknown = MeasureType(code, f"Measure type {code}", "", known=False)
        if len(_unknown) < 1024:  # bounded: codes come from the network
            _unknown[code] = unknown
    return unknown
