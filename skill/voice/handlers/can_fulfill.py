"""CanFulfillIntentRequest (name-free interaction): could this skill answer that intent?

Answered from the request alone — no Withings or DynamoDB call, no side effect, nothing spoken — so
it imports none of the data machinery (only the slot-type contract and the AMAZON.DATE parser). A
request without a session, a token or even a userId is the normal case here.

- Our data intents with every filled slot understood: YES when the request carries a token (the
  speaker's or the account's), MAYBE without one (we would answer, but only to ask for a link).
- A slot we cannot read (an AMAZON.DATE that names no period, a custom value entity resolution did
  not match): NO for the slot and the intent. A custom value that came without entity resolution
  is MAYBE understood (slot-level canFulfill has no MAYBE: it stays YES).
- Anything else — the built-ins, the follow-up (it needs a conversation), unknown intents: NO.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.utils.predicate import is_request_type

from skill.voice import context
from skill.voice.handlers.common import speaker
from skill.voice.intents import INTENT_SLOTS, SLOT_TYPES, Intent, SlotType
from skill.voice.vocabulary import Outcome

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.canfulfill.can_fulfill_slot import CanFulfillSlot
    from ask_sdk_model.response import Response

YES: Final = "YES"
NO: Final = "NO"
MAYBE: Final = "MAYBE"
REQUEST_TYPE: Final = "CanFulfillIntentRequest"
# Intents a stranger's question can land on: everything but the conversation's follow-up.
_NAME_FREE: Final = frozenset(INTENT_SLOTS) - {Intent.FOLLOW_UP}


def slot_verdict(slot_type: str, slot: Any) -> tuple[str, str]:
    """(canUnderstand, canFulfill) for one filled slot."""
    value = getattr(slot, "value", None)
    if slot_type == SlotType.DATE:
        from skill import clock
        from skill.voice.periods.parse import parse

        readable = isinstance(value, str) and parse(value.strip().upper(), clock.now().date()) is not None
        return (YES, YES) if readable else (NO, NO)
    known = SLOT_TYPES.get(slot_type, ())
    authorities = getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None) or []
    for authority in authorities:
        code = getattr(getattr(authority, "status", None), "code", None)
        code = getattr(code, "value", code)
        if code == "ER_SUCCESS_MATCH":
            ids = [
                getattr(getattr(v, "value", None), "id", None)
                for v in getattr(authority, "values", None) or []
            ]
            return (YES, YES) if any(i in known for i in ids) else (NO, NO)
        if code == "ER_SUCCESS_NO_MATCH":
            return NO, NO
    if isinstance(value, str) and value.strip().upper().replace(" ", "_") in known:
        return YES, YES
    return MAYBE, YES


def verdict(
    intent: str | None, slots: dict[str, Any], linked: bool
) -> tuple[str, dict[str, tuple[str, str]]]:
    """(the intent's canFulfill, per filled slot (canUnderstand, canFulfill))."""
    if intent not in _NAME_FREE:
        return NO, {}
    declared = INTENT_SLOTS[intent]
    found = {
        name: slot_verdict(declared[name], slot)
        for name, slot in slots.items()
        if name in declared and getattr(slot, "value", None)
    }
    understood = [understand for understand, _ in found.values()]
    if NO in understood:
        return NO, found
    if MAYBE in understood or not linked:
        return MAYBE, found
    return YES, found


class CanFulfillHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type(REQUEST_TYPE)(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        intent = getattr(handler_input.request_envelope.request, "intent", None)
        name = getattr(intent, "name", None)
        slots = getattr(intent, "slots", None) or {}
        answer, found = verdict(name, slots, linked=speaker(handler_input).token is not None)
        context.add_log_fields(handler_input, can_fulfill=answer)
        return can_fulfill_response(handler_input, answer, found)


def can_fulfill_response(
    handler_input: HandlerInput, answer: str, slots: dict[str, tuple[str, str]] | None = None
) -> Response:
    from ask_sdk_model.canfulfill.can_fulfill_intent import CanFulfillIntent
    from ask_sdk_model.canfulfill.can_fulfill_intent_values import CanFulfillIntentValues
    from ask_sdk_model.canfulfill.can_fulfill_slot import CanFulfillSlot
    from ask_sdk_model.canfulfill.can_fulfill_slot_values import CanFulfillSlotValues
    from ask_sdk_model.canfulfill.can_understand_slot_values import CanUnderstandSlotValues

    answered: dict[str, CanFulfillSlot] = {
        name: CanFulfillSlot(CanUnderstandSlotValues(understand), CanFulfillSlotValues(fulfil))
        for name, (understand, fulfil) in (slots or {}).items()
    }
    builder = handler_input.response_builder
    builder.set_can_fulfill_intent(CanFulfillIntent(CanFulfillIntentValues(answer), answered or None))
    context.set_outcome(handler_input, Outcome.CAN_FULFILL)
    return builder.response
