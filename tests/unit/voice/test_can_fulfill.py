"""CanFulfillIntentRequest: answered from the request alone, with nothing spoken and nothing touched.

The harness's accounts and data client record every call: a name-free question must make none.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from devtools.envelopes import ResolvedSlot, can_fulfill_request

from .conftest import TOKEN, Harness

ROOT = Path(__file__).resolve().parents[3]


def can_fulfill(
    harness: Harness, intent: str, slots: dict[str, Any] | None = None, **kw: Any
) -> dict[str, Any]:
    result = harness.ask(can_fulfill_request(intent, slots, **kw))
    response = result["response"]
    assert "outputSpeech" not in response and "card" not in response and "reprompt" not in response
    answer: dict[str, Any] = response["canFulfillIntent"]
    return answer


def untouched(harness: Harness) -> None:
    assert harness.api.calls == []
    assert harness.accounts.resolved == [] and harness.accounts.people == []


@pytest.mark.parametrize(
    ("intent", "slots", "linked", "verdict"),
    [
        ("SleepIntent", {}, True, "YES"),
        ("SleepIntent", {}, False, "MAYBE"),  # we would answer, but only to ask for a link
        ("SleepIntent", {"date": "2026-11-24", "metric": ResolvedSlot("deep sleep", "DEEP")}, True, "YES"),
        ("BodyIntent", {"metric": ResolvedSlot("weight", "WEIGHT")}, True, "YES"),
        ("TrendIntent", {"period": "2026-11"}, True, "YES"),
        ("GoalsIntent", {}, False, "MAYBE"),
        ("BodyIntent", {"metric": ResolvedSlot("favourite colour", None)}, True, "NO"),  # not a measure
        ("SleepIntent", {"date": "banana"}, True, "NO"),
        ("BodyIntent", {"metric": "weight"}, True, "YES"),  # no resolution, but the id itself
        ("BodyIntent", {"metric": "heaviness"}, True, "MAYBE"),  # no resolution at all
        ("FollowUpIntent", {"step": ResolvedSlot("day before", "BEFORE")}, True, "NO"),  # needs a session
        ("AMAZON.HelpIntent", {}, True, "NO"),
        ("PlayMusicIntent", {}, True, "NO"),
    ],
)
def test_the_verdict_comes_from_the_request_alone(
    harness: Harness, intent: str, slots: dict[str, Any], linked: bool, verdict: str
) -> None:
    answer = can_fulfill(harness, intent, slots, access_token=TOKEN if linked else None)
    assert answer["canFulfill"] == verdict
    untouched(harness)


def test_slot_verdicts(harness: Harness) -> None:
    slots = {"date": "2026-11-24", "metric": ResolvedSlot("deep sleep", "DEEP")}
    answer = can_fulfill(harness, "SleepIntent", slots, access_token=TOKEN)
    assert answer["slots"] == {
        "date": {"canUnderstand": "YES", "canFulfill": "YES"},
        "metric": {"canUnderstand": "YES", "canFulfill": "YES"},
    }
    answer = can_fulfill(harness, "BodyIntent", {"metric": ResolvedSlot("colour", None)}, access_token=TOKEN)
    assert answer["slots"] == {"metric": {"canUnderstand": "NO", "canFulfill": "NO"}}
    untouched(harness)


def test_no_user_no_token_no_session_is_normal(harness: Harness) -> None:
    assert can_fulfill(harness, "SleepIntent", user_id=None)["canFulfill"] == "MAYBE"
    untouched(harness)


def test_a_recognised_speakers_own_token_counts_as_linked(harness: Harness) -> None:
    answer = can_fulfill(harness, "SleepIntent", person_id="amzn1.ask.person.P", person_token="own")
    assert answer["canFulfill"] == "YES"
    untouched(harness)


def test_a_failure_answers_no_and_says_nothing(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    from skill.voice.handlers import can_fulfill as module

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("planted")

    monkeypatch.setattr(module, "verdict", boom)
    assert can_fulfill(harness, "SleepIntent", access_token=TOKEN) == {"canFulfill": "NO"}


def test_a_malformed_can_fulfill_request_answers_no(harness: Harness) -> None:
    event = can_fulfill_request("SleepIntent")
    event["request"]["intent"] = "not an object"
    result = harness.ask(event)
    assert result["response"] == {"canFulfillIntent": {"canFulfill": "NO"}}


def test_a_name_free_question_loads_no_data_machinery() -> None:
    """Cold start: no storage, no Withings client, no queries — in a fresh interpreter."""
    script = (
        "import os, sys\n"
        "os.environ['SKILL_ID'] = 'amzn1.ask.skill.imports'\n"
        "os.environ['AWS_ENDPOINT_URL_DYNAMODB'] = 'http://127.0.0.1:9'\n"  # a dead port
        "import lambda_function\n"
        "from devtools.envelopes import can_fulfill_request\n"
        "event = can_fulfill_request('SleepIntent', {'date': '2026-11-24'}, access_token='t',"
        " skill_id=os.environ['SKILL_ID'])\n"
        "reply = lambda_function.lambda_handler(event, None)\n"
        "assert reply['response']['canFulfillIntent']['canFulfill'] == 'YES', reply\n"
        "heavy = ('skill.store', 'skill.accounts.stored', 'skill.withings.api', 'skill.voice.queries',"
        " 'boto3', 'botocore', 'cryptography', 'requests')\n"
        "print('loaded=' + ','.join(sorted(m for m in sys.modules if m.startswith(heavy))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert [line for line in done.stdout.splitlines() if line.startswith("loaded=")] == ["loaded="]
