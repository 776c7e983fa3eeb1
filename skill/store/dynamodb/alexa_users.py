"""Alexa user items: the hashed Alexa userId -> the link it belongs to (for SkillDisabled)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.store import clock, policy
from skill.store.dynamodb import codec
from skill.store.dynamodb.codec import ALEXA, LINK, n, s, text

if TYPE_CHECKING:
    from skill.store.dynamodb.table import Table
    from skill.withings.deadline import Deadline


class AlexaUserItems:
    _table: Table

    def alexa_link_id(self, alexa_user_id: str, deadline: Deadline | None) -> str | None:
        item = self._table.get(ALEXA.key(alexa_user_id), deadline)
        return None if item is None else text(item, "link_id")

    def map_alexa_user(self, alexa_user_id: str, link_id: str, deadline: Deadline | None) -> None:
        key = ALEXA.key(alexa_user_id)
        ttl = clock.now() + policy.REFRESH_TOKEN_SECONDS + policy.TTL_SLACK_SECONDS
        table = self._table
        table.transact(
            [
                {
                    # Never map to a link that is gone: a purge could not find the mapping afterwards.
                    "ConditionCheck": {
                        "TableName": table.name,
                        "Key": LINK.key(link_id).attrs(),
                        "ConditionExpression": "attribute_exists(pk)",
                    }
                },
                {
                    "Put": {
                        "TableName": table.name,
                        "Item": {
                            **key.attrs(),
                            "kind": s(ALEXA.kind),
                            "link_id": s(link_id),
                            codec.TTL: n(int(ttl)),
                        },
                    }
                },
                table.put_ref(link_id, key, ttl),
            ],
            deadline,
        )

    def unmap_alexa_user(self, alexa_user_id: str, deadline: Deadline | None) -> None:
        self._table.delete(ALEXA.key(alexa_user_id), deadline)
