"""What every part of the DynamoDB backend shares: the table, its client, the sealer, and the calls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from skill.store.dynamodb import codec
from skill.store.dynamodb.client import call

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef, UpdateItemInputTypeDef

    from skill.store.crypto import Sealer
    from skill.store.dynamodb.codec import Item, Key
    from skill.withings.deadline import Deadline


class Table:
    def __init__(self, name: str, sealer: Callable[[], Sealer], client: Callable[[], DynamoDBClient]) -> None:
        self.name = name
        self._sealer_factory = sealer
        self._sealer: Sealer | None = None
        self.client = client

    def seal(self, plaintext: bytes, key: Key) -> bytes:
        return self._get_sealer().seal(plaintext, key.aad())

    def open(self, blob: bytes, key: Key) -> bytes:
        return self._get_sealer().open(blob, key.aad())

    def keyed_id(self, value: str) -> str:
        return self._get_sealer().keyed_id(value)

    def _get_sealer(self) -> Sealer:
        if self._sealer is None:
            self._sealer = self._sealer_factory()  # deferred: the key is a secret fetched on demand
        return self._sealer

    def get(self, key: Key, deadline: Deadline | None) -> Item | None:
        out = call(
            lambda: self.client().get_item(TableName=self.name, Key=key.attrs(), ConsistentRead=True),
            deadline,
        )
        return out.get("Item")

    def delete(self, key: Key, deadline: Deadline | None) -> None:
        call(lambda: self.client().delete_item(TableName=self.name, Key=key.attrs()), deadline)

    def transact(self, items: Sequence[TransactWriteItemTypeDef], deadline: Deadline | None) -> None:
        call(lambda: self.client().transact_write_items(TransactItems=list(items)), deadline)

    def update(
        self, key: Key, *, update: str, condition: str, values: Item, deadline: Deadline | None
    ) -> None:
        params: UpdateItemInputTypeDef = {
            "TableName": self.name,
            "Key": key.attrs(),
            "UpdateExpression": update,
            "ConditionExpression": condition,
        }
        placeholders = codec.names(update + " " + condition)
        if placeholders:
            params["ExpressionAttributeNames"] = placeholders
        if values:
            params["ExpressionAttributeValues"] = values
        call(lambda: self.client().update_item(**params), deadline)

    def put_ref(self, link_id: str, target: Key, ttl: float) -> TransactWriteItemTypeDef:
        """The transaction step that writes the link's index entry for `target` (for the purge)."""
        return {"Put": {"TableName": self.name, "Item": codec.ref_item(link_id, target, ttl)}}
