"""The small HTML pages a person may see during linking: mobile-friendly, no JavaScript, no details.

In the person's language (skill.linking.languages, from Accept-Language): each language's words are
in page_texts/<language>.json, read once per container when a page is first shown. Every string is
escaped; nothing from the request is echoed.
"""

from __future__ import annotations

import json
import os.path
from functools import lru_cache
from html import escape
from typing import Final

from skill.linking.languages import DEFAULT, LANGUAGES

_DIR: Final = os.path.join(os.path.dirname(os.path.abspath(__file__)), "page_texts")
REASONS: Final = (
    "bad_client",
    "bad_request",
    "expired",
    "withings_unavailable",
    "withings_refused",
    "server_error",
)

_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;padding:2rem 1rem;"
    "background:#f4f5f7;color:#1d1f23;line-height:1.5}"
    "main{max-width:30rem;margin:0 auto;background:#fff;border-radius:12px;padding:1.5rem;"
    "box-shadow:0 1px 3px rgba(0,0,0,.12)}"
    "h1{font-size:1.25rem;margin:0 0 .75rem}p{margin:.5rem 0}"
)


@lru_cache(maxsize=len(LANGUAGES))
def messages(language: str) -> dict[str, tuple[str, str, str]]:
    """reason -> (title, what happened, what to do), in `language` (English for one we don't have)."""
    if language not in LANGUAGES:
        language = DEFAULT
    with open(os.path.join(_DIR, f"{language}.json"), encoding="utf-8") as f:
        raw = json.load(f)
    return {reason: (str(t), str(w), str(d)) for reason, (t, w, d) in raw["pages"].items()}


def render(reason: str, language: str = DEFAULT) -> str:
    texts = messages(language)
    title, what, todo = texts.get(reason, texts["server_error"])
    lang = language if language in LANGUAGES else DEFAULT
    return (
        "<!doctype html>\n"
        f'<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main><h1>{escape(title)}</h1><p>{escape(what)}</p><p>{escape(todo)}</p></main>"
        "</body></html>\n"
    )
