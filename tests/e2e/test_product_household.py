"""A household on one Echo: two Withings users, each hears their own figures — through `serve`.

GIVEN two sandbox users whose figures differ (A, the shared account's, and B, a recognised speaker
who linked their own Withings account at profile level), both linked through the real /link routes —
B by the sandbox's next-approver control, as a second person signing in on the same Alexa app —
WHEN requests arrive from the same Echo and the same Alexa account, with context.System.person
carrying B's token, or only a personId, or nothing,
THEN the person's token gets B's figures, the account's token alone A's, a personId without a
token A's; a concurrent mix of all three never crosses; disabling the skill forgets both links.

Expectations come from the sandbox's raw data (tests/e2e/expectations.py), never from the skill.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import pytest

from devtools.envelopes import ResolvedSlot
from tests.e2e.expectations import (
    LINK_PROMPT,
    Raw,
    Want,
    latest_weight,
    steps_today,
)
from tests.e2e.expectations_nights import (
    last_night_sleep,
)
from tests.e2e.product_helpers import LinkedUser, Product, expect

pytestmark = pytest.mark.e2e

A, B = "10201", "10202"  # A: the shared account's Withings user; B: the recognised speaker's
PERSON_B = "amzn1.ask.person.E2EHOUSEHOLDB"
ECHO = "amzn1.ask.device.E2EHOUSEHOLD"
STEPS = {"metric": ResolvedSlot("steps", "STEPS")}
MIX_REQUESTS = 240
MIX_THREADS = 8
MIX_DEADLINE_S = 90.0


@dataclass(frozen=True)
class Household:
    account: LinkedUser  # A's link, the shared account (context.System.user)
    person_token: str  # B's link, the recognised speaker's own (context.System.person)


def household(product: Product, a: str = A, b: str = B, *, tag: str = "") -> Household:
    account_id = f"amzn1.ask.account.E2EHOUSE{tag}{product.auth}"
    shared = replace(product.link(a, alexa_user_id=account_id), device_id=ECHO)
    person = product.link(b, alexa_user_id=account_id, by_next_approver=True)
    return Household(shared, person.access_token)


def test_the_households_people_really_differ(product: Product) -> None:
    """The precondition that makes every check below able to fail: A's answers are not B's."""
    a, b = product.raw(A), product.raw(B)
    for want in (latest_weight, last_night_sleep, steps_today):
        assert want(a).text != want(b).text, want.__name__


def test_each_voice_hears_their_own_figures(product: Product) -> None:
    house = household(product)
    shared = house.account
    ask_weight = {
        "person": lambda: product.ask(
            "BodyIntent", shared, person_id=PERSON_B, person_token=house.person_token
        ),
        "account": lambda: product.ask("BodyIntent", shared),
        "personId only": lambda: product.ask("BodyIntent", shared, person_id=PERSON_B),
    }
    expect(product, B, ask_weight["person"], latest_weight)
    expect(product, A, ask_weight["account"], latest_weight)
    expect(product, A, ask_weight["personId only"], latest_weight)
    # Sleep and steps too: every data path resolves the same token.
    expect(
        product,
        B,
        lambda: product.ask("SleepIntent", shared, person_id=PERSON_B, person_token=house.person_token),
        last_night_sleep,
    )
    expect(
        product,
        B,
        lambda: product.ask(
            "ActivityIntent", shared, STEPS, person_id=PERSON_B, person_token=house.person_token
        ),
        steps_today,
    )
    expect(product, A, lambda: product.ask("ActivityIntent", shared, STEPS, person_id=PERSON_B), steps_today)


def test_the_log_line_says_who_spoke_and_never_names_them(product: Product) -> None:
    house = household(product, tag="LOG")
    shared = house.account
    replies = {
        "recognised_linked": product.ask(
            "BodyIntent", shared, person_id=PERSON_B, person_token=house.person_token
        ),
        "recognised": product.ask("BodyIntent", shared, person_id=PERSON_B),
        "unrecognised": product.ask("BodyIntent", shared),
    }
    for kind, reply in replies.items():
        line = product.log_line(reply.request_id)
        assert line["speaker"] == kind
        assert PERSON_B not in repr(line) and house.person_token not in repr(line)


@pytest.mark.timeout(240)
@pytest.mark.parametrize("product_stack", ["oauth1"], indirect=True)
def test_a_concurrent_mix_of_voices_never_crosses(product: Product) -> None:
    """240 weight questions from one Echo, the three kinds shuffled, eight at a time: 0 cross answers."""
    house = household(product, tag="MIX")
    shared = house.account
    wanted = {who: latest_weight(product.raw(who)).text for who in (A, B)}
    assert wanted[A] != wanted[B]
    kinds = {
        "person": (B, {"person_id": PERSON_B, "person_token": house.person_token}),
        "account": (A, {}),
        "personId only": (A, {"person_id": PERSON_B}),
    }
    plan = [kind for kind in kinds for _ in range(MIX_REQUESTS // len(kinds))]
    random.Random(20261127).shuffle(plan)
    stop_at = time.monotonic() + MIX_DEADLINE_S
    lock = threading.Lock()
    outcome: Counter[str] = Counter()
    crossed: list[tuple[str, str]] = []

    def one(kind: str) -> None:
        if time.monotonic() > stop_at:
            with lock:
                outcome["skipped"] += 1
            return
        owner, extra = kinds[kind]
        reply = product.ask("BodyIntent", shared, timeout=10, **extra)  # type: ignore[arg-type]
        with lock:
            if reply.status != 200:
                outcome["failed"] += 1
            elif reply.text == wanted[owner]:
                outcome["right"] += 1
            else:
                outcome["wrong"] += 1
                crossed.append((kind, reply.text))

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=MIX_THREADS) as pool:
        list(pool.map(one, plan))
    elapsed = time.monotonic() - started
    assert not crossed, f"{len(crossed)} answers were someone else's or wrong: {crossed[:3]}"
    assert outcome == Counter({"right": len(plan)}), (outcome, f"{elapsed:.1f} s")


def test_a_person_linking_at_profile_level_keeps_the_accounts_link(product: Product) -> None:
    house = household(product, "10203", "10204", tag="LINKED")
    shared = house.account
    # Alexa tells the skill about both links; the person's names its person.
    assert product.skill_event("SkillAccountLinked", shared).status == 200
    event = product.skill_event(
        "SkillAccountLinked", shared, linked_access_token=house.person_token, person_id=PERSON_B
    )
    assert event.status == 200
    expect(product, "10203", lambda: product.ask("BodyIntent", shared), latest_weight)
    expect(
        product,
        "10204",
        lambda: product.ask("BodyIntent", shared, person_id=PERSON_B, person_token=house.person_token),
        latest_weight,
    )


def test_disabling_the_skill_forgets_the_whole_household(product: Product) -> None:
    house = household(product, "10205", "10206", tag="DISABLED")
    shared = house.account
    # B asked once with their own link: that is enough for SkillDisabled to find it.
    expect(
        product,
        "10206",
        lambda: product.ask("BodyIntent", shared, person_id=PERSON_B, person_token=house.person_token),
        latest_weight,
    )
    product.skill_event("SkillAccountLinked", shared)
    assert product.skill_event("SkillDisabled", shared).status == 200

    def link_prompt(raw: Raw) -> Want:
        return Want(LINK_PROMPT)

    expect(product, "10205", lambda: product.ask("BodyIntent", shared), link_prompt)
    expect(
        product,
        "10206",
        lambda: product.ask("BodyIntent", shared, person_id=PERSON_B, person_token=house.person_token),
        link_prompt,
    )
