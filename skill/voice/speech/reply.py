"""What a handler hands back: the plain-text reply and how the session continues."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# Outcomes, logged once per request and used as the metric dimension.
ANSWERED: Final = "answered"
NO_DATA: Final = "no_data"
PROMPT: Final = "prompt"  # launch, help, fallback, goodbye
LINK_PROMPT: Final = "link_prompt"
UNKNOWN: Final = "unknown_request"


@dataclass(frozen=True)
class Reply:
    text: str  # plain text, unescaped: speech/ssml.py escapes it once
    card_title: str | None = None  # a SimpleCard with the same facts; None for no card
    card_text: str | None = None  # defaults to `text`
    reprompt: str | None = None  # keeps the session open
    end_session: bool = True
    link_account: bool = False  # a LinkAccount card instead of a SimpleCard
    outcome: str = ANSWERED
    offer: str | None = None  # a follow-up a "yes" accepts (kept in the session attributes)
