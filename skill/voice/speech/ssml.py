"""Plain reply text → valid SSML within Alexa's limits.

The SDK's speak() wraps text in <speak> but escapes nothing, so a "&" in a device name or workout
label would make the whole response invalid (alexa-notes.md §1.4). Replies are plain text until
here; this is the one place that escapes them. Alexa rejects output speech over 8,000 characters
and a card whose title and content exceed 8,000 together (§3.4).
"""

from __future__ import annotations

from typing import Final

MAX_SSML_CHARS: Final = 8000
MAX_CARD_CHARS: Final = 8000
_WRAPPER: Final = len("<speak></speak>")
_ELLIPSIS: Final = "…"


def escape(text: str) -> str:
    """&, < and > as XML entities (by hand: xml.sax.saxutils costs ~40 ms of cold import)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _shorten(text: str, limit: int) -> str:
    """Cut at the last sentence end that fits (else the last space), never mid-word."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(_ELLIPSIS)]
    for end in (". ", "! ", "? "):
        idx = cut.rfind(end)
        if idx > limit // 2:
            return cut[: idx + 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut) + _ELLIPSIS


def to_ssml(text: str) -> str:
    """<speak>escaped text</speak>, at most MAX_SSML_CHARS characters."""
    plain = text.strip()
    escaped = escape(plain)
    budget = MAX_SSML_CHARS - _WRAPPER
    limit = budget
    while len(escaped) > budget:
        # Escapes only lengthen the text: shorten the plain text by the overflow and try again.
        limit -= max(len(escaped) - budget, 1)
        escaped = escape(_shorten(plain, limit))
    return f"<speak>{escaped}</speak>"


def card_text(title: str, content: str) -> tuple[str, str]:
    """A SimpleCard's (title, content) within the combined limit (plain text: no escaping)."""
    title = title.strip()[:200]
    return title, _shorten(content.strip(), MAX_CARD_CHARS - len(title))
