"""NotifyApi over mocked HTTP (both auth modes, every action, the notify statuses) and the Gate."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import responses
from oauthlib.oauth1 import SIGNATURE_TYPE_QUERY, Client

from skill.withings import transport
from skill.withings.api import WithingsApi
from skill.withings.auth import BearerAuth, OAuth1Credentials, RequestAuth
from skill.withings.deadline import Deadline
from skill.withings.errors import (
    AuthError,
    CallbackUnreachableError,
    CallbackUrlError,
    InvalidParamsError,
    RefusedAfterRefreshError,
    ServiceError,
    TooManySubscriptionsError,
    WithingsTimeoutError,
)
from skill.withings.notify import SUBSCRIBED, Appli, NotifyApi, Subscription
from skill.withings.oauth1 import OAuth1Auth

BASE = "https://wbsapi.test"
NOTIFY = f"{BASE}/notify"
CALLBACK = "https://skill.example.test/withings/notify?s=secret-per-user"
OK = {"status": 0, "body": {}}
MORE = {"status": 0, "body": {"activities": [], "more": True, "offset": 30}}


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rs:
        yield rs


def form(call) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(call.request.body).items()}


def query(call) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(call.request.url).query).items()}


def deadline() -> Deadline:
    return Deadline.after(5)


def bearer() -> NotifyApi:
    return NotifyApi(BearerAuth("tok-2"), BASE + "/")


CREDS = OAuth1Credentials("ckey", "csecret", "tkey", "tsecret", "4242")


class Gatekeeper:
    """A Gate that records each call, and refuses once `allow` calls have passed."""

    def __init__(self, allow: int | None = None) -> None:
        self.calls: list[Deadline] = []
        self.allow = allow

    def __call__(self, dl: Deadline) -> None:
        if self.allow is not None and len(self.calls) >= self.allow:
            raise BudgetSpent
        self.calls.append(dl)


class BudgetSpent(Exception):
    """Stands in for the app-wide budget's own error (not a WithingsError)."""


# --- the requests, both auth modes ---------------------------------------------------------------


def test_subscribe_over_oauth2_is_a_bearer_post_with_the_fields(mocked):
    mocked.post(NOTIFY, json=OK)

    bearer().subscribe(CALLBACK, Appli.SLEEP, deadline=deadline())

    (call,) = mocked.calls
    assert call.request.method == "POST"
    assert call.request.headers["Authorization"] == "Bearer tok-2"
    assert form(call) == {
        "action": "subscribe",
        "callbackurl": CALLBACK,
        "appli": "44",
        "comment": "Alexa skill",
    }


def test_subscribe_over_oauth1_is_a_signed_get_that_an_independent_verifier_accepts(mocked):
    mocked.get(NOTIFY, json=OK)
    api = NotifyApi(OAuth1Auth(CREDS, nonce_factory=lambda: "n0nce", clock=lambda: 1_700_000_000), BASE)

    api.subscribe(CALLBACK, Appli.WEIGHT, deadline=deadline(), comment="mine")

    (call,) = mocked.calls
    assert call.request.method == "GET"
    assert not call.request.body
    sent = query(call)
    assert {k: sent[k] for k in ("action", "callbackurl", "appli", "comment", "userid")} == {
        "action": "subscribe",
        "callbackurl": CALLBACK,
        "appli": "1",
        "comment": "mine",
        "userid": "4242",
    }
    # oauthlib signs the same parameters itself: the signature must be the one it computes.
    unsigned = {k: v for k, v in sent.items() if k != "oauth_signature"}
    oracle = Client(
        "ckey",
        client_secret="csecret",
        resource_owner_key="tkey",
        resource_owner_secret="tsecret",
        signature_type=SIGNATURE_TYPE_QUERY,
        nonce="n0nce",
        timestamp="1700000000",
    )
    params = {k: v for k, v in unsigned.items() if not k.startswith("oauth_")}

    signed, _, _ = oracle.sign(f"{NOTIFY}?{urlencode(params)}")
    assert query_of(signed)["oauth_signature"] == sent["oauth_signature"]


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_list_reads_profiles_and_skips_garbled_ones(mocked):
    mocked.post(
        NOTIFY,
        json={
            "status": 0,
            "body": {
                "profiles": [
                    {"appli": 1, "callbackurl": CALLBACK, "expires": 2147483647, "comment": "Alexa skill"},
                    {"appli": 99, "callbackurl": "https://other.test/cb", "expires": None},
                    {"callbackurl": "https://no-appli.test"},
                    "not an object",
                    {"appli": 44, "callbackurl": ""},
                ]
            },
        },
    )

    subs = bearer().list(deadline=deadline())

    assert form(mocked.calls[0]) == {"action": "list"}
    assert subs == (
        Subscription(1, CALLBACK, "Alexa skill", datetime(2038, 1, 19, 3, 14, 7, tzinfo=UTC)),
        Subscription(99, "https://other.test/cb", None, None),
    )
    assert subs[0].appli is Appli.WEIGHT
    assert subs[1].appli is Appli.UNKNOWN


