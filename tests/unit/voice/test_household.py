"""One Echo, a household: the recognised speaker's own link wins, everyone else hears the account's.

Two linked Withings users: A behind the shared account's token (context.System.user.accessToken),
B behind a recognised speaker's own token (context.System.person.accessToken). Each has a data
client of their own here, so an answer names whose data it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from devtools.envelopes import intent_request
from skill.accounts import LinkedAccount
from skill.voice import context as voice_context
from skill.withings.auth import BearerAuth, RequestAuth

from .conftest import ACCOUNT, TODAY, TOKEN, FakeApi, Harness, group, local, speech

PERSON = "amzn1.ask.person.B1234567890"
PERSON_TOKEN = "person-token"
ACCOUNT_B = LinkedAccount("link-B", BearerAuth("withings-token-B"), "10002")


@dataclass
class Household:
    apis: dict[str, FakeApi] = field(default_factory=dict)  # Withings access token -> that user's data

    def client(self, auth: RequestAuth, reauthorize: Any) -> FakeApi:
        assert isinstance(auth, BearerAuth)
        return self.apis[auth.access_token]


@pytest.fixture
def household(harness: Harness) -> Harness:
    harness.accounts.link(PERSON_TOKEN, ACCOUNT_B)
    people = Household(
        {
            "withings-token": FakeApi(groups=[group(local(TODAY, 7, 12), {1: 80.0})]),
            "withings-token-B": FakeApi(groups=[group(local(TODAY, 6, 40), {1: 61.0})]),
        }
    )
    harness.data_client = people.client
    return harness


A_WEIGHT = "176.4 pounds as of your 7:12 AM weigh-in."
B_WEIGHT = "134.5 pounds as of your 6:40 AM weigh-in."


def weight(harness: Harness, **kw: Any) -> str:
    return speech(harness.ask(intent_request("BodyIntent", **kw)))


def test_a_recognised_speaker_with_their_own_link_hears_their_own_data(household: Harness) -> None:
    assert weight(household, access_token=TOKEN, person_id=PERSON, person_token=PERSON_TOKEN) == B_WEIGHT


def test_the_shared_accounts_token_alone_is_the_accounts_data(household: Harness) -> None:
    assert weight(household, access_token=TOKEN) == A_WEIGHT


def test_a_recognised_speaker_without_a_link_of_their_own_hears_the_account(household: Harness) -> None:
    assert weight(household, access_token=TOKEN, person_id=PERSON) == A_WEIGHT


def test_a_persons_own_link_works_without_an_account_link(household: Harness) -> None:
    assert weight(household, person_id=PERSON, person_token=PERSON_TOKEN) == B_WEIGHT


def test_no_token_at_all_is_the_link_prompt(household: Harness) -> None:
    result = household.ask(intent_request("BodyIntent", person_id=PERSON))
    assert result["response"]["card"] == {"type": "LinkAccount"}


def test_a_person_asking_with_their_own_link_is_remembered_for_skill_disabled(household: Harness) -> None:
    weight(household, access_token=TOKEN, person_id=PERSON, person_token=PERSON_TOKEN)
    weight(household, access_token=TOKEN, person_id=PERSON)  # hears the account: nothing to remember
    assert household.accounts.people == [("amzn1.ask.account.TESTUSER", PERSON, ACCOUNT_B.link_id)]


def test_the_log_line_says_who_spoke_but_never_names_them(
    household: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines: list[dict[str, Any]] = []
    monkeypatch.setattr(voice_context, "log_event", lambda event, level=20, **f: lines.append(f))
    weight(household, access_token=TOKEN, person_id=PERSON, person_token=PERSON_TOKEN)
    weight(household, access_token=TOKEN, person_id=PERSON)
    weight(household, access_token=TOKEN)
    assert [(line["speaker"], line["link_id"]) for line in lines] == [
        ("recognised_linked", ACCOUNT_B.link_id),
        ("recognised", ACCOUNT.link_id),
        ("unrecognised", ACCOUNT.link_id),
    ]
    text = repr(lines)
    assert PERSON not in text and PERSON_TOKEN not in text and TOKEN not in text
