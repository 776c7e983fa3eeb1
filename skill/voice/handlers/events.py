"""Skill events: disabling the skill forgets the user's link; linking remembers the Alexa user.

A household: the skill is enabled (and disabled) per Amazon account, but each recognised speaker
may link a Withings account of their own (profile-level linking, through the same /link routes).
SkillDisabled therefore forgets the account's link and every recognised speaker's; a
SkillAccountLinked that names a person (context.System.person) maps that person, never replacing
the account's own link or another person's.

Events carry no session (session attributes would raise) and expect no speech: the handlers return
an empty response, also when storage fails (logged; the exception handlers answer silently too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.utils.predicate import is_request_type

from skill.voice import context
from skill.voice.handlers.common import access_token, empty_response, speaker, user_id
from skill.voice.vocabulary import Outcome, SpeakerKind

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response


class SkillDisabledHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("AlexaSkillEvent.SkillDisabled")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        alexa_user = user_id(handler_input)
        if alexa_user:
            accounts = context.get(handler_input).services.accounts()
            who = speaker(handler_input)
            own = who.token if who.kind is SpeakerKind.PERSON_LINKED else None
            accounts.forget_alexa_user(alexa_user, access_token(handler_input), own)
        return empty_response(handler_input, Outcome.EVENT)


class SkillAccountLinkedHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("AlexaSkillEvent.SkillAccountLinked")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        token = getattr(getattr(request, "body", None), "access_token", None) or access_token(handler_input)
        alexa_user = user_id(handler_input)
        if alexa_user and isinstance(token, str) and token:
            person = speaker(handler_input).person_id
            context.add_log_fields(handler_input, speaker=speaker(handler_input).kind)
            accounts = context.get(handler_input).services.accounts()
            accounts.remember_alexa_user(alexa_user, token, person_id=person)
        return empty_response(handler_input, Outcome.EVENT)
