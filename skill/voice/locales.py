"""The locales the skill speaks: each has an interaction model and a speech catalogue."""

from __future__ import annotations

from typing import Final

LOCALES: Final = ("en-US", "en-GB", "de-DE")
DEFAULT_LOCALE: Final = "en-US"
