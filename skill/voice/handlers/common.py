"""What every handler shares: slots, the linked account and data client, the clock, the response.

The account, the data client and "now" come from the services the skill was built with (carried by
the request context), never from a global.

Handlers stay thin: read slots here, resolve the period, call a query, hand the result to speech.
Errors are not caught here; they travel to the exception handlers (skill.py), which turn them into
speech at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from ask_sdk_core.utils.request_util import get_account_linking_access_token, get_slot, get_user_id

from skill.accounts import LinkedAccount, NotLinked
from skill.voice import context
from skill.voice.intents import SLOT_TYPES
from skill.voice.progressive import ProgressiveResponse
from skill.voice.speech.format import Formatter
from skill.voice.speech.ssml import card_text, to_ssml
from skill.voice.timezone import UserClock, device_timezone, user_timezone

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response

    from skill.voice.queries import DataSource
    from skill.voice.speech.reply import Reply
    from skill.withings.auth import RequestAuth
    from skill.withings.deadline import Deadline

# The Withings probe for the user's time zone when the device's is unknown: the last hour of weight.
_PROBE_WINDOW = timedelta(hours=1)
_PROBE_CAP_S = 1.5


# -- reading the request --------------------------------------------------------------------------


def slot_value(handler_input: HandlerInput, name: str) -> str | None:
    """The slot's value as Alexa resolved it (e.g. an AMAZON.DATE string), or None."""
    slot = get_slot(handler_input, name)
    value = getattr(slot, "value", None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def slot_id(handler_input: HandlerInput, name: str, slot_type: str) -> str | None:
    """A custom slot's value id from entity resolution (ER_SUCCESS_MATCH), if it is one we know.

    Handlers never depend on the spoken words; a value the model didn't resolve is treated as absent.
    A bare value that already is an id ("STEPS") is accepted, for tools that send ids directly.
    """
    known = SLOT_TYPES.get(slot_type, ())
    slot = get_slot(handler_input, name)
    if slot is None:
        return None
    authorities = getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None) or []
    for authority in authorities:
        code = getattr(getattr(authority, "status", None), "code", None)
        if getattr(code, "value", code) != "ER_SUCCESS_MATCH":
            continue
        for wrapper in getattr(authority, "values", None) or []:
            value_id = getattr(getattr(wrapper, "value", None), "id", None)
            if value_id in known:
                return str(value_id)
    raw = getattr(slot, "value", None)
    if isinstance(raw, str):
        candidate = raw.strip().upper().replace(" ", "_")
        if candidate in known:
            return candidate
    return None


def access_token(handler_input: HandlerInput) -> str | None:
    try:
        token = get_account_linking_access_token(handler_input)
    except AttributeError:  # no context.System.user at all
        return None
    return token if isinstance(token, str) and token else None


def user_id(handler_input: HandlerInput) -> str | None:
    try:
        value = get_user_id(handler_input)
    except AttributeError:
        return None
    return value if isinstance(value, str) and value else None


# -- the linked account and its data -----------------------------------------------------------------


@dataclass(frozen=True)
class DataAccess:
    """Everything a data handler needs once the account is resolved."""

    api: DataSource
    account: LinkedAccount
    clock: UserClock
    deadline: Deadline
    fmt: Formatter


def open_data(handler_input: HandlerInput) -> DataAccess:
    """Resolve the access token to the Withings account, build the client, find "today".

    Raises NotLinked (no token) and whatever Accounts.resolve raises; the exception handlers answer.
    """
    ctx = context.get(handler_input)
    token = access_token(handler_input)
    if token is None:
        raise NotLinked("no access token in the request")
    services = ctx.services
    accounts = services.accounts()
    account = accounts.resolve(token, ctx.deadline)
    context.set_link_id(handler_input, account.link_id)

    def reauthorize(refused: RequestAuth, deadline: Deadline) -> RequestAuth:
        # Withings refused the credentials: the accounts layer answers (a refresh, or the link ends).
        return accounts.reauthorize(replace(account, auth=refused), deadline).auth

    # One client per request: it retries a refused call once, with what reauthorize hands back.
    api = services.data_client(account.auth, reauthorize)
    moment = services.now()

    def probe() -> str | None:
        found = api.get_measures(
            start=moment - _PROBE_WINDOW, end=moment, types=[1], deadline=ctx.deadline.shorter(_PROBE_CAP_S)
        )
        return found.timezone

    tz = user_timezone(
        lambda: device_timezone(ctx.api_endpoint, ctx.device_id, ctx.api_access_token, ctx.deadline),
        account.link_id,
        probe,
    )
    clock = UserClock(tz, moment)
    return DataAccess(api, account, clock, ctx.deadline, Formatter(ctx.catalogue, clock.today))


def formatter(handler_input: HandlerInput) -> Formatter:
    """A formatter for replies that need no data (prompts): "today" in UTC is good enough there."""
    ctx = context.get(handler_input)
    return Formatter(ctx.catalogue, ctx.services.now().date())


def progress(handler_input: HandlerInput, key: str) -> ProgressiveResponse:
    """A "one moment" progressive response sent only if the block is still running after ~1.2 s."""
    ctx = context.get(handler_input)
    return ProgressiveResponse(
        api_endpoint=ctx.api_endpoint,
        api_access_token=ctx.api_access_token,
        request_id=ctx.request_id,
        speech=ctx.catalogue(key),
        deadline=ctx.deadline,
    )


# -- the response ---------------------------------------------------------------------------------

OFFER_KEY = "offer"


def respond(handler_input: HandlerInput, reply: Reply) -> Response:
    """Reply → SSML (escaped, ≤ 8,000 chars), a card with the same facts, the session's next step, and
    the reply's picture as one RenderDocument directive."""
    from ask_sdk_model.ui.link_account_card import LinkAccountCard
    from ask_sdk_model.ui.simple_card import SimpleCard

    builder = handler_input.response_builder
    builder.speak(to_ssml(reply.text))
    if reply.link_account:
        builder.set_card(LinkAccountCard())
    elif reply.card_title:
        title, content = card_text(reply.card_title, reply.card_text or reply.text)
        builder.set_card(SimpleCard(title=title, content=content))
    if reply.screen is not None:  # only ever set for a device that renders APL (handlers/screen.py)
        builder.add_directive(reply.screen)
    if reply.reprompt and not reply.end_session:
        builder.ask(to_ssml(reply.reprompt))
    else:
        builder.set_should_end_session(True)
    _set_offer(handler_input, reply.offer if not reply.end_session else None)
    context.set_outcome(handler_input, reply.outcome)
    return builder.response


def _set_offer(handler_input: HandlerInput, offer: str | None) -> None:
    if handler_input.request_envelope.session is None:
        return  # events carry no session: session attributes would raise
    attributes = handler_input.attributes_manager.session_attributes
    if attributes is None:
        return
    if offer:
        attributes[OFFER_KEY] = offer
    else:
        attributes.pop(OFFER_KEY, None)


def pending_offer(handler_input: HandlerInput) -> str | None:
    if handler_input.request_envelope.session is None:
        return None
    attributes = handler_input.attributes_manager.session_attributes
    value = attributes.get(OFFER_KEY) if attributes is not None else None
    return value if isinstance(value, str) else None


def empty_response(handler_input: HandlerInput, outcome: str) -> Response:
    """No speech (skill events, SessionEndedRequest)."""
    context.set_outcome(handler_input, outcome)
    return handler_input.response_builder.response
