"""The wiring, in one place: request handlers in dispatch order (first match wins, catch-all last),
exception handlers (errors become speech only here), and the interceptors that start the
per-request context (with the services the skill is built with) and write the request's one log line.
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

from skill.accounts import AccountsUnavailable, NotLinked, RelinkRequired
from skill.voice import context
from skill.voice.handlers.activity import ActivityHandler
from skill.voice.handlers.base import DataHandler
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
from skill.voice.handlers.can_fulfill import NO, REQUEST_TYPE, CanFulfillHandler, can_fulfill_response
from skill.voice.handlers.common import empty_response, formatter, respond
from skill.voice.handlers.digest import DigestHandler
from skill.voice.handlers.events import SkillAccountLinkedHandler, SkillDisabledHandler
from skill.voice.handlers.follow_up import FollowUpHandler
from skill.voice.handlers.goals import GoalsHandler
from skill.voice.handlers.heart_rate import HeartRateHandler
from skill.voice.handlers.sleep import SleepHandler
from skill.voice.handlers.trend import AverageHandler, TrendHandler
from skill.voice.handlers.vitals import VitalsHandler
from skill.voice.handlers.workouts import WorkoutsHandler
from skill.voice.speech import prompts
from skill.voice.speech.reply import Reply
from skill.voice.vocabulary import Outcome
from skill.withings.errors import (
    AuthError,
    RateLimitedError,
    RefusedAfterRefreshError,
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

    from skill.voice.services import VoiceServices

_log = logging.getLogger(__name__)


def request_handlers() -> list[Any]:
    """Dispatch order: specific before generic, the catch-all LAST (the SDK takes the first match)."""
    data: list[DataHandler] = [
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
    ]
    return [
        CanFulfillHandler(),
        SkillDisabledHandler(),
        SkillAccountLinkedHandler(),
        SessionEndedHandler(),
        LaunchHandler(),
        *data,
        FollowUpHandler(data),
        HelpHandler(),
        YesHandler(),
        StopHandler(),
        FallbackHandler(),
        CatchAllHandler(),
    ]


# Withings errors -> (catalogue key, outcome). Order matters: the first isinstance match wins.
_WITHINGS_APOLOGIES: Final[tuple[tuple[type[WithingsError], str, Outcome], ...]] = (
    # Withings refused the token it had just refreshed: a glitch, the link stands ("try again").
    (RefusedAfterRefreshError, "error.withings", Outcome.REFUSED_AFTER_REFRESH),
    (RateLimitedError, "error.rate_limited", Outcome.RATE_LIMITED),
    (WithingsTimeoutError, "error.timeout", Outcome.TIMEOUT),
    (ServiceError, "error.service", Outcome.WITHINGS_DOWN),
    (UnknownStatusError, "error.service", Outcome.WITHINGS_DOWN),
    (WithingsError, "error.withings", Outcome.WITHINGS_ERROR),
)


def _request_type(handler_input: HandlerInput) -> str | None:
    try:
        return str(get_request_type(handler_input))
    except Exception:  # a malformed request
        return None


def _speakable(handler_input: HandlerInput) -> bool:
    request_type = _request_type(handler_input)
    # A malformed request: speaking is the safe default.
    return request_type is None or request_type in SPEAKABLE_REQUESTS


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

    def __init__(self, services: VoiceServices) -> None:
        self._services = services

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        context.start(handler_input, self._services)  # the failure may have come before the interceptor
        try:
            reply, outcome = self._reply_for(handler_input, exception)
        except Exception as inner:  # the apology itself must never crash
            context.add_log_fields(handler_input, handler_error=type(inner).__name__)
            reply, outcome = None, Outcome.ERROR
        if outcome == Outcome.ERROR:
            context.add_log_fields(handler_input, origin=_origin(exception))
        if _request_type(handler_input) == REQUEST_TYPE:
            response = can_fulfill_response(handler_input, NO)  # nothing spoken, ever
        elif not _speakable(handler_input):
            response = empty_response(handler_input, outcome)
        elif reply is None:
            response = respond(
                handler_input, prompts.apology(formatter(handler_input), "error.generic", Outcome.ERROR)
            )
        else:
            response = respond(handler_input, reply)
        context.finish(handler_input, outcome, exception)
        return response

    @staticmethod
    def _reply_for(handler_input: HandlerInput, exc: Exception) -> tuple[Reply | None, Outcome]:
        fmt = formatter(handler_input)
        if isinstance(exc, NotLinked | RelinkRequired):
            return prompts.link_account(fmt), Outcome.LINK_PROMPT
        if isinstance(exc, AccountsUnavailable):
            return prompts.apology(
                fmt, "error.accounts", Outcome.ACCOUNTS_UNAVAILABLE
            ), Outcome.ACCOUNTS_UNAVAILABLE
        if isinstance(exc, AuthError):
            # A refusal nobody could reauthorise. Ending a link is the accounts layer's decision
            # (Accounts.reauthorize), never this handler's: here it is only answered.
            return prompts.link_account(fmt), Outcome.LINK_PROMPT
        if isinstance(exc, UnauthorizedError):
            return prompts.link_account(fmt, "link.scope"), Outcome.LINK_PROMPT
        for kind, key, outcome in _WITHINGS_APOLOGIES:
            if isinstance(exc, kind):
                return prompts.apology(fmt, key, outcome), outcome
        return prompts.apology(fmt, "error.generic", Outcome.ERROR), Outcome.ERROR


class ContextInterceptor(AbstractRequestInterceptor):
    """Starts the request's context: services, Deadline (≈5.5 s from receipt), locale catalogue."""

    def __init__(self, services: VoiceServices) -> None:
        self._services = services

    def process(self, handler_input: HandlerInput) -> None:
        context.start(handler_input, self._services)


class LogInterceptor(AbstractResponseInterceptor):
    """The request's one log line on success (the exception path writes its own)."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        context.finish(handler_input, context.outcome(handler_input))


def build(skill_id: str | None, services: VoiceServices) -> CustomSkill:
    """The SDK skill, its handlers reading `services` through the request context."""
    builder = CustomSkillBuilder()
    builder.skill_id = skill_id or None  # type: ignore[assignment]  # the SDK annotates it as None
    for handler in request_handlers():
        builder.add_request_handler(handler)
    builder.add_exception_handler(ErrorHandler(services))
    builder.add_global_request_interceptor(ContextInterceptor(services))
    builder.add_global_response_interceptor(LogInterceptor())
    return builder.create()
