"""Alexa user items: the hashed Alexa userId -> the link it belongs to (for SkillDisabled).

A household's recognised speakers who linked their own Withings account (profile-level linking) are
mapped beside it, in the same partition: `ALEXA#<hash(userId)>` / `ALEXA#PERSON#<hash(personId)>`, so
SkillDisabled — which names the account, not a person — finds every link of the household.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.store import clock, policy
from skill.store.dynamodb import codec
from skill.store.dynamodb.client import call
from skill.store.dynamodb.codec import ALEXA, LINK, n, person_key, s, text

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import QueryInputTypeDef, QueryOutputTypeDef

    from skill.store.dynamodb.codec import Item, Key
    from skill.store.dynamodb.table import Table
    from skill.withings.deadline import Deadline


def _key(alexa_user_id: str, person_id: str | None) -> Key:
    return ALEXA.key(alexa_user_id) if person_id is None else person_key(alexa_user_id, person_id)


class AlexaUserItems:
    _table: Table

    def alexa_link_id(
        self, alexa_user_id: str, deadline: Deadline | None, *, person_id: str | None = None
    ) -> str | None:
        item = self._table.get(_key(alexa_user_id, person_id), deadline)
        return None if item is None else text(item, "link_id")

    def map_alexa_user(
        self, alexa_user_id: str, link_id: str, deadline: Deadline | None, *, person_id: str | None = None
    ) -> None:
        key = _key(alexa_user_id, person_id)
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

    def unmap_alexa_user(
        self, alexa_user_id: str, deadline: Deadline | None, *, person_id: str | None = None
    ) -> None:
        self._table.delete(_key(alexa_user_id, person_id), deadline)

    def person_link_ids(self, alexa_user_id: str, deadline: Deadline | None) -> list[str]:
        table = self._table
        found: list[str] = []
        start: Item | None = None
        while True:
            params: QueryInputTypeDef = {
                "TableName": table.name,
                "KeyConditionExpression": "pk = :pk AND begins_with(sk, :person)",
                "ExpressionAttributeValues": {
                    ":pk": s(ALEXA.key(alexa_user_id).pk),
                    ":person": s(codec.PERSON_SK_PREFIX),
                },
                "ConsistentRead": True,
            }
            if start:
                params["ExclusiveStartKey"] = start
            out = _query(table, params, deadline)
            found += [link for item in out.get("Items", []) if (link := text(item, "link_id"))]
            start = out.get("LastEvaluatedKey")
            if not start:
                return sorted(set(found))


def _query(table: Table, params: QueryInputTypeDef, deadline: Deadline | None) -> QueryOutputTypeDef:
    return call(lambda: table.client().query(**params), deadline)
