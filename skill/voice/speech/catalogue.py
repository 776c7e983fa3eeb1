"""Every user-facing string, per locale, from one JSON file each; loaded once per container.

A catalogue has `settings` (number separators and the unit systems people expect in that locale)
and `messages` (str.format templates with named placeholders). A regional catalogue may name the
catalogue it `extends` (en-CA extends en-US, fr-CA fr-FR, es-US es-MX) and hold only what differs:
one place per language, and a message added to the parent reaches the region at once.
tests/unit/voice checks that every message exists in every locale with the same placeholders, so a
missing translation fails a test, not a live reply; tests/unit/voice/test_cldr.py checks the
settings against CLDR (Babel, a test-only dependency: the runtime reads the settings, see there why).
"""

from __future__ import annotations

import json
import os.path
import string
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from skill.voice.locales import LOCALES, supported_locale

__all__ = [
    "OPTIONAL_PLACEHOLDERS",
    "SETTING_KEYS",
    "Catalogue",
    "load",
    "placeholder_mismatch",
    "placeholders",
    "read_raw",
    "supported_locale",
]

# os.path rather than pathlib: this module loads on every cold start, pathlib costs ~1.5 ms more.
_DIR: Final = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locales")

SETTING_KEYS: Final = (
    "decimal",  # the decimal separator in cards
    "group",  # the thousands separator in cards
    "grouping",  # "3" (1,234,567) or "3,2" (Indian: 12,34,567)
    "plural",  # which numbers take the `.one` form: "one" (exactly 1) or "below_two" (French: 0 to <2)
    "speech_numbers",  # "as_written" (the TTS reads the card's form) or "digits" (no group, decimal said)
    "weight",  # body weight: "lb", "st" (stone and pounds) or "kg"
    "mass",  # smaller masses and changes: "lb" or "kg"
    "distance",  # "mi" or "km"
    "temperature",  # "F" or "C"
    "clock",  # "12" (with time.am/pm), "12b" (with the day's periods, time.period.N) or "24"
    "day_periods",  # the hours time.period.0..3 start at ("6,12,18,21"), for the "12b" clock
)
# Placeholders a locale may use or leave out: the code always passes them. A date with its weekday
# ("le lundi 3 mars") in French, Spanish and Italian, so a workout row's weekday too, which the
# date already says there; a season's year where the language can't say "last spring" without
# knowing the season's gender ("durante la primavera de 2026").
OPTIONAL_PLACEHOLDERS: Final = {
    "date.day_month": frozenset({"weekday"}),
    "date.day_month_year": frozenset({"weekday"}),
    "screen.workouts.day": frozenset({"weekday"}),
    "when.this_season": frozenset({"year"}),
    "when.last_season": frozenset({"year"}),
}


class Catalogue(NamedTuple):
    """One locale's settings and messages (a NamedTuple: immutable, and cheap to define at cold start)."""

    locale: str
    settings: Mapping[str, str]
    messages: Mapping[str, str]

    def __call__(self, key: str, /, **values: Any) -> str:
        """The message `key` with its placeholders filled in (KeyError for an unknown key)."""
        return self.messages[key].format_map(values)

    def setting(self, name: str) -> str:
        return self.settings[name]


def placeholders(template: str) -> frozenset[str]:
    """The named fields of a str.format template."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def placeholder_mismatch(key: str, template: str, reference: str) -> str | None:
    """What is wrong with a translation's placeholders against the reference's, or None.

    The same names, less those OPTIONAL_PLACEHOLDERS lets a locale use or leave out.
    """
    optional = OPTIONAL_PLACEHOLDERS.get(key, frozenset())
    mine, wanted = placeholders(template), placeholders(reference)
    if mine - optional == wanted - optional and mine <= wanted | optional:
        return None
    missing, extra = sorted(wanted - mine - optional), sorted(mine - wanted - optional)
    return f"placeholders differ: missing {missing}, unknown {extra}"


def read_raw(locale: str) -> dict[str, Any]:
    """One catalogue file as written (its own settings and messages, and what it extends)."""
    with open(os.path.join(_DIR, f"{locale}.json"), encoding="utf-8") as f:
        raw: dict[str, Any] = json.load(f)
    return raw


@lru_cache(maxsize=len(LOCALES))
def _load(locale: str) -> Catalogue:
    raw = read_raw(locale)
    settings: dict[str, str] = {}
    messages: dict[str, str] = {}
    parent = raw.get("extends")
    if parent:
        base = _load(str(parent))
        settings.update(base.settings)
        messages.update(base.messages)
    settings.update({k: str(v) for k, v in raw.get("settings", {}).items()})
    messages.update({k: str(v) for k, v in raw.get("messages", {}).items()})
    return Catalogue(locale, MappingProxyType(settings), MappingProxyType(messages))


def load(locale: str | None) -> Catalogue:
    """The catalogue for a request's locale (cached for the container's lifetime)."""
    return _load(supported_locale(locale))
