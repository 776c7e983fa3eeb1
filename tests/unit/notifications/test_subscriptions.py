"""Subscriptions: every appli at link time, a daily reconcile that re-subscribes what vanished, a
revoke on SkillDisabled — and none of it ever raises into a link or a question."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from skill.notifications import secret
from skill.notifications.subscriptions import RECONCILE_EVERY_S, Subscriber
from skill.store.memory import MemoryStore
from skill.store.records import SubscriptionMark
from skill.withings.auth import BearerAuth, RequestAuth
from skill.withings.deadline import Deadline
from skill.withings.errors import CallbackUnreachableError, ServiceError
from skill.withings.notify import SUBSCRIBED, Appli, Subscription

KEY = secret.derive_key(b"k" * 32)
BASE = "https://skill.example.test"
USERID = "10001"
URL = secret.callback_url(BASE, KEY, USERID)


@dataclass
class FakeWithings:
    """Withings' side of notify, as the sandbox keeps it: subscriptions per callback URL and appli."""

    subscribed: set[tuple[str, int]] = field(default_factory=set)
    calls: list[str] = field(default_factory=list)
    unreachable: set[int] = field(default_factory=set)
    down: bool = False

    def subscribe(self, callback_url: str, appli: Appli, *, deadline: Deadline, comment: str = "") -> None:
        self.calls.append(f"subscribe {int(appli)}")
        if self.down:
            raise ServiceError(503, "down")
        if int(appli) in self.unreachable:
            raise CallbackUnreachableError(293)
        self.subscribed.add((callback_url, int(appli)))

    def list(self, *, deadline: Deadline, appli: Appli | None = None) -> tuple[Subscription, ...]:
        self.calls.append("list")
        if self.down:
            raise ServiceError(503, "down")
        return tuple(Subscription(code, url, None, None) for url, code in sorted(self.subscribed))

    def revoke(self, callback_url: str, appli: Appli, *, deadline: Deadline) -> None:
        self.calls.append(f"revoke {int(appli)}")
        if self.down:
            raise ServiceError(503, "down")
        self.subscribed.discard((callback_url, int(appli)))


class Clock:
    def __init__(self) -> None:
        self.t = 1_764_000_000.0

    def __call__(self) -> float:
        return self.t


AUTH: RequestAuth = BearerAuth("token")
ALL = {(URL, int(a)) for a in SUBSCRIBED}


def subscriber(withings: FakeWithings, store: MemoryStore, clock: Clock, base: str = "") -> Subscriber:
    return Subscriber(
        api=lambda auth: withings, key=lambda: KEY, marks=store, now=clock, default_base_url=base
    )  # type: ignore[arg-type,return-value]


def test_a_link_subscribes_every_appli_with_the_users_own_url() -> None:
    withings, store, clock = FakeWithings(), MemoryStore(), Clock()
    assert subscriber(withings, store, clock).subscribe_all(AUTH, USERID, BASE, Deadline.after(6))
    assert withings.subscribed == ALL
    assert {int(a) for a in SUBSCRIBED} == {1, 2, 4, 16, 44}
    assert store.subscription_mark(USERID, None) == SubscriptionMark(clock.t, BASE)


def test_a_refused_probe_fails_nothing_and_the_next_question_finishes_the_job() -> None:
    withings, store, clock = FakeWithings(unreachable={44}), MemoryStore(), Clock()
    subs = subscriber(withings, store, clock)
    assert not subs.subscribe_all(AUTH, USERID, BASE, Deadline.after(6))
    assert store.subscription_mark(USERID, None) == SubscriptionMark(0.0, BASE)  # the URL is kept
    withings.unreachable.clear()
    subs.reconcile(AUTH, USERID, Deadline.after(8))
    assert withings.subscribed == ALL
    assert store.subscription_mark(USERID, None) == SubscriptionMark(clock.t, BASE)


def test_reconcile_runs_at_most_once_a_day_and_resubscribes_what_vanished() -> None:
    withings, store, clock = FakeWithings(), MemoryStore(), Clock()
    subs = subscriber(withings, store, clock)
    subs.subscribe_all(AUTH, USERID, BASE, Deadline.after(6))
    withings.subscribed.discard((URL, 16))  # Withings dropped one silently
    withings.calls.clear()
    clock.t += RECONCILE_EVERY_S - 60
    subs.reconcile(AUTH, USERID, Deadline.after(8))
    assert withings.calls == []  # not due: no Withings call, not even a list
    clock.t += 120
    subs.reconcile(AUTH, USERID, Deadline.after(8))
    assert withings.calls == ["list", "subscribe 16"]
    assert withings.subscribed == ALL


def test_another_container_reads_the_mark_instead_of_calling_withings() -> None:
    withings, store, clock = FakeWithings(), MemoryStore(), Clock()
    subscriber(withings, store, clock).subscribe_all(AUTH, USERID, BASE, Deadline.after(6))
    withings.calls.clear()
    subscriber(withings, store, clock).reconcile(AUTH, USERID, Deadline.after(8))
    assert withings.calls == []


def test_reconcile_never_costs_an_answer_its_time_nor_raises() -> None:
    withings, store, clock = FakeWithings(down=True), MemoryStore(), Clock()
    subs = subscriber(withings, store, clock, base=BASE)
    subs.reconcile(AUTH, USERID, Deadline.after(1.0))  # too little time left: skipped
    assert withings.calls == []
    subs.reconcile(AUTH, USERID, Deadline.after(8))  # Withings down: logged, no exception
    assert withings.calls == ["list"]
    subs.reconcile(AUTH, USERID, Deadline.after(8))  # and not retried at every question
    assert withings.calls == ["list"]


def test_disable_revokes_every_appli_and_forgets_the_mark() -> None:
    withings, store, clock = FakeWithings(), MemoryStore(), Clock()
    subs = subscriber(withings, store, clock)
    subs.subscribe_all(AUTH, USERID, BASE, Deadline.after(6))
    subs.revoke_all(AUTH, USERID, Deadline.after(5))
    assert withings.subscribed == set()
    assert store.subscription_mark(USERID, None) is None


@pytest.mark.parametrize("down", [True, False])
def test_revoke_never_raises(down: bool) -> None:
    withings, store, clock = FakeWithings(down=down), MemoryStore(), Clock()
    subscriber(withings, store, clock, base=BASE).revoke_all(AUTH, USERID, Deadline.after(5))
