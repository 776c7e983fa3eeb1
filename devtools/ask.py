"""`python -m skill ask "how did I sleep last night"`: one utterance -> intent -> the skill's reply.

The utterance is routed through the locale's interaction model (devtools.utterances), wrapped in the
request envelope a device would send (LaunchRequest or IntentRequest, slots with entity resolution),
run through lambda_function.lambda_handler, and the reply is printed as text.

Configuration comes from the environment (design.md): SKILL_ID is the applicationId; ASK_ACCESS_TOKEN
is the account-linking token (unset: no token, and the skill answers with its link-account prompt);
ALEXA_API_ENDPOINT is context.System.apiEndpoint (default https://api.amazonalexa.com). The device and
user ids are devtools.envelopes' fixed test values. With no WITHINGS_API_URL configured at all it runs
against the sandbox: a local stack comes up, a demo account is linked, and the question is asked.
"""

from __future__ import annotations

import html
import json
import os
import re
from datetime import date, datetime
from typing import Any, Final

from devtools import envelopes
from devtools.utterances import DATE_TYPE, FALLBACK_INTENT, LAUNCH_REQUEST, Match, match_utterance
from skill import clock

DEFAULT_API_ENDPOINT: Final = envelopes.DEFAULT_API_ENDPOINT


def build_request(
    match: Match,
    locale: str,
    *,
    skill_id: str | None,
    access_token: str | None,
    api_endpoint: str = DEFAULT_API_ENDPOINT,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The request envelope a device would send for `match` (devtools.envelopes builds it)."""
    common: dict[str, Any] = {
        "locale": locale,
        "access_token": access_token,
        "skill_id": skill_id,
        "api_endpoint": api_endpoint,
        "timestamp": now,
    }
    if match.request_type == LAUNCH_REQUEST:
        return envelopes.launch_request(**common)
    slots: dict[str, str | envelopes.ResolvedSlot | None] = {}
    for fill in match.slots:
        if fill.slot_type == DATE_TYPE:
            slots[fill.name] = fill.value  # None (unreadable) goes out unfilled
        else:
            value_id = fill.resolution.value_id if fill.resolution is not None else None
            slots[fill.name] = envelopes.ResolvedSlot(fill.raw, value_id)
    return envelopes.intent_request(match.intent or FALLBACK_INTENT, slots, **common)


def speech_text(ssml: str) -> str:
    """What a device would say: <sub alias> spoken as its alias, other tags dropped, entities decoded."""
    text = re.sub(r'<sub\s+alias="([^"]*)"\s*>.*?</sub>', r"\1", ssml, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(text).split())


def describe_match(match: Match) -> list[str]:
    lines = [f"request : {match.request_type}" + (f" {match.intent}" if match.intent else "")]
    for fill in match.slots:
        resolution = ""
        if fill.resolution is not None:
            resolution = f" ({fill.resolution.status}" + (
                f" {fill.resolution.value_id})" if fill.resolution.value_id else ")"
            )
        value = fill.value if fill.value is not None else "(not understood)"
        lines.append(f"slot    : {fill.name} = {fill.raw!r} -> {value}{resolution}")
    return lines


def describe_response(envelope: Any) -> list[str]:
    """The reply as text: speech, reprompt, card, whether the session ends."""
    response = envelope.get("response") if isinstance(envelope, dict) else None
    if not isinstance(response, dict):
        return [f"reply   : (no response) {json.dumps(envelope)[:500]}"]
    lines = []
    speech = response.get("outputSpeech") or {}
    if speech:
        lines.append("speech  : " + (speech_text(speech.get("ssml", "")) or speech.get("text", "")))
    reprompt = ((response.get("reprompt") or {}).get("outputSpeech")) or {}
    if reprompt:
        lines.append("reprompt: " + (speech_text(reprompt.get("ssml", "")) or reprompt.get("text", "")))
    card = response.get("card")
    if isinstance(card, dict):
        body = card.get("content") or card.get("text") or ""
        title = card.get("title") or card.get("type", "")
        lines.append(f"card    : {title}" + (f" | {body}" if body else ""))
    ends = response.get("shouldEndSession")
    lines.append("session : " + ("ends" if ends in (True, None) else "stays open"))
    return lines


def main(utterance: str, locale: str = "en-US") -> int:
    if not os.environ.get("ASK_VERBOSE"):
        import logging

        logging.getLogger("skill").disabled = True  # the skill's JSON log lines: ASK_VERBOSE=1 shows them
    if os.environ.get("WITHINGS_API_URL"):
        return _ask(
            utterance,
            locale,
            skill_id=os.environ.get("SKILL_ID") or None,
            access_token=os.environ.get("ASK_ACCESS_TOKEN") or None,
            api_endpoint=os.environ.get("ALEXA_API_ENDPOINT") or DEFAULT_API_ENDPOINT,
            today=clock.now().astimezone().date(),  # this machine's day (or PINNED_NOW's)
        )
    # Nothing configured: the sandbox by default. Bring up a local stack, link its demo account
    # through the real /link routes, and ask with that token.
    from zoneinfo import ZoneInfo

    from devtools.alexa_app import link_account
    from devtools.stack import LINK_CLIENT_ID, REDIRECT_URI, InProcessStack

    print("config  : WITHINGS_API_URL unset -> a local sandbox and DynamoDB Local with a linked demo account")
    with InProcessStack() as stack:
        tokens = link_account(
            stack.skill_url,
            client_id=LINK_CLIENT_ID,
            client_secret=stack.env["LINK_CLIENT_SECRET"],
            redirect_uri=REDIRECT_URI,
        )
        return _ask(
            utterance,
            locale,
            skill_id=stack.env["SKILL_ID"],
            access_token=tokens.access_token,
            api_endpoint=stack.sandbox.url,
            today=clock.now().astimezone(ZoneInfo(stack.timezone)).date(),
        )


def _ask(
    utterance: str,
    locale: str,
    *,
    skill_id: str | None,
    access_token: str | None,
    api_endpoint: str,
    today: date,
) -> int:
    match = match_utterance(utterance, locale, today)
    print(f"you     : {utterance} ({locale})")
    for line in describe_match(match):
        print(line)
    envelope = build_request(
        match, locale, skill_id=skill_id, access_token=access_token, api_endpoint=api_endpoint
    )
    try:
        from lambda_function import lambda_handler

        reply = lambda_handler(envelope, None)
    except Exception as exc:  # a dev tool: show what broke instead of a traceback wall
        print(f"error   : the skill raised {type(exc).__name__}: {exc}")
        return 1
    for line in describe_response(reply):
        print(line)
    return 0
