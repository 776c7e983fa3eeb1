"""The language of the linking pages, chosen from the browser's Accept-Language (RFC 9110 §12.5.4).

Tags are weighed by their q-value (default 1; q=0 means "not this one"), ties keep the browser's
order, a regional tag falls back to its language (fr-CH -> fr), and English is the fallback. Only
the pages' languages are offered: the skill's locales' languages (page_texts/*.json).
"""

from __future__ import annotations

from typing import Final

LANGUAGES: Final = ("en", "de", "fr", "es", "it")
DEFAULT: Final = "en"
_MAX_HEADER = 1024  # a real header is a few dozen characters; a longer one is read no further


def _quality(params: list[str]) -> float | None:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                q = float(value.strip())
            except ValueError:
                return None
            return q if 0.0 <= q <= 1.0 else None
    return 1.0


def choose(accept_language: str | None) -> str:
    """The page language for an Accept-Language header value (None or garbage: English)."""
    ranked: list[tuple[float, int, str]] = []
    for index, item in enumerate((accept_language or "")[:_MAX_HEADER].split(",")):
        tag, *params = item.strip().split(";")
        q = _quality(params)
        if q is None or q == 0.0 or not tag.strip():
            continue
        ranked.append((-q, index, tag.strip().lower()))
    for _, _, tag in sorted(ranked):
        if tag == "*":
            return DEFAULT
        language = tag.split("-", 1)[0]
        if language in LANGUAGES:
            return language
    return DEFAULT
