"""Withings notifications and the per-user cache, end to end (both modes): `serve`, DynamoDB Local
and the sandbox, each its own process. The sandbox counts every data call a user's credentials make,
so "no Withings call" is something the test can see, not something the skill says about itself.

Each test links its own sandbox user (ids 10400+): the cache is per Withings user, so a test never
inherits another's cached answers.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import urllib.parse
from typing import Any

import pytest
import requests

from tests.e2e import expectations
from tests.e2e.product_helpers import REQUEST_TIMEOUT_S, LinkedUser, Product, Reply, expect
from tests.e2e.sandbox_notify import SandboxNotify

pytestmark = pytest.mark.e2e

SUBSCRIBED = {1, 2, 4, 16, 44}
_userids = itertools.count(10400)


def fresh_user(product: Product) -> LinkedUser:
    return product.link(str(next(_userids)))


def notify_of(product: Product) -> SandboxNotify:
    return SandboxNotify(product.stack.sandbox_url, product.session())


def data_calls(product: Product, userid: str) -> int:
    return int(notify_of(product).calls(userid)["data"])


def subscriptions(product: Product, userid: str) -> list[dict[str, Any]]:
    return notify_of(product).subscriptions(userid)


def weight(product: Product, user: LinkedUser) -> Reply:
    reply = product.ask("BodyIntent", user)
    assert reply.status == 200, reply.body
    return reply


def table_items(product: Product) -> list[dict[str, Any]]:
    client = product.table_client()
    items: list[dict[str, Any]] = []
    for page in client.get_paginator("scan").paginate(TableName=product.stack.env["TABLE_NAME"]):
        items += page["Items"]
    return items


def user_partitions(product: Product, userid: str) -> set[str]:
    """The table's partitions that belong to one Withings user (keyed by Sealer.keyed_id, as the
    skill keys them: the test derives the id from the stack's TOKEN_KEY, not from the skill)."""
    key = base64.b64decode(product.stack.env["TOKEN_KEY"])
    id_key = hmac.new(key, b"skill.store keyed ids v1", hashlib.sha256).digest()
    ident = hmac.new(id_key, userid.encode(), hashlib.sha256).hexdigest()
    return {item["pk"]["S"] for item in table_items(product) if item["pk"]["S"].endswith(f"#{ident}")}


def callback_of(product: Product, userid: str) -> str:
    [url] = {sub["callbackurl"] for sub in subscriptions(product, userid)}
    return str(url)


# -- subscriptions -------------------------------------------------------------------------------------


def test_linking_subscribes_the_user_to_every_kind_of_data(product: Product) -> None:
    user = fresh_user(product)
    subs = subscriptions(product, user.withings_user)
    assert {int(sub["appli"]) for sub in subs} == SUBSCRIBED
    url = callback_of(product, user.withings_user)
    assert url.startswith(f"{product.stack.skill_url}/withings/notify?s=")
    other = fresh_user(product)
    assert callback_of(product, other.withings_user) != url  # a secret per Withings user


# -- the cache -------------------------------------------------------------------------------------------


def test_a_repeated_question_makes_no_second_withings_call(product: Product) -> None:
    user = fresh_user(product)
    first = expect(product, user.withings_user, lambda: weight(product, user), expectations.latest_weight)
    calls = data_calls(product, user.withings_user)
    assert calls >= 1
    second = weight(product, user)
    assert second.text == first.text
    assert data_calls(product, user.withings_user) == calls


def test_a_new_weigh_in_reaches_the_next_answer_through_a_notification(product: Product) -> None:
    user = fresh_user(product)
    before = weight(product, user)
    sandbox = notify_of(product)
    delivered = len(sandbox.deliveries())
    sandbox.add_weight(user.withings_user, 91.7)
    done = sandbox.deliveries(wait=delivered + 1)
    mine = [d for d in done if str(d["userid"]) == user.withings_user and int(d["appli"]) == 1]
    assert mine and all(d["status"] == 200 for d in mine), mine
    after = expect(product, user.withings_user, lambda: weight(product, user), expectations.latest_weight)
    assert after.text != before.text
    assert expectations.pounds(91.7) in after.text


# -- forged and malformed notifications ---------------------------------------------------------------


def notify(product: Product, query: str, form: dict[str, str] | str) -> requests.Response:
    body = form if isinstance(form, str) else urllib.parse.urlencode(form)
    return requests.post(
        f"{product.stack.skill_url}/withings/notify?{query}",
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        timeout=REQUEST_TIMEOUT_S,
    )


def test_forged_and_malformed_notifications_change_nothing(product: Product) -> None:
    victim, other = fresh_user(product), fresh_user(product)
    weight(product, victim)
    calls = data_calls(product, victim.withings_user)
    own_secret = urllib.parse.urlsplit(callback_of(product, victim.withings_user)).query
    others_secret = urllib.parse.urlsplit(callback_of(product, other.withings_user)).query
    form = {"userid": victim.withings_user, "appli": "1", "startdate": "0", "enddate": "4102444800"}
    assert notify(product, "", form).status_code == 403  # no secret
    assert notify(product, others_secret, form).status_code == 403  # another user's
    assert notify(product, own_secret, {**form, "appli": "weight"}).status_code == 400
    assert notify(product, own_secret, "%zz=\xff").status_code == 400
    assert requests.head(f"{product.stack.skill_url}/withings/notify", timeout=5).status_code == 200
    weight(product, victim)
    assert data_calls(product, victim.withings_user) == calls  # still answered from the cache
    # The authentic one does invalidate: the next question asks Withings again.
    assert notify(product, own_secret, form).status_code == 200
    weight(product, victim)
    assert data_calls(product, victim.withings_user) > calls


# -- disable, and what the table holds ------------------------------------------------------------------


def test_disable_revokes_the_subscriptions_and_purges_the_cache(product: Product) -> None:
    user = fresh_user(product)
    weight(product, user)
    mine = user_partitions(product, user.withings_user)
    assert any(pk.startswith("CACHE#") for pk in mine) and any(pk.startswith("SUBS#") for pk in mine), mine
    assert subscriptions(product, user.withings_user)
    reply = product.skill_event("SkillDisabled", user)
    assert reply.status == 200
    assert subscriptions(product, user.withings_user) == []
    # Nothing of the user's is left: not their cache, not their subscriptions' mark.
    assert user_partitions(product, user.withings_user) == set()
    asked = product.ask("BodyIntent", user)
    assert expectations.LINK_PROMPT in asked.text


def test_a_table_dump_shows_no_health_value(product: Product) -> None:
    user = fresh_user(product)
    raw = product.raw(user.withings_user)
    for intent in ("BodyIntent", "ActivityIntent", "SleepIntent", "BloodPressureIntent"):
        assert product.ask(intent, user).status == 200
    dump = "\n".join(_values(table_items(product)))
    kg = expectations.latest_weight_kg(raw)
    for needle in (f"{kg:.1f}", f"{kg:.2f}", str(round(kg * 1000)), user.withings_user):
        assert needle not in dump, needle


def _values(items: list[dict[str, Any]]) -> list[str]:
    """Every attribute value of the dump as text, but numbers that are instants (epoch seconds: fetch
    times, TTLs), which would contain a weight's digits by chance."""
    out: list[str] = []
    for item in items:
        for value in item.values():
            if "S" in value:
                out.append(value["S"])
            elif "B" in value:
                out.append(repr(bytes(value["B"])))
            elif "N" in value and float(value["N"]) < 1_000_000_000:
                out.append(value["N"])
    return out
