"""What a handler hands back: the plain-text reply and how the session continues."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from skill.voice.vocabulary import Offer, Outcome

if TYPE_CHECKING:
    from ask_sdk_model.interfaces.alexa.presentation.apl.render_document_directive import (
        RenderDocumentDirective,
    )


class Reply(NamedTuple):
    """Immutable; a NamedTuple rather than a dataclass because every request defines it at cold start."""

    text: str  # plain text, unescaped: speech/ssml.py escapes it once
    card_title: str | None = None  # a SimpleCard with the same facts; None for no card
    card_text: str | None = None  # defaults to `text`
    reprompt: str | None = None  # keeps the session open
    end_session: bool = True
    link_account: bool = False  # a LinkAccount card instead of a SimpleCard
    outcome: str = Outcome.ANSWERED  # an Outcome: the request's log line and metric dimension
    offer: Offer | None = None  # a follow-up a "yes" accepts (kept in the session attributes)
    # A picture for a device with a screen: handlers add it (handlers/screen.py), never speech.
    screen: RenderDocumentDirective | None = None