def test_list_of_one_appli_sends_it_and_an_empty_body_is_no_subscription(mocked):
    mocked.post(NOTIFY, json={"status": 0, "body": {}})

    assert bearer().list(deadline=deadline(), appli=Appli.ACTIVITY) == ()
    assert form(mocked.calls[0]) == {"action": "list", "appli": "16"}


def test_get_returns_the_subscription_or_none(mocked):
    mocked.post(NOTIFY, json={"status": 0, "body": {"appli": 4, "callbackurl": CALLBACK, "comment": "c"}})
    mocked.post(NOTIFY, json={"status": 286, "body": {}, "error": "no such subscription"})
    api = bearer()

    assert api.get(CALLBACK, Appli.PRESSURE, deadline=deadline()) == Subscription(4, CALLBACK, "c", None)
    assert api.get(CALLBACK, Appli.PRESSURE, deadline=deadline()) is None
    assert form(mocked.calls[0]) == {"action": "get", "callbackurl": CALLBACK, "appli": "4"}


def test_revoke_sends_url_and_appli_and_a_missing_subscription_is_success(mocked):
    mocked.post(NOTIFY, json=OK)
    mocked.post(NOTIFY, json={"status": 294, "body": {}})
    mocked.post(NOTIFY, json={"status": 286, "body": {}})
    api = bearer()

    for _ in range(3):
        assert api.revoke(CALLBACK, Appli.TEMPERATURE, deadline=deadline()) is None
    assert [form(c) for c in mocked.calls] == [
        {"action": "revoke", "callbackurl": CALLBACK, "appli": "2"}
    ] * 3


def test_revoke_still_raises_what_is_not_a_missing_subscription(mocked):
    mocked.post(NOTIFY, json={"status": 401, "body": {}, "error": "invalid_token"})
    mocked.post(NOTIFY, json={"status": 2555, "body": {}})

    with pytest.raises(AuthError):
        bearer().revoke(CALLBACK, Appli.SLEEP, deadline=deadline())
    with pytest.raises(Exception) as raised:
        bearer().revoke(CALLBACK, Appli.SLEEP, deadline=deadline())
    assert raised.value.status == 2555  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("status", "error", "transient"),
    [
        (293, CallbackUnreachableError, True),
        (343, CallbackUrlError, False),
        (305, TooManySubscriptionsError, False),
        (2554, Exception, False),
    ],
)
def test_subscribe_statuses_raise_their_errors(mocked, status, error, transient):
    mocked.post(NOTIFY, json={"status": status, "body": {}, "error": "from Withings"})

    with pytest.raises(error) as raised:
        bearer().subscribe(CALLBACK, Appli.WEIGHT, deadline=deadline())
    assert raised.value.status == status  # type: ignore[attr-defined]
    assert raised.value.transient is transient  # type: ignore[attr-defined]
    assert raised.value.error == "from Withings"  # type: ignore[attr-defined]


def test_a_url_error_is_still_an_invalid_params_error(mocked):
    mocked.post(NOTIFY, json={"status": 293, "body": {}})

    with pytest.raises(InvalidParamsError):
        bearer().subscribe(CALLBACK, Appli.WEIGHT, deadline=deadline())


def test_appli_unknown_is_never_sent():
    with pytest.raises(ValueError, match="UNKNOWN"):
        bearer().subscribe(CALLBACK, Appli.UNKNOWN, deadline=deadline())


def test_the_subscribed_set_is_what_the_design_lists():
    assert [int(a) for a in SUBSCRIBED] == [1, 2, 4, 16, 44]


def test_a_refused_token_is_refreshed_once_and_the_revoke_retried(mocked):
    mocked.post(NOTIFY, json={"status": 401, "body": {}})
    mocked.post(NOTIFY, json=OK)
    asked: list[RequestAuth] = []

    def reauthorize(refused: RequestAuth, dl: Deadline) -> RequestAuth:
        asked.append(refused)
        return BearerAuth("fresh")

    api = NotifyApi(BearerAuth("stale"), BASE, reauthorize=reauthorize)
    api.revoke(CALLBACK, Appli.WEIGHT, deadline=deadline())

    assert asked == [BearerAuth("stale")]
    assert [c.request.headers["Authorization"] for c in mocked.calls] == ["Bearer stale", "Bearer fresh"]


