"""The offline demo: the whole product on loopback, as a person and Alexa would meet it.

Starts DynamoDB Local, the Withings sandbox and `python -m skill serve`; creates the table; links a demo
account through the real /link routes exactly as the Alexa app and Alexa's token service would; then
plays a scripted conversation through POST /alexa and prints each utterance, its reply and its latency.
Everything it started is stopped on the way out, also on Ctrl-C.
"""

from __future__ import annotations

import sys
import time
from zoneinfo import ZoneInfo

import requests

from devtools.alexa_app import link_account
from devtools.ask import build_request, speech_text
from devtools.conversations import conversation
from devtools.stack import LINK_CLIENT_ID, REDIRECT_URI, SKILL_ID, LocalStack
from devtools.utterances import match_utterance
from skill import clock

CONVERSATION = conversation("en-US")  # the English script (devtools.conversations has every language's)


def _say(line: str = "") -> None:
    print(line, flush=True)


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
        today = clock.now().astimezone(ZoneInfo(stack.timezone)).date()  # real, unless PINNED_NOW
        failures = 0
        with requests.Session() as http:
            for utterance in conversation(locale):
                match = match_utterance(utterance, locale, today)
                envelope = build_request(
                    match,
                    locale,
                    skill_id=SKILL_ID,
                    access_token=tokens.access_token,
                    api_endpoint=stack.sandbox_url,
                )
                t0 = time.perf_counter()
                resp = http.post(f"{stack.skill_url}/alexa", json=envelope, timeout=10)
                latency_ms = (time.perf_counter() - t0) * 1000
                _say(f"  you: {utterance}")
                if resp.status_code != 200:
                    failures += 1
                    _say(f"alexa: <HTTP {resp.status_code}>")
                    continue
                speech = resp.json().get("response", {}).get("outputSpeech", {})
                text = speech_text(speech.get("ssml", "")) if speech else "(no speech)"
                _say(f"alexa: {text}   [{match.intent or match.request_type}, {latency_ms:.0f} ms]")
                _say()
        return 1 if failures else 0


def main(auth: str = "oauth1", locale: str = "en-US") -> int:
    try:
        return run(auth, locale)
    except KeyboardInterrupt:
        print("\ninterrupted: everything the demo started has been stopped", file=sys.stderr)
        return 130
