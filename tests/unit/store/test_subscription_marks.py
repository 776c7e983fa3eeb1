"""The subscriptions' daily mark (skill.notifications.subscriptions), against both backends."""

from __future__ import annotations

from skill.store.base import Store
from skill.store.records import SubscriptionMark
from skill.withings.deadline import Deadline


def test_a_mark_is_kept_per_withings_user_replaced_and_deleted(store: Store) -> None:
    deadline = Deadline.after(5)
    assert store.subscription_mark("10001", deadline) is None
    store.put_subscription_mark("10001", SubscriptionMark(0.0, "https://a.example"), deadline)
    store.put_subscription_mark("10002", SubscriptionMark(5.0, "https://b.example"), deadline)
    store.put_subscription_mark("10001", SubscriptionMark(1764000000.5, "https://a.example"), deadline)
    assert store.subscription_mark("10001", deadline) == SubscriptionMark(1764000000.5, "https://a.example")
    store.delete_subscription_mark("10001", deadline)
    store.delete_subscription_mark("10001", deadline)  # idempotent
    assert store.subscription_mark("10001", deadline) is None
    assert store.subscription_mark("10002", deadline) == SubscriptionMark(5.0, "https://b.example")
