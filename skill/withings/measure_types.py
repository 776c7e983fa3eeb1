"""Withings' measure type codes (getmeas `meastype`) and the classic facade's name and unit for each.

Source: Withings' OpenAPI getmeas table (withings-api.md §3.2), plus 158/159/197/198 from older pages.
Withings adds codes often: a code this table does not list is MeasurementType.UNKNOWN, never an error,
and the records keep the code itself (Measure.type_code) beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from skill.withings.codes import WithingsCode


class MeasurementType(WithingsCode):
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
    PULSE_WAVE_VELOCITY = 91
    VO2_MAX = 123
    ATRIAL_FIBRILLATION = 130
    QRS_INTERVAL = 135
    PR_INTERVAL = 136
    QT_INTERVAL = 137
    CORRECTED_QT_INTERVAL = 138
    ATRIAL_FIBRILLATION_PPG = 139
    VASCULAR_AGE = 155
    NERVE_HEALTH_SCORE_LEFT_FOOT = 158
    NERVE_HEALTH_SCORE_RIGHT_FOOT = 159
    NERVE_HEALTH_SCORE = 167
    EXTRACELLULAR_WATER = 168
    INTRACELLULAR_WATER = 169
    VISCERAL_FAT = 170
    FAT_FREE_MASS_SEGMENTS = 173
    FAT_MASS_SEGMENTS = 174
    MUSCLE_MASS_SEGMENTS = 175
    ELECTRODERMAL_ACTIVITY_FEET = 196
    ELECTRODERMAL_ACTIVITY_LEFT_FOOT = 197
    ELECTRODERMAL_ACTIVITY_RIGHT_FOOT = 198
    BASAL_METABOLIC_RATE = 226
    METABOLIC_AGE = 227
    ELECTROCHEMICAL_SKIN_CONDUCTANCE = 229


class MeasureInfo(NamedTuple):
    name: str  # the classic facade's name, e.g. "Weight", "Fat mass weight", "Systolic blood pressure"
    unit: str  # "kg", "%", "mmHg", "bpm", "°C", "m/s", "ml/min/kg", "" for unitless/unknown


_T = MeasurementType
MEASURE_INFO: Mapping[MeasurementType, MeasureInfo] = MappingProxyType(
    {
        _T.WEIGHT: MeasureInfo("Weight", "kg"),
        _T.HEIGHT: MeasureInfo("Height", "m"),
        _T.FAT_FREE_MASS: MeasureInfo("Fat free mass", "kg"),
        _T.FAT_RATIO: MeasureInfo("Fat ratio", "%"),
        _T.FAT_MASS: MeasureInfo("Fat mass weight", "kg"),
        _T.DIASTOLIC_BP: MeasureInfo("Diastolic blood pressure", "mmHg"),
        _T.SYSTOLIC_BP: MeasureInfo("Systolic blood pressure", "mmHg"),
        _T.HEART_PULSE: MeasureInfo("Heart rate", "bpm"),
        _T.TEMPERATURE: MeasureInfo("Temperature", "°C"),
        _T.SPO2: MeasureInfo("SpO2", "%"),
        _T.BODY_TEMPERATURE: MeasureInfo("Body temperature", "°C"),
        _T.SKIN_TEMPERATURE: MeasureInfo("Skin temperature", "°C"),
        _T.MUSCLE_MASS: MeasureInfo("Muscle mass", "kg"),
        # The OpenAPI says kg, although several clients label it %.
        _T.HYDRATION: MeasureInfo("Hydration", "kg"),
        _T.BONE_MASS: MeasureInfo("Bone mass", "kg"),
        _T.PULSE_WAVE_VELOCITY: MeasureInfo("Pulse wave velocity", "m/s"),
        _T.VO2_MAX: MeasureInfo("VO2 max", "ml/min/kg"),
        # A classification code, not a quantity.
        _T.ATRIAL_FIBRILLATION: MeasureInfo("Atrial fibrillation result", ""),
        _T.QRS_INTERVAL: MeasureInfo("QRS interval", "ms"),
        _T.PR_INTERVAL: MeasureInfo("PR interval", "ms"),
        _T.QT_INTERVAL: MeasureInfo("QT interval", "ms"),
        _T.CORRECTED_QT_INTERVAL: MeasureInfo("Corrected QT interval", "ms"),
        _T.ATRIAL_FIBRILLATION_PPG: MeasureInfo("Atrial fibrillation result from PPG", ""),
        _T.VASCULAR_AGE: MeasureInfo("Vascular age", "years"),
        _T.NERVE_HEALTH_SCORE_LEFT_FOOT: MeasureInfo("Nerve health score left foot", ""),
        _T.NERVE_HEALTH_SCORE_RIGHT_FOOT: MeasureInfo("Nerve health score right foot", ""),
        _T.NERVE_HEALTH_SCORE: MeasureInfo("Nerve health score", ""),
        _T.EXTRACELLULAR_WATER: MeasureInfo("Extracellular water", "kg"),
        _T.INTRACELLULAR_WATER: MeasureInfo("Intracellular water", "kg"),
        _T.VISCERAL_FAT: MeasureInfo("Visceral fat", ""),
        _T.FAT_FREE_MASS_SEGMENTS: MeasureInfo("Fat free mass for segments", "kg"),
        _T.FAT_MASS_SEGMENTS: MeasureInfo("Fat mass for segments", "kg"),
        _T.MUSCLE_MASS_SEGMENTS: MeasureInfo("Muscle mass for segments", "kg"),
        _T.ELECTRODERMAL_ACTIVITY_FEET: MeasureInfo("Electrodermal activity feet", ""),
        _T.ELECTRODERMAL_ACTIVITY_LEFT_FOOT: MeasureInfo("Electrodermal activity left foot", ""),
        _T.ELECTRODERMAL_ACTIVITY_RIGHT_FOOT: MeasureInfo("Electrodermal activity right foot", ""),
        _T.BASAL_METABOLIC_RATE: MeasureInfo("Basal metabolic rate", "kcal"),
        _T.METABOLIC_AGE: MeasureInfo("Metabolic age", "years"),
        _T.ELECTROCHEMICAL_SKIN_CONDUCTANCE: MeasureInfo("Electrochemical skin conductance", ""),
    }
)
del _T


def measure_info(code: int) -> MeasureInfo:
    """Name and unit for a raw code; a generic name with the code in it for codes not in the table."""
    found = MEASURE_INFO.get(MeasurementType(code))
    return found if found is not None else MeasureInfo(f"Measure type {code}", "")
