"""The small HTML pages a person may see during linking: mobile-friendly, no JavaScript, no details."""

from __future__ import annotations

from html import escape
from typing import Final

# reason -> (title, what happened, what to do). Plain words; nothing from the request is echoed.
MESSAGES: Final[dict[str, tuple[str, str, str]]] = {
    "bad_client": (
        "This link request isn't valid",
        "The request didn't come from the Alexa app we expected.",
        "Open the Alexa app, go to the skill, and choose Link Account again.",
    ),
    "bad_request": (
        "This link request isn't complete",
        "Something the link needs was missing or malformed.",
        "Go back to the Alexa app and start linking again.",
    ),
    "expired": (
        "This link request has expired",
        "It was already used, or it took too long to come back from Withings.",
        "Go back to the Alexa app and start linking again.",
    ),
    "withings_unavailable": (
        "Withings isn't answering right now",
        "We couldn't reach Withings to link your account.",
        "Please wait a minute, then go back to the Alexa app and try linking again.",
    ),
    "withings_refused": (
        "Withings didn't accept the link",
        "Withings refused to connect your account this time.",
        "Go back to the Alexa app and try linking again. If it keeps failing, "
        "check that you approved access on the Withings page.",
    ),
    "server_error": (
        "Something went wrong on our side",
        "We couldn't finish linking your account.",
        "Please try again in a few minutes from the Alexa app.",
    ),
}

_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;padding:2rem 1rem;"
    "background:#f4f5f7;color:#1d1f23;line-height:1.5}"
    "main{max-width:30rem;margin:0 auto;background:#fff;border-radius:12px;padding:1.5rem;"
    "box-shadow:0 1px 3px rgba(0,0,0,.12)}"
    "h1{font-size:1.25rem;margin:0 0 .75rem}p{margin:.5rem 0}"
)


def render(reason: str) -> str:
    title, what, todo = MESSAGES.get(reason, MESSAGES["server_error"])
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main><h1>{escape(title)}</h1><p>{escape(what)}</p><p>{escape(todo)}</p></main>"
        "</body></html>\n"
    )
