"""The offline demo: the whole product on loopback, as a person and Alexa would meet it.

Starts DynamoDB Local, the Withings sandbox and `python -m skill serve`; creates the table; links a demo
account through the real /link routes exactly as the Alexa app and Alexa's token service would; then
plays a scripted conversation through POST /alexa and prints each utterance, its reply and its latency.
"Open health scale" starts a session, as on an Echo: each request carries the session's id and the
attributes the last response set, so follow-ups ("what about the day before", "and my weight") work;
the session ends when a response ends it. Everything it started is stopped on the way out, also on
Ctrl-C.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import requests

from devtools.alexa_app import link_account
from devtools.ask import build_request, speech_text
from devtools.conversations import conversation as script_for
from devtools.stack import LINK_CLIENT_ID, REDIRECT_URI, SKILL_ID, LocalStack
from devtools.utterances import match_utterance
from skill import clock

CONVERSATION = script_for("en-US")  # the English script (devtools.conversations has every language's)


def _say(line: str = "") -> None:
    print(line, flush=True)


class _Session:
    """What a device keeps between the turns of a session: its id and the last response's attributes."""

    def __init__(self) -> None:
        self.id: str | None = None
        self.attributes: dict[str, Any] = {}

    def carry(self, envelope: dict[str, Any]) -> None:
        session = envelope.get("session")
        if session is None:
            return
        if self.id is None:
            self.id = session["sessionId"]
            return
        session.update(sessionId=self.id, new=False, attributes=self.attributes)

    def update(self, reply: dict[str, Any]) -> None:
        if reply.get("response", {}).get("shouldEndSession") is not False:
            self.id, self.attributes = None, {}  # ended (or a one-shot answer): the next one is new
        else:
            self.attributes = reply.get("sessionAttributes") or {}


class Turn(NamedTuple):
    utterance: str
    routed_to: str  # the intent (or request type) the utterance matched
    status: int
    text: str  # what the device would say ("" for an HTTP error)
    session_open: bool
    latency_ms: float


def play(
    skill_url: str,
    *,
    access_token: str,
    api_endpoint: str,
    timezone: str,
    locale: str = "en-US",
    conversation: Sequence[str] = CONVERSATION,
    skill_id: str = SKILL_ID,
    on_turn: Callable[[Turn], None] | None = None,
) -> list[Turn]:
    """Say each utterance to the skill at `skill_url` as a device would, in one session while one is open."""
    today = clock.now().astimezone(ZoneInfo(timezone)).date()  # real, unless PINNED_NOW
    session = _Session()
    turns: list[Turn] = []
    with requests.Session() as http:
        for utterance in conversation:
            match = match_utterance(utterance, locale, today)
            envelope = build_request(
                match, locale, skill_id=skill_id, access_token=access_token, api_endpoint=api_endpoint
            )
            session.carry(envelope)
            t0 = time.perf_counter()
            resp = http.post(f"{skill_url}/alexa", json=envelope, timeout=10)
            latency_ms = (time.perf_counter() - t0) * 1000
            routed = str(match.intent or match.request_type)
            if resp.status_code != 200:
                turn = Turn(utterance, routed, resp.status_code, "", False, latency_ms)
            else:
                reply = resp.json()
                session.update(reply)
                speech = reply.get("response", {}).get("outputSpeech", {})
                text = speech_text(speech.get("ssml", "")) if speech else "(no speech)"
                is_open = reply.get("response", {}).get("shouldEndSession") is False
                turn = Turn(utterance, routed, 200, text, is_open, latency_ms)
            turns.append(turn)
            if on_turn is not None:
                on_turn(turn)
    return turns


def _print_turn(turn: Turn) -> None:
    _say(f"  you: {turn.utterance}")
    if turn.status != 200:
        _say(f"alexa: <HTTP {turn.status}>")
    else:
        _say(f"alexa: {turn.text}   [{turn.routed_to}, {turn.latency_ms:.0f} ms]")
    _say()


def run(auth: str, locale: str = "en-US") -> int:
    started = time.perf_counter()
    with LocalStack(auth=auth) as stack:
        _say(f"DynamoDB Local, Withings sandbox ({stack.sandbox_url}) and skill ({stack.skill_url}) are up")
        _say(f"  Withings auth: {auth}; locale: {locale}; skill logs: {stack.log_path}")
        t0 = time.perf_counter()
        tokens = link_account(
            stack.skill_url,
            client_id=LINK_CLIENT_ID,
            client_secret=stack.env["LINK_CLIENT_SECRET"],
            redirect_uri=REDIRECT_URI,
        )
        _say(
            f"Linked the demo Withings account through /link/* in {(time.perf_counter() - t0) * 1000:.0f} ms"
        )
        _say(f"  (set-up took {time.perf_counter() - started:.1f} s)")
        _say()
        turns = play(
            stack.skill_url,
            access_token=tokens.access_token,
            api_endpoint=stack.sandbox_url,
            timezone=stack.timezone,
            locale=locale,
            conversation=script_for(locale),
            on_turn=_print_turn,
        )
        return 1 if any(turn.status != 200 for turn in turns) else 0


def main(auth: str = "oauth1", locale: str = "en-US") -> int:
    try:
        return run(auth, locale)
    except KeyboardInterrupt:
        print("\ninterrupted: everything the demo started has been stopped", file=sys.stderr)
        return 130