def test_the_fresh_token_refused_too_is_not_a_refused_grant(mocked):
    mocked.post(NOTIFY, json={"status": 401, "body": {}})
    mocked.post(NOTIFY, json={"status": 401, "body": {}})
    api = NotifyApi(BearerAuth("stale"), BASE, reauthorize=lambda refused, dl: BearerAuth("fresh"))

    with pytest.raises(RefusedAfterRefreshError):
        api.subscribe(CALLBACK, Appli.WEIGHT, deadline=deadline())


def test_subscription_repr_hides_the_callback_secret():
    assert "secret" not in repr(Subscription(1, CALLBACK, None, None))


# --- the Gate --------------------------------------------------------------------------------


def test_the_gate_runs_before_each_notify_request(mocked):
    mocked.post(NOTIFY, json=OK)
    mocked.post(NOTIFY, json=OK)
    gate = Gatekeeper()
    api = NotifyApi(BearerAuth("t"), BASE, gate=gate)
    dl = deadline()

    api.subscribe(CALLBACK, Appli.WEIGHT, deadline=dl)
    api.list(deadline=dl)

    assert gate.calls == [dl, dl]


def test_what_the_gate_raises_propagates_and_nothing_is_sent(mocked):
    api = NotifyApi(BearerAuth("t"), BASE, gate=Gatekeeper(allow=0))

    with pytest.raises(BudgetSpent):
        api.subscribe(CALLBACK, Appli.WEIGHT, deadline=deadline())
    assert len(mocked.calls) == 0


def test_the_data_client_gates_every_page(mocked):
    mocked.post(f"{BASE}/v2/measure", json=MORE)
    mocked.post(f"{BASE}/v2/measure", json={"status": 0, "body": {"activities": [], "more": False}})
    gate = Gatekeeper()
    api = WithingsApi(BearerAuth("t"), BASE, gate=gate)

    api.get_activity(datetime(2026, 11, 1).date(), datetime(2026, 11, 2).date(), deadline=deadline())

    assert len(mocked.calls) == 2
    assert len(gate.calls) == 2


def test_the_gate_refusing_the_second_page_stops_the_call_there(mocked):
    mocked.post(f"{BASE}/v2/measure", json=MORE)
    api = WithingsApi(BearerAuth("t"), BASE, gate=Gatekeeper(allow=1))

    with pytest.raises(BudgetSpent):
        api.get_activity(datetime(2026, 11, 1).date(), datetime(2026, 11, 2).date(), deadline=deadline())
    assert len(mocked.calls) == 1


def test_a_transport_retry_passes_the_gate_again(mocked, monkeypatch):
    monkeypatch.setattr(transport, "_sleep", lambda seconds: None)
    mocked.post(f"{BASE}/v2/user", status=502)
    mocked.post(f"{BASE}/v2/user", json={"status": 0, "body": {"goals": {"steps": 9000}}})
    gate = Gatekeeper()

    WithingsApi(BearerAuth("t"), BASE, gate=gate).get_goals(deadline=deadline())

    assert len(mocked.calls) == 2
    assert len(gate.calls) == 2


def test_a_gate_refusing_the_transport_retry_propagates(mocked, monkeypatch):
    monkeypatch.setattr(transport, "_sleep", lambda seconds: None)
    mocked.post(f"{BASE}/v2/user", status=502)

    with pytest.raises(BudgetSpent):
        WithingsApi(BearerAuth("t"), BASE, gate=Gatekeeper(allow=1)).get_goals(deadline=deadline())
    assert len(mocked.calls) == 1


def test_the_retry_after_a_refusal_passes_the_gate(mocked):
    mocked.post(f"{BASE}/v2/user", json={"status": 401, "body": {}})
    mocked.post(f"{BASE}/v2/user", json={"status": 0, "body": {"goals": {}}})
    gate = Gatekeeper()
    api = WithingsApi(BearerAuth("old"), BASE, gate=gate, reauthorize=lambda r, d: BearerAuth("new"))

    api.get_goals(deadline=deadline())

    assert len(gate.calls) == 2


def test_an_exhausted_deadline_fails_before_the_gate_counts_a_request(mocked):
    gate = Gatekeeper()

    with pytest.raises(WithingsTimeoutError):
        NotifyApi(BearerAuth("t"), BASE, gate=gate).list(deadline=Deadline(0.0))
    assert gate.calls == []


def test_no_gate_no_change(mocked):
    mocked.post(NOTIFY, json={"status": 522, "body": {}})

    with pytest.raises(WithingsTimeoutError):
        bearer().list(deadline=deadline())


def test_a_non_envelope_answer_is_a_service_error(mocked):
    mocked.post(NOTIFY, body="<html>gateway</html>", status=200)

    with pytest.raises(ServiceError):
        bearer().list(deadline=deadline())
