"""Deleting a link and everything issued for it, found through the index entries in its partition."""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING, Any

from skill.store.dynamodb import codec
from skill.store.dynamodb.client import call
from skill.store.dynamodb.codec import LINK, s
from skill.store.errors import ConditionFailed, StoreUnavailable

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import QueryInputTypeDef, QueryOutputTypeDef, WriteRequestTypeDef

    from skill.store.dynamodb.codec import Item, Key
    from skill.store.dynamodb.table import Table
    from skill.withings.deadline import Deadline

_BATCH = 25  # BatchWriteItem's limit


class PurgeItems:
    _table: Table

    def purge_link(self, link_id: str, deadline: Deadline | None) -> int:
        """The link item goes first, so every token stops resolving at once even if the rest is
        interrupted (leftovers point at nothing and expire by TTL)."""
        link_key = LINK.key(link_id)
        self._table.delete(link_key, deadline)
        keys: dict[Key, None] = {}
        mappings: list[Key] = []
        start: Item | None = None
        while True:
            out = self._query_page(link_key.pk, start, deadline)
            for item in out.get("Items", []):
                keys[codec.Key(codec.text(item, codec.PK) or "", codec.text(item, codec.SK) or "")] = None
                target = codec.ref_target(item)
                if target is None:
                    continue
                if codec.is_alexa_mapping(target):
                    mappings.append(target)
                else:
                    keys[target] = None
            start = out.get("LastEvaluatedKey")
            if not start:
                break
        self._batch_delete(list(keys), deadline)
        for mapping in mappings:
            self._delete_mapping_if(mapping, link_id, deadline)
        return len(keys) + len(mappings) + 1

    def _delete_mapping_if(self, key: Key, link_id: str, deadline: Deadline | None) -> None:
        """The Alexa user may have linked again since: only remove a mapping that still points here."""
        table = self._table
        with contextlib.suppress(ConditionFailed):
            call(
                lambda: table.client().delete_item(
                    TableName=table.name,
                    Key=key.attrs(),
                    ConditionExpression="#l = :link",
                    ExpressionAttributeNames=codec.names("#l"),
                    ExpressionAttributeValues={":link": s(link_id)},
                ),
                deadline,
            )

    def _query_page(self, pk: str, start: Item | None, deadline: Deadline | None) -> QueryOutputTypeDef:
        table = self._table
        params: QueryInputTypeDef = {
            "TableName": table.name,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": s(pk)},
            "ConsistentRead": True,
        }
        if start:
            params["ExclusiveStartKey"] = start
        return call(lambda: table.client().query(**params), deadline)

    def _batch_write(self, requests: list[WriteRequestTypeDef], deadline: Deadline | None) -> list[Any]:
        """Returns the requests DynamoDB left unprocessed."""
        table = self._table
        out = call(lambda: table.client().batch_write_item(RequestItems={table.name: requests}), deadline)
        return list(out.get("UnprocessedItems", {}).get(table.name, []))

    def _batch_delete(self, keys: list[Key], deadline: Deadline | None) -> None:
        for i in range(0, len(keys), _BATCH):
            requests: list[WriteRequestTypeDef] = [
                {"DeleteRequest": {"Key": key.attrs()}} for key in keys[i : i + _BATCH]
            ]
            for attempt in range(5):
                requests = self._batch_write(requests, deadline)
                if not requests:
                    break
                time.sleep(0.05 * 2**attempt)  # throttled: back off before resending the rest
            else:
                raise StoreUnavailable("DynamoDB left items unprocessed")
