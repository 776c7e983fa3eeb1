"""What every handler shares: slots, the linked account and data client, the clock, the response.

The account, the data client and "now" come from the services the skill was built with (carried by
the request context), never from a global.

Handlers stay thin: read slots here, resolve the period, call a query, hand the result to speech.
Errors are not caught here; they travel to the exception handlers (skill.py), which turn them into
speech at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from ask_sdk_core.utils.request_util import get_account_linking_access_token, get_slot, get_user_id

from skill.accounts import LinkedAccount, NotLinked
from skill.voice import context, conversation
from skill.voice.intents import SLOT_TYPES
from skill.voice.progressive import ProgressiveResponse
from skill.voice.speech.format import Formatter
from skill.voice.speech.spoken import for_speech, tidy
from skill.voice.speech.ssml import card_text, to_ssml
from skill.voice.timezone import UserClock, device_timezone, user_timezone
from skill.voice.vocabulary import Outcome, SpeakerKind

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
_DATA_KEY = "voice.data"  # the request's DataAccess, for respond()'s "as of" line


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
    """The shared account's token (context.System.user.accessToken): ask-sdk-core's accessor."""
    try:
        token = get_account_linking_access_token(handler_input)
    except AttributeError:  # no context.System.user at all
        return None
    return token if isinstance(token, str) and token else None


class Speaker(NamedTuple):
    """Who is asking, as far as the envelope says. Never logged: `kind` is what the log line gets."""

    token: str | None  # the token to answer with: the person's own link wins over the account's
    person_id: str | None  # a recognised voice profile (context.System.person.personId)
    kind: SpeakerKind


def speaker(handler_input: HandlerInput) -> Speaker:
    """The recognised speaker's own token (a profile-level link) when there is one, else the shared
    account's; a person without a token of their own hears the shared account (Turn-2 contract)."""
    system = getattr(getattr(handler_input.request_envelope, "context", None), "system", None)
    person = getattr(system, "person", None)
    person_id = getattr(person, "person_id", None)
    person_id = person_id if isinstance(person_id, str) and person_id else None
    own = getattr(person, "access_token", None)
    if isinstance(own, str) and own:
        return Speaker(own, person_id, SpeakerKind.PERSON_LINKED)
    kind = SpeakerKind.PERSON if person_id else SpeakerKind.UNRECOGNISED
    return Speaker(access_token(handler_input), person_id, kind)


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
    handler_input: HandlerInput  # the request, for what depends on the device (a picture beside the answer)


def open_data(handler_input: HandlerInput) -> DataAccess:
    """Resolve the access token to the Withings account, build the client, find "today".

    Raises NotLinked (no token) and whatever Accounts.resolve raises; the exception handlers answer.
    """
    ctx = context.get(handler_input)
    who = speaker(handler_input)
    context.add_log_fields(handler_input, speaker=who.kind)
    if who.token is None:
        raise NotLinked("no access token in the request")
    services = ctx.services
    accounts = services.accounts()
    account = accounts.resolve(who.token, ctx.deadline)
    context.set_link_id(handler_input, account.link_id)
    if who.kind is SpeakerKind.PERSON_LINKED and who.person_id and ctx.user_id:
        accounts.remember_person(ctx.user_id, who.person_id, account.link_id, ctx.deadline)

    def reauthorize(refused: RequestAuth, deadline: Deadline) -> RequestAuth:
        # Withings refused the credentials: the accounts layer answers (a refresh, or the link ends).
        return accounts.reauthorize(replace(account, auth=refused), deadline).auth

    if services.reconcile is not None:
        services.reconcile(account, ctx.deadline)
    # One client per request: it retries a refused call once, with what reauthorize hands back.
    api = services.data_client(account, reauthorize)
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
    data = DataAccess(api, account, clock, ctx.deadline, Formatter(ctx.catalogue, clock.today), handler_input)
    handler_input.attributes_manager.request_attributes[_DATA_KEY] = data
    return data


def as_of_note(fmt: Formatter, moment: datetime) -> str:
    """ "That's as of 7:40 AM." for an answer from data fetched at `moment` (in the user's zone)."""
    day = moment.date()
    age = (fmt.today - day).days
    time = fmt.clock(moment)
    if age <= 0:
        return fmt.cat("cache.as_of", time=time)
    if age == 1:
        return fmt.cat("cache.as_of_yesterday", time=time)
    return fmt.cat("cache.as_of_weekday", weekday=fmt.weekday(day), time=time)  # kept 3 days at most


def _stale_note(handler_input: HandlerInput) -> str | None:
    """How old the data is, when the answer came from a stale cache entry (skill.cache.source)."""
    data = handler_input.attributes_manager.request_attributes.get(_DATA_KEY)
    if not isinstance(data, DataAccess):
        return None
    as_of = getattr(data.api, "as_of", None)  # a CachedSource; the bare client never serves stale
    moment = as_of(data.clock.now) if callable(as_of) else None
    if not isinstance(moment, datetime):
        return None
    from skill.withings.dates import zone

    return as_of_note(data.fmt, moment.astimezone(zone(data.clock.tz)))


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


# Answers that keep a conversation going; a goodbye, an apology or a link prompt ends it.
_CONTINUING = (Outcome.ANSWERED, Outcome.NO_DATA)


def respond(handler_input: HandlerInput, reply: Reply) -> Response:
    """Reply → SSML (escaped, ≤ 8,000 chars), a card with the same facts, the reply's picture as one
    RenderDocument directive, and the session's next step.

    In a conversation (a session "open health scale" started) an answer that would end the session
    asks "anything else?" instead; a one-shot question answers and ends.
    """
    from ask_sdk_model.ui.link_account_card import LinkAccountCard
    from ask_sdk_model.ui.simple_card import SimpleCard

    note = _stale_note(handler_input) if reply.outcome in _CONTINUING else None
    if note:
        card = reply.card_text
        reply = reply._replace(text=f"{reply.text} {note}", card_text=f"{card} {note}" if card else None)
    if reply.end_session and reply.outcome in _CONTINUING and conversation.in_conversation(handler_input):
        catalogue = context.get(handler_input).catalogue
        reply = reply._replace(
            text=f"{reply.text} {catalogue('session.more')}",
            card_text=reply.card_text or reply.text,
            reprompt=catalogue("session.reprompt"),
            end_session=False,
        )
    builder = handler_input.response_builder
    catalogue = context.get(handler_input).catalogue  # the card keeps the written numbers
    text = tidy(reply.text)
    builder.speak(to_ssml(for_speech(text, catalogue)))
    if reply.link_account:
        builder.set_card(LinkAccountCard())
    elif reply.card_title:
        title, content = card_text(reply.card_title, tidy(reply.card_text or reply.text))
        builder.set_card(SimpleCard(title=title, content=content))
    if reply.screen is not None:  # only ever set for a device that renders APL (handlers/screen.py)
        builder.add_directive(reply.screen)
    if reply.reprompt and not reply.end_session:
        builder.ask(to_ssml(for_speech(tidy(reply.reprompt), catalogue)))
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
