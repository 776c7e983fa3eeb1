"""A picture beside the answer, for a device with a screen: built only when the device renders APL.

The spoken reply is the same either way. Building the picture must never cost the answer: a failure
there is logged (the exception's type, `screen_error`) and the reply goes out without a picture; so
does a picture that would take the response past Alexa's 24 KB (`screen_dropped`). Pictures are
bounded far below that (benchmarks/screens.py), the check makes it a guarantee whatever is said.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from skill.voice import context
from skill.voice.screens.support import supports_apl

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput

    from skill.voice.screens.records import Screen
    from skill.voice.speech.reply import Reply

MAX_RESPONSE_BYTES: Final = 24 * 1024  # Alexa's limit on a whole response
# The response around speech, card and directive: version, session attributes, JSON keys. Generous:
# today's session attributes are a few dozen bytes.
_ENVELOPE_BYTES: Final = 2048


def wants_screen(handler_input: HandlerInput) -> bool:
    return supports_apl(handler_input)


def with_screen(handler_input: HandlerInput, reply: Reply, picture: Callable[[], Screen | None]) -> Reply:
    """`reply` with the picture `picture()` draws, when the device renders APL and there is one."""
    if not supports_apl(handler_input):
        return reply
    try:
        screen = picture()
        if screen is None:
            return reply
        from skill.voice.screens.directive import render_document

        directive = render_document(screen)
        estimate = response_bytes(reply, directive)
    except Exception as exc:  # a bug in a picture: say where in the log (no values), still answer
        context.add_log_fields(handler_input, screen_error=type(exc).__name__, screen_origin=_origin(exc))
        return reply
    if estimate > MAX_RESPONSE_BYTES:
        context.add_log_fields(handler_input, screen_dropped=estimate)
        return reply
    context.add_log_fields(handler_input, screen=str(screen.picture))
    return reply._replace(screen=directive)


def response_bytes(reply: Reply, directive: Any) -> int:
    """An upper estimate of the response's size with `directive`: its JSON, the words twice (speech,
    SSML-escaped, and the card), the reprompt, and the envelope around them."""
    picture = json.dumps({"document": directive.document, "datasources": directive.datasources})
    words = len(reply.text.encode()) * 6 // 5 + len((reply.card_text or reply.text).encode())
    return len(picture.encode()) + words + len((reply.reprompt or "").encode()) * 6 // 5 + _ENVELOPE_BYTES


def _origin(exc: BaseException) -> str:
    """file:line where the picture failed (its traceback's last frame); never the exception's text."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return "unknown" if tb is None else f"{tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}"
