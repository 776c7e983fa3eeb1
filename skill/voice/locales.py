"""The locales the skill speaks: each has an interaction model and a speech catalogue.

Alexa's English, French, Spanish, Italian and German marketplaces where Withings sells (issue 12).
A request in a locale we don't list is answered in the closest one we have (`supported_locale`).
"""

from __future__ import annotations

from typing import Final

LOCALES: Final = (
    "en-US",
    "en-GB",
    "de-DE",
    "en-CA",
    "en-AU",
    "en-IN",
    "fr-FR",
    "fr-CA",
    "es-ES",
    "es-MX",
    "es-US",
    "it-IT",
)
DEFAULT_LOCALE: Final = "en-US"

# A language's locale for a region we don't list ("fr-CH" -> fr-FR, "es-AR" -> es-MX).
_LANGUAGE_DEFAULTS: Final = {"en": "en-US", "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "it": "it-IT"}
# Regions whose people write and speak like one of ours more than like the language's default.
_LATIN_AMERICA: Final = (
    "419",
    "AR",
    "BO",
    "CL",
    "CO",
    "CR",
    "CU",
    "DO",
    "EC",
    "GT",
    "HN",
    "NI",
    "PA",
    "PE",
    "PR",
)
_LATIN_AMERICA_MORE: Final = ("PY", "SV", "UY", "VE")
_REGION_LIKE: Final = {
    ("en", "IE"): "en-GB",
    ("en", "NZ"): "en-AU",
    ("en", "ZA"): "en-GB",
    **{("es", region): "es-MX" for region in _LATIN_AMERICA + _LATIN_AMERICA_MORE},
}


def supported_locale(locale: str | None) -> str:
    """The locale a request's locale is answered in: exact match, a near region, the language, en-US."""
    if locale in LOCALES:
        return locale
    parts = (locale or "").replace("_", "-").split("-")
    language = parts[0].lower()
    region = parts[1].upper() if len(parts) > 1 else ""
    canonical = f"{language}-{region}"
    if canonical in LOCALES:
        return canonical
    return _REGION_LIKE.get((language, region)) or _LANGUAGE_DEFAULTS.get(language, DEFAULT_LOCALE)
