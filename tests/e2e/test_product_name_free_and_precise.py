"""Name-free questions and precise answers, through `serve` with real envelopes.

CanFulfillIntentRequest: answered from the request alone — the sandbox sees no call at all, in well
under a second, with or without a token. Precise answers: each time of the night has its own answer
(went to bed, fell asleep, woke up, got up), "how active was I" is active time and steps, a trend
with one reading compares it with the last one before the period and says so, and a date the skill
cannot read is answered for the default, saying so. en-US, with en-GB and de-DE where wording differs.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from devtools.envelopes import ResolvedSlot
from tests.e2e.expectations import (
    Raw,
    Want,
    activity_summary,
    night_ending,
    today_of,
    weight_trend,
)
from tests.e2e.expectations_nights import (
    clock_de,
    last_night_time,
    night_times,
)
from tests.e2e.product_helpers import Product, expect

pytestmark = pytest.mark.e2e

USER = "10221"
NAME_FREE_BUDGET_S = 1.0


# -- CanFulfillIntentRequest -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("intent", "slots", "with_token", "verdict"),
    [
        ("SleepIntent", {"date": "2026-11-24"}, True, "YES"),
        ("SleepIntent", {"date": "2026-11-24"}, False, "MAYBE"),
        ("BodyIntent", {"metric": ResolvedSlot("weight", "WEIGHT")}, True, "YES"),
        ("BodyIntent", {"metric": ResolvedSlot("shoe size", None)}, True, "NO"),
        ("AMAZON.HelpIntent", {}, True, "NO"),
        ("OrderPizzaIntent", {}, False, "NO"),
    ],
)
def test_a_name_free_question_is_answered_from_the_request_alone(
    product: Product, intent: str, slots: dict[str, str | ResolvedSlot | None], with_token: bool, verdict: str
) -> None:
    token = product.user(USER).access_token if with_token else None
    before = product.stats()
    reply = product.can_fulfill(intent, slots, access_token=token)
    after = product.stats()
    assert reply.status == 200 and reply.elapsed < NAME_FREE_BUDGET_S
    assert reply.response["canFulfillIntent"]["canFulfill"] == verdict
    assert "outputSpeech" not in reply.response and "card" not in reply.response
    # Nothing reached Withings (or the Alexa API): the sandbox counted no request at all.
    assert after["requests"] == before["requests"]
    assert product.log_line(reply.request_id)["outcome"] == "can_fulfill"


def test_name_free_questions_stay_fast(product: Product) -> None:
    started = time.monotonic()
    replies = [product.can_fulfill("SleepIntent", {"date": "2026-11-24"}) for _ in range(20)]
    elapsed = time.monotonic() - started
    assert all(r.response["canFulfillIntent"]["canFulfill"] == "MAYBE" for r in replies)
    assert max(r.elapsed for r in replies) < NAME_FREE_BUDGET_S and elapsed < 20 * NAME_FREE_BUDGET_S


# -- precise answers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "said"),
    [
        ("BEDTIME", "go to bed"),
        ("ASLEEP_TIME", "fall asleep"),
        ("WAKETIME", "wake up"),
        ("RISE_TIME", "get up"),
    ],
)
def test_each_time_of_the_night_has_its_own_answer(product: Product, metric: str, said: str) -> None:
    user = product.user(USER)
    slots = {"metric": ResolvedSlot(said, metric)}
    expect(product, USER, lambda: product.ask("SleepIntent", user, slots), last_night_time(metric))


def test_the_times_of_the_night_in_german(product: Product) -> None:
    user = product.user(USER)

    def fell_asleep(raw: Raw) -> Want:
        night = night_ending(raw, today_of(raw))
        assert night is not None
        return Want(f"Du bist letzte Nacht um {clock_de(night_times(raw, night)['asleep'])} eingeschlafen.")

    slots = {"metric": ResolvedSlot("eingeschlafen", "ASLEEP_TIME")}
    expect(product, USER, lambda: product.ask("SleepIntent", user, slots, locale="de-DE"), fell_asleep)


def test_how_active_was_i_is_active_time_and_steps(product: Product) -> None:
    user = product.user(USER)
    today = today_of(product.raw(USER))
    expect(
        product, USER, lambda: product.ask("ActivityIntent", user), lambda raw: activity_summary(raw, today)
    )
    yesterday = today - timedelta(days=1)
    expect(
        product,
        USER,
        lambda: product.ask("ActivityIntent", user, {"date": yesterday.isoformat()}),
        lambda raw: activity_summary(raw, yesterday),
    )


def test_a_trend_with_one_reading_compares_it_with_the_one_before(product: Product) -> None:
    user = product.user(USER)
    today = today_of(product.raw(USER))
    slots = {"period": today.isoformat(), "metric": ResolvedSlot("weight", "WEIGHT")}
    reply = expect(
        product,
        USER,
        lambda: product.ask("TrendIntent", user, slots),
        lambda raw: weight_trend(raw, today, today, "today"),
    )
    assert "from the last one before it" in reply.text or "same as the last one before it" in reply.text


@pytest.mark.parametrize(
    ("locale", "lead"),
    [
        ("en-US", "I didn't catch the date, so here's last night. You slept "),
        ("en-GB", "I didn't catch the date, so here's last night. You slept "),
        ("de-DE", "Das Datum habe ich nicht verstanden, deshalb hier letzte Nacht. Du hast letzte Nacht "),
    ],
)
def test_an_unreadable_date_is_answered_for_the_default_saying_so(
    product: Product, locale: str, lead: str
) -> None:
    user = product.user(USER)
    reply = product.ask("SleepIntent", user, {"date": "2026-13-45"}, locale=locale)
    assert reply.text.startswith(lead), reply.text
    line = product.log_line(reply.request_id)
    assert line["date_shape"] == "XXXX-XX-XX" and "2026-13-45" not in repr(line)
