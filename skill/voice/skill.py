"""The wiring, in one place: request handlers in dispatch order (first match wins, catch-all last),
exception handlers (errors become speech only here), and the interceptors that create the
per-request context and write the request's one log line.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Final

from ask_sdk_core.dispatch_components.exception_components import AbstractExceptionHandler
from ask_sdk_core.dispatch_components.request_components import (
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_core.utils.request_util import get_request_type

from skill.accounts import AccountsUnavailable, NotLinked, RelinkRequired, get_accounts
from skill.voice import context
from skill.voice.handlers.activity import ActivityHandler
from skill.voice.handlers.blood_pressure import BloodPressureHandler
from skill.voice.handlers.body import BodyHandler
from skill.voice.handlers.builtins import (
    SPEAKABLE_REQUESTS,
    CatchAllHandler,
    FallbackHandler,
    HelpHandler,
    LaunchHandler,
    SessionEndedHandler,
    StopHandler,
    YesHandler,
)
from skill.voice.handlers.common import empty_response, formatter, respond
from skill.voice.handlers.digest import DigestHandler
from skill.voice.handlers.events import SkillAccountLinkedHandler, SkillDisabledHandler
from skill.voice.handlers.goals import GoalsHandler
from skill.voice.handlers.heart_rate import HeartRateHandler
from skill.voice.handlers.sleep import SleepHandler
from skill.voice.handlers.trend import AverageHandler, TrendHandler
from skill.voice.handlers.vitals import VitalsHandler
from skill.voice.handlers.workouts import WorkoutsHandler
from skill.voice.speech import prompts as replies  # prompts: no data machinery
from skill.voice.speech.reply import Reply
from skill.withings.errors import (
    AuthError,
    RateLimitedError,
    ServiceError,
    UnauthorizedError,
    UnknownStatusError,
    WithingsError,
    WithingsTimeoutError,
)

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_core.skill import CustomSkill
    from ask_sdk_model.response import Response

_log = logging.getLogger(__name__)


def request_handlers() -> list[Any]:
    """Dispatch order: specific before generic, the catch-all LAST (the SDK takes the first match)."""
    return [
        SkillDisabledHandler(),
        SkillAccountLinkedHandler(),
        SessionEndedHandler(),
        LaunchHandler(),
        SleepHandler(),
        ActivityHandler(),
        BodyHandler(),
        BloodPressureHandler(),
        HeartRateHandler(),
        VitalsHandler(),
        WorkoutsHandler(),
        DigestHandler(),
        TrendHandler(),
        AverageHandler(),
        GoalsHandler(),
        HelpHandler(),
        YesHandler(),
        StopHandler(),
        FallbackHandler(),
        CatchAllHandler(),
    ]


# Withings errors -> (catalogue key, outcome). Order matters: the first isinstance match wins.
_WITHINGS_APOLOGIES: Final[tuple[tuple[type[WithingsError], str, str], ...]] = (
    (RateLimitedError, "error.rate_limited", "rate_limited"),
    (WithingsTimeoutError, "error.timeout", "timeout"),
    (ServiceError, "error.service", "withings_down"),
    (UnknownStatusError, "error.service", "withings_down"),
    (WithingsError, "error.withings", "withings_error"),
)


def _speakable(handler_input: HandlerInput) -> bool:
    try:
        return get_request_type(handler_input) in SPEAKABLE_REQUESTS
    except Exception:  # a malformed request: speaking is the safe default
        return True


def _origin(exc: BaseException) -> str:
    """Where an unexpected error was raised (file:line), to find bugs without logging any values."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return "unknown"
    return f"{tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}"


class ErrorHandler(AbstractExceptionHandler):
    """Every exception a handler (or interceptor) raises ends here as a spoken outcome."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        try:
            reply, outcome = self._reply_for(handler_input, exception)
        except Exception as inner:  # the apology itself must never crash
            context.add_log_fields(handler_input, handler_error=type(inner).__name__)
            reply, outcome = None, "error"
        if outcome == "error":
            context.add_log_fields(handler_input, origin=_origin(exception))
        if not _speakable(handler_input):
            response = empty_response(handler_input, outcome)
        elif reply is None:
            response = respond(
                handler_input, replies.apology(formatter(handler_input), "error.generic", "error")
            )
        else:
            response = respond(handler_input, reply)
        context.finish(handler_input, outcome, exception)
        return response

    @staticmethod
    def _reply_for(handler_input: HandlerInput, exc: Exception) -> tuple[Reply | None, str]:
        fmt = formatter(handler_input)
        if isinstance(exc, NotLinked | RelinkRequired):
            return replies.link_account(fmt), "link_prompt"
        if isinstance(exc, AccountsUnavailable):
            return replies.apology(fmt, "error.accounts", "accounts_unavailable"), "accounts_unavailable"
        if isinstance(exc, AuthError):
            # Withings refused the credentials even after reauthorisation (ReauthorizingSource): mark
            # the link dead so the next request doesn't try again, then ask for a new link.
            link = context.link_id(handler_input)
            if link:
                try:
                    get_accounts().relink_required(link)
                except Exception as mark_error:
                    context.add_log_fields(handler_input, relink_error=type(mark_error).__name__)
            return replies.link_account(fmt), "link_prompt"
        if isinstance(exc, UnauthorizedError):
            return replies.link_account(fmt, "link.scope"), "link_prompt"
        for kind, key, outcome in _WITHINGS_APOLOGIES:
            if isinstance(exc, kind):
                return replies.apology(fmt, key, outcome), outcome
        return replies.apology(fmt, "error.generic", "error"), "error"


class ContextInterceptor(AbstractRequestInterceptor):
    """Creates the request's context: Deadline (≈5.5 s from receipt), locale catalogue, start time."""

    def process(self, handler_input: HandlerInput) -> None:
        context.get(handler_input)


class LogInterceptor(AbstractResponseInterceptor):
    """The request's one log line on success (the exception path writes its own)."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        context.finish(handler_input, context.outcome(handler_input))


def build(skill_id: str | None) -> CustomSkill:
    builder = CustomSkillBuilder()
    builder.skill_id = skill_id or None  # type: ignore[assignment]  # the SDK annotates it as None
    for handler in request_handlers():
        builder.add_request_handler(handler)
    builder.add_exception_handler(ErrorHandler())
    builder.add_global_request_interceptor(ContextInterceptor())
    builder.add_global_response_interceptor(LogInterceptor())
    return builder.create()
