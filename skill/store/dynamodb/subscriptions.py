"""The per-Withings-user mark of the notification subscriptions (skill.notifications.subscriptions).

`SUBS#<keyed_id(userid)>` / `SUBS`: when the subscriptions were last known complete and the public base
URL they were made with. Nothing in it is a secret or a health value; its TTL follows the links'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.store import clock, policy
from skill.store.dynamodb import codec
from skill.store.dynamodb.client import call
from skill.store.dynamodb.codec import SUBSCRIPTIONS, n, num, s, text
from skill.store.records import SubscriptionMark

if TYPE_CHECKING:
    from skill.store.dynamodb.codec import Key
    from skill.store.dynamodb.table import Table
    from skill.withings.deadline import Deadline


class SubscriptionItems:
    _table: Table

    def _key(self, withings_userid: str) -> Key:
        return SUBSCRIPTIONS.key(self._table.keyed_id(withings_userid))

    def subscription_mark(self, withings_userid: str, deadline: Deadline | None) -> SubscriptionMark | None:
        item = self._table.get(self._key(withings_userid), deadline)
        if item is None:
            return None
        return SubscriptionMark(num(item, "checked_at") or 0.0, text(item, "base_url") or "")

    def put_subscription_mark(
        self, withings_userid: str, mark: SubscriptionMark, deadline: Deadline | None
    ) -> None:
        table = self._table
        ttl = clock.now() + policy.REFRESH_TOKEN_SECONDS + policy.TTL_SLACK_SECONDS
        item = {
            **self._key(withings_userid).attrs(),
            "kind": s(SUBSCRIPTIONS.kind),
            "checked_at": n(mark.checked_at),
            "base_url": s(mark.base_url),
            codec.TTL: n(int(ttl)),
        }
        call(lambda: table.client().put_item(TableName=table.name, Item=item), deadline)

    def delete_subscription_mark(self, withings_userid: str, deadline: Deadline | None) -> None:
        self._table.delete(self._key(withings_userid), deadline)
