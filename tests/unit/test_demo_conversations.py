"""The demo plays its conversation in any locale: every line reaches its intent, every slot understood."""

from __future__ import annotations

from datetime import date

import pytest

from devtools.conversations import conversation
from devtools.utterances import FALLBACK_INTENT, LAUNCH_REQUEST, match_utterance
from skill.cli import main
from skill.voice.intents import CUSTOM_INTENTS
from skill.voice.locales import LOCALES

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_line_of_the_locales_conversation_is_understood(locale: str) -> None:
    lines = conversation(locale)
    assert match_utterance(lines[0], locale, TODAY).request_type == LAUNCH_REQUEST
    assert match_utterance(lines[-1], locale, TODAY).intent == "AMAZON.StopIntent"
    reached = set()
    night_times = set()
    follow_ups = 0
    for line in lines[1:-1]:
        match = match_utterance(line, locale, TODAY)
        assert match.intent not in (None, FALLBACK_INTENT), (locale, line)
        assert all(fill.resolved for fill in match.slots), (locale, line, match.slots)
        reached.add(match.intent)
        follow_ups += match.intent == "FollowUpIntent"
        metric = match.slot("metric")
        if match.intent == "SleepIntent" and metric is not None and metric.resolution is not None:
            night_times.add(metric.resolution.value_id)
    # Every intent but vitals (the demo's account has no thermometer reading worth a line of its own).
    assert set(CUSTOM_INTENTS) - reached <= {"VitalsIntent"}, (locale, set(CUSTOM_INTENTS) - reached)
    assert follow_ups >= 2, locale  # the session goes on: "and the day before", "and my weight"
    # Each time of the night is asked on its own: went to bed, fell asleep, woke up, got up.
    assert {"BEDTIME", "ASLEEP_TIME", "WAKETIME", "RISE_TIME"} <= night_times, (locale, night_times)


def test_the_demo_command_takes_a_locale(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["demo", "--locale", "xx-XX"])
    assert "invalid choice" in capsys.readouterr().err
