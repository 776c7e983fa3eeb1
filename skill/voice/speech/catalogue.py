"""Every user-facing string, per locale, from one JSON file each; loaded once per container.

A catalogue has `settings` (number separators and the unit systems people expect in that locale)
and `messages` (str.format templates with named placeholders). tests/unit/voice checks that every
message exists in every locale with the same placeholders, so a missing translation fails a test,
not a live reply.
"""

from __future__ import annotations

import json
import os.path
import string
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from skill.voice.locales import DEFAULT_LOCALE, LOCALES

# os.path rather than pathlib: this module loads on every cold start, pathlib costs ~1.5 ms more.
_DIR: Final = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locales")

SETTING_KEYS: Final = ("decimal", "group", "weight", "mass", "distance", "temperature", "clock")


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


def supported_locale(locale: str | None) -> str:
    """The catalogue a request's locale uses: exact match, else same language, else en-US."""
    if locale in LOCALES:
        return locale
    language = (locale or "").split("-")[0].lower()
    for candidate in LOCALES:
        if candidate.split("-")[0] == language:
            return candidate
    return DEFAULT_LOCALE


def placeholders(template: str) -> frozenset[str]:
    """The named fields of a str.format template."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


@lru_cache(maxsize=len(LOCALES))
def _load(locale: str) -> Catalogue:
    with open(os.path.join(_DIR, f"{locale}.json"), encoding="utf-8") as f:
        raw = json.load(f)
    settings = {k: str(v) for k, v in raw["settings"].items()}
    messages = {k: str(v) for k, v in raw["messages"].items()}
    return Catalogue(locale, MappingProxyType(settings), MappingProxyType(messages))


def load(locale: str | None) -> Catalogue:
    """The catalogue for a request's locale (cached for the container's lifetime)."""
    return _load(supported_locale(locale))
